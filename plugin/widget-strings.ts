// Interface strings of the widget, here in `plugin/` because the settings contract validates override keys
// against them and the admin previews them. The admin overrides any of them by key (Settings → Widget →
// Interface strings); the `language` setting (or `data-lang`) picks the built-in language. `{name}`-style
// placeholders are filled by `format`.

const en = {
  openChat: 'Open chat',
  closeChat: 'Close chat',
  menu: 'More options',
  online: 'We are online',
  offline: 'We are away',
  reconnecting: 'Connection lost, reconnecting…',
  messageLabel: 'Message',
  placeholder: 'Type your message…',
  send: 'Send',
  attach: 'Attach a file',
  sending: 'Sending…',
  notSent: 'Not sent: {error}',
  you: 'You',
  bot: 'Assistant',
  agent: 'Agent',
  system: 'Help desk',
  sources: 'Sources',
  talkToHuman: 'Talk to a human',
  wasHelpful: 'Was this helpful?',
  helpful: 'Helpful',
  notHelpful: 'Not helpful',
  waiting: '{message}',
  queuePosition: 'You are number {position} in the queue.',
  expectedWait: 'Expected wait: about {minutes} min.',
  /** `{time}` is relative, in the widget's language: "in 30 minutes". */
  expectedResolution: 'We expect to get back to you {time}.',
  /** Once that time has passed. */
  expectedResolutionLate: 'We hoped to get back to you by now; your request is still with our team.',
  joined: '{name} joined the conversation.',
  typing: '{name} is typing…',
  seen: 'Seen',
  sent: 'Sent',
  someoneTyping: 'Someone is typing…',
  endChat: 'End chat',
  ended: 'This conversation has ended.',
  rateTitle: 'How was this conversation?',
  rateStar: '{score} out of 5',
  commentLabel: 'Comment (optional)',
  submitRating: 'Send rating',
  thanksRating: 'Thank you for your feedback!',
  newConversation: 'Start a new conversation',
  history: 'Past conversations',
  noHistory: 'No past conversations yet.',
  back: 'Back to the chat',
  conversationOf: 'Conversation of {date}',
  statusBot: 'with the assistant',
  statusQueued: 'waiting for an agent',
  statusOpen: 'with an agent',
  statusEnded: 'ended',
  preChatTitle: 'Before we start',
  nameLabel: 'Your name',
  emailLabel: 'Your email',
  phoneLabel: 'Your phone',
  start: 'Start chatting',
  required: '{field} is required.',
  invalidEmail: 'Please enter a valid email address.',
  offlineTitle: 'Leave us a message',
  offlineSend: 'Send message',
  offlineSent: 'Thanks! We will reply to {email} as soon as we are back.',
  offlineQueued: 'We will answer your message by email as soon as we are back.',
  leaveEmail: 'Leave your email',
  backAt: "We're back {day} at {time}.",
  fileTooLarge: '{name} is larger than {size}.',
  fileType: '{name}: this type of file cannot be sent.',
  error: 'Something went wrong: {error}',
  dismiss: 'Dismiss',
  linkExpired: 'This link has expired or is not valid. You can start a new conversation.',
};

export type StringKey = keyof typeof en;
export type Strings = Record<StringKey, string>;

const fr: Partial<Strings> = {
  openChat: 'Ouvrir le chat',
  closeChat: 'Fermer le chat',
  menu: "Plus d'options",
  online: 'Nous sommes en ligne',
  offline: 'Nous sommes absents',
  reconnecting: 'Connexion perdue, reconnexion…',
  placeholder: 'Écrivez votre message…',
  send: 'Envoyer',
  attach: 'Joindre un fichier',
  sending: 'Envoi…',
  notSent: 'Non envoyé : {error}',
  you: 'Vous',
  bot: 'Assistant',
  sources: 'Sources',
  talkToHuman: 'Parler à un humain',
  wasHelpful: 'Cette réponse vous a-t-elle aidé ?',
  helpful: 'Utile',
  notHelpful: 'Pas utile',
  queuePosition: 'Vous êtes numéro {position} dans la file.',
  expectedWait: 'Attente estimée : environ {minutes} min.',
  joined: '{name} a rejoint la conversation.',
  expectedResolution: 'Nous prévoyons de vous répondre {time}.',
  expectedResolutionLate:
    'Nous espérions vous avoir répondu ; votre demande est toujours entre les mains de notre équipe.',
  seen: 'Vu',
  sent: 'Envoyé',
  typing: '{name} écrit…',
  endChat: 'Terminer le chat',
  ended: 'Cette conversation est terminée.',
  rateTitle: 'Comment était cette conversation ?',
  submitRating: 'Envoyer la note',
  thanksRating: 'Merci pour votre avis !',
  newConversation: 'Nouvelle conversation',
  history: 'Conversations passées',
  back: 'Retour au chat',
  nameLabel: 'Votre nom',
  emailLabel: 'Votre e-mail',
  start: 'Commencer',
  offlineTitle: 'Laissez-nous un message',
  offlineSend: 'Envoyer le message',
  offlineSent: 'Merci ! Nous répondrons à {email} dès notre retour.',
  offlineQueued: 'Nous répondrons à votre message par e-mail dès notre retour.',
  leaveEmail: 'Laisser mon e-mail',
  backAt: 'Nous serons de retour {day} à {time}.',
};

const de: Partial<Strings> = {
  openChat: 'Chat öffnen',
  closeChat: 'Chat schließen',
  menu: 'Weitere Optionen',
  online: 'Wir sind online',
  offline: 'Wir sind nicht da',
  reconnecting: 'Verbindung verloren, neuer Versuch…',
  placeholder: 'Ihre Nachricht…',
  send: 'Senden',
  attach: 'Datei anhängen',
  sending: 'Wird gesendet…',
  you: 'Sie',
  sources: 'Quellen',
  talkToHuman: 'Mit einem Menschen sprechen',
  wasHelpful: 'War das hilfreich?',
  helpful: 'Hilfreich',
  notHelpful: 'Nicht hilfreich',
  queuePosition: 'Sie sind Nummer {position} in der Warteschlange.',
  expectedWait: 'Erwartete Wartezeit: etwa {minutes} Min.',
  expectedResolution: 'Wir melden uns voraussichtlich {time} bei Ihnen.',
  expectedResolutionLate: 'Wir wollten uns inzwischen gemeldet haben; Ihre Anfrage liegt weiterhin bei unserem Team.',
  joined: '{name} ist der Unterhaltung beigetreten.',
  seen: 'Gesehen',
  sent: 'Gesendet',
  typing: '{name} schreibt…',
  endChat: 'Chat beenden',
  ended: 'Diese Unterhaltung ist beendet.',
  rateTitle: 'Wie war diese Unterhaltung?',
  thanksRating: 'Danke für Ihr Feedback!',
  newConversation: 'Neue Unterhaltung',
  history: 'Frühere Unterhaltungen',
  back: 'Zurück zum Chat',
  nameLabel: 'Ihr Name',
  emailLabel: 'Ihre E-Mail',
  start: 'Loslegen',
  offlineTitle: 'Hinterlassen Sie uns eine Nachricht',
  offlineSend: 'Nachricht senden',
  offlineSent: 'Danke! Wir antworten an {email}, sobald wir zurück sind.',
  offlineQueued: 'Wir beantworten Ihre Nachricht per E-Mail, sobald wir zurück sind.',
  leaveEmail: 'E-Mail hinterlassen',
  backAt: 'Wir sind {day} um {time} wieder da.',
};

const builtIn: Record<string, Partial<Strings>> = { en, fr, de };

/** Every key an admin may override, in the order the widget's English strings list them. */
export const WIDGET_STRING_KEYS = Object.keys(en) as StringKey[];

/** Whether `key` names one of the widget's interface strings. */
export const isWidgetStringKey = (key: string): key is StringKey => Object.prototype.hasOwnProperty.call(en, key);

/** The strings for `lang` (falling back to English), with the admin's overrides applied. */
export function stringsFor(lang: string, overrides: Record<string, string>): Strings {
  const base = builtIn[lang.toLowerCase().split('-')[0]] ?? {};
  const known = Object.fromEntries(Object.entries(overrides).filter(([key]) => isWidgetStringKey(key)));
  return { ...en, ...base, ...known };
}

/** Fills `{name}` placeholders. */
export const format = (template: string, values: Record<string, string | number>) =>
  template.replace(/\{(\w+)\}/g, (match, key: string) => (key in values ? String(values[key]) : match));
