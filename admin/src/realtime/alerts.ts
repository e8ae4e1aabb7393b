/**
 * Inbox alerts: a browser notification (when the agent allowed them) and a short beep made with WebAudio,
 * so nothing is downloaded. Browsers only let a page ask for notifications and play sound after a user
 * gesture, so both are unlocked from a click.
 */
let audio: AudioContext | null = null;

/** Call from a click or key press: creates the audio context and asks for notification permission once. */
export async function unlockAlerts(askForNotifications: boolean) {
  if (!audio && typeof AudioContext !== 'undefined') audio = new AudioContext();
  if (audio?.state === 'suspended') await audio.resume().catch(() => undefined);
  if (askForNotifications && typeof Notification !== 'undefined' && Notification.permission === 'default') {
    await Notification.requestPermission().catch(() => undefined);
  }
}

/** Whether the agent has allowed browser notifications. */
export const notificationsAllowed = () => typeof Notification !== 'undefined' && Notification.permission === 'granted';

function beep() {
  if (!audio || audio.state !== 'running') return;
  const oscillator = audio.createOscillator();
  const gain = audio.createGain();
  oscillator.type = 'sine';
  oscillator.frequency.value = 880;
  gain.gain.setValueAtTime(0.0001, audio.currentTime);
  gain.gain.exponentialRampToValueAtTime(0.2, audio.currentTime + 0.02);
  gain.gain.exponentialRampToValueAtTime(0.0001, audio.currentTime + 0.35);
  oscillator.connect(gain).connect(audio.destination);
  oscillator.start();
  oscillator.stop(audio.currentTime + 0.4);
}

/** Beeps and, when allowed, shows a browser notification that brings the tab forward on click. */
export function alertAgent(title: string, body: string, onClick?: () => void) {
  beep();
  if (!notificationsAllowed()) return;
  const notification = new Notification(title, { body, tag: `livechat-${title}-${body}` });
  notification.onclick = () => {
    window.focus();
    onClick?.();
    notification.close();
  };
}
