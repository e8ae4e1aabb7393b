/** @jsxImportSource preact */
import { useContext, useEffect, useRef, useState } from 'preact/hooks';
import type { Message, Source, VisitorConversation } from '../../plugin';
import { isBotAnswer } from '../../plugin/contracts/entities';
import { relativeUnit, remainingWaitSeconds } from '../../plugin/waiting';
import type { ChatState } from './chat';
import { useT, Widget } from './context';
import { RatingForm } from './forms';

/** Only web links become links: a `javascript:` URL from content would otherwise run on click. */
export function safeUrl(url: string | null, base: string): string | null {
  if (!url) return null;
  try {
    const parsed = new URL(url, base);
    return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.href : null;
  } catch {
    return null;
  }
}

const Sources = ({ sources }: { sources: Source[] }) => {
  const t = useT();
  return (
    <span class="sources">
      {t('sources')}:
      {sources.map((source) => {
        const href = safeUrl(source.url, location.href);
        return href ? (
          <a key={source.id} href={href} target="_blank" rel="noopener noreferrer">
            {source.title}
          </a>
        ) : (
          <span key={source.id}>{source.title}</span>
        );
      })}
    </span>
  );
};

/** "Was this helpful?" under a bot answer: 👍 / 👎, the chosen one pressed; a vote can be changed. */
const Helpful = ({ message }: { message: Message }) => {
  const t = useT();
  const { chat } = useContext(Widget);
  const vote = message.feedback?.helpful;
  return (
    <span class="helpful" role="group" aria-label={t('wasHelpful')}>
      <span>{t('wasHelpful')}</span>
      {[true, false].map((helpful) => (
        <button
          key={String(helpful)}
          type="button"
          aria-label={t(helpful ? 'helpful' : 'notHelpful')}
          title={t(helpful ? 'helpful' : 'notHelpful')}
          aria-pressed={vote === helpful}
          onClick={() => void chat.feedback(message.id, helpful)}
        >
          {helpful ? '👍' : '👎'}
        </button>
      ))}
    </span>
  );
};

/** "MD" for "Maria Dupont": an agent's face in the transcript when there is no picture. */
export const initials = (name: string) =>
  name
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((word) => word[0].toUpperCase())
    .join('') || '?';

/** How often what depends on the clock (the expected wait, the escalation's time) is recomputed. */
const CLOCK_TICK_MS = 15_000;

/** The current time, renewed every `CLOCK_TICK_MS` while `ticking`. */
function useNow(ticking: boolean) {
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    if (!ticking) return;
    setNow(Date.now());
    const timer = setInterval(() => setNow(Date.now()), CLOCK_TICK_MS);
    return () => clearInterval(timer);
  }, [ticking]);
  return now;
}

const Bubble = ({ message, receipt }: { message: Message; receipt: 'seen' | 'sent' | null }) => {
  const t = useT();
  const { chat, lang } = useContext(Widget);
  const who =
    message.authorKind === 'visitor'
      ? t('you')
      : message.authorKind === 'bot'
        ? t('bot')
        : message.authorKind === 'agent'
          ? (message.authorName ?? t('agent'))
          : t('system');
  const time = new Date(message.createdAt);
  return (
    <div class={`msg ${message.authorKind}`} data-message-id={message.id}>
      <span class="who">
        {message.authorKind === 'agent' && (
          <span class="avatar" aria-hidden="true">
            {initials(who)}
          </span>
        )}
        {message.authorKind === 'bot' && (
          <span class="avatar bot" aria-hidden="true">
            ✦
          </span>
        )}
        <span class="name">{who}</span>
        <time dateTime={message.createdAt}>
          {time.toLocaleTimeString(lang, { hour: '2-digit', minute: '2-digit' })}
        </time>
      </span>
      {/* Text is a text node: whatever it contains is shown, never run. */}
      {message.text}
      {message.attachments?.map((file) => {
        const href = safeUrl(file.url, chat.client.url + '/');
        return href ? (
          <a key={file.id} class="note" href={href} target="_blank" rel="noopener noreferrer">
            📎 {file.name}
          </a>
        ) : null;
      })}
      {message.authorKind === 'bot' && message.sources.length > 0 && <Sources sources={message.sources} />}
      {isBotAnswer(message) && <Helpful message={message} />}
      {receipt && (
        <span class="note receipt" data-receipt={receipt}>
          {t(receipt)}
        </span>
      )}
    </div>
  );
};

const minutes = (seconds: number) => Math.max(1, Math.round(seconds / 60));

/** "in 30 minutes", "dans 2 heures", "in 1 Tag": a time ahead, in the widget's language; null once passed. */
const relativeTime = (lang: string, seconds: number) => {
  const ahead = relativeUnit(seconds);
  return ahead && new Intl.RelativeTimeFormat(lang, { numeric: 'always' }).format(ahead.value, ahead.unit);
};

/**
 * Where a queued or escalated conversation stands: waiting message, place in queue, the wait still ahead
 * (recomputed as time passes, see `remainingWaitSeconds`) and when an escalation should be resolved.
 */
const Waiting = ({ state }: { state: ChatState }) => {
  const t = useT();
  const { lang } = useContext(Widget);
  const { conversation, queue, config } = state;
  const ticking = !!conversation && (conversation.status === 'queued' || !!conversation.expectedResolutionAt);
  const now = useNow(ticking);
  if (!conversation) return null;
  const lines: string[] = [];
  if (conversation.status === 'queued' && conversation.offline) lines.push(t('offlineQueued'));
  else if (conversation.status === 'queued') {
    lines.push(config.waitingMessage);
    // While nobody is online a place in the queue would promise a wait that nobody is serving.
    if (state.online && queue?.position) lines.push(t('queuePosition', { position: queue.position }));
    // Quick recent pick-ups estimate 0 seconds: still "about 1 min" (see `remainingWaitSeconds`).
    if (state.online && queue && queue.expectedWaitSeconds !== null) {
      const left = remainingWaitSeconds(queue.expectedWaitSeconds, (now - queue.receivedAt) / 1000);
      lines.push(t('expectedWait', { minutes: minutes(left) }));
    }
  }
  if (conversation.expectedResolutionAt && conversation.status !== 'ended') {
    const time = relativeTime(lang, (Date.parse(conversation.expectedResolutionAt) - now) / 1000);
    lines.push(time ? t('expectedResolution', { time }) : t('expectedResolutionLate'));
  }
  if (lines.length === 0) return null;
  return (
    <div class="msg system" role="status" data-testid="waiting">
      {lines.join(' ')}
    </div>
  );
};

type LogItem = { kind: 'message'; at: number; message: Message } | { kind: 'joined'; at: number; name: string };

/** The transcript in the order things happened: messages, and each agent joining where it happened. */
function transcript(messages: Message[], conversation: VisitorConversation | null): LogItem[] {
  const items: LogItem[] = messages.map((message) => ({
    kind: 'message',
    at: Date.parse(message.createdAt),
    message,
  }));
  for (const { name, at: when } of conversation?.joins ?? []) {
    const at = Date.parse(when);
    // Stable: the line goes after every message (and earlier line) of the same instant or earlier.
    const index = items.findIndex((item) => item.at > at);
    const joined: LogItem = { kind: 'joined', at, name };
    if (index < 0) items.push(joined);
    else items.splice(index, 0, joined);
  }
  return items;
}

/** "Seen" or "Sent" under the visitor's latest message, from when the agent last read the conversation. */
function receiptOf(message: Message, conversation: VisitorConversation | null): 'seen' | 'sent' {
  const seenAt = conversation?.seenByAgentAt;
  return seenAt && Date.parse(seenAt) >= Date.parse(message.createdAt) ? 'seen' : 'sent';
}

/** The conversation on screen: greeting, messages, the offer of a human, what is pending, and the ending. */
export function ConversationView({ state, onOffline }: { state: ChatState; onOffline(): void }) {
  const t = useT();
  const { chat } = useContext(Widget);
  const end = useRef<HTMLDivElement>(null);
  const { conversation, messages, pending, streams, online } = state;
  const count = messages.length + pending.length + streams.length;

  useEffect(() => end.current?.scrollIntoView?.({ block: 'end' }), [count, conversation?.status]);

  const lastBot = [...messages].reverse().find((m) => m.authorKind !== 'visitor');
  const lastVisitor = [...messages].reverse().find((m) => m.authorKind === 'visitor');
  const offerHuman = conversation?.status === 'bot' && lastBot?.authorKind === 'bot';
  // After a suggestion the bot is unsure: the way to a person is the main action, not a side chip.
  const chip = lastBot?.outcome === 'suggest' ? 'chip prominent' : 'chip';

  return (
    <div class="body">
      <div class="log" role="log" aria-live="polite" aria-relevant="additions">
        <div class="msg bot">
          <span class="who">{t('bot')}</span>
          {state.config.greeting}
        </div>
        {state.proactive && (
          <div class="msg bot" data-testid="proactive-message">
            <span class="who">{t('bot')}</span>
            {state.proactive.rule.message}
          </div>
        )}
        {transcript(messages, conversation).map((item) =>
          item.kind === 'joined' ? (
            <div key={`joined-${item.at}`} class="msg system" role="status" data-testid="joined">
              {t('joined', { name: item.name })}
            </div>
          ) : (
            <Bubble
              key={item.message.id}
              message={item.message}
              receipt={
                item.message === lastVisitor && conversation?.assignee ? receiptOf(item.message, conversation) : null
              }
            />
          ),
        )}
      </div>
      {pending.map((p) => (
        <div key={p.clientId} class={`msg visitor pending ${p.state === 'failed' ? 'failed' : ''}`}>
          {p.text}
          <span class="note">
            {p.state === 'failed' ? t('notSent', { error: p.error?.message ?? '' }) : t('sending')}
          </span>
        </div>
      ))}
      {/* A bot answer being written is hidden from screen readers; the stored message is announced. */}
      {streams.map((s) => (
        <div key={s.streamId} class="msg bot" aria-hidden="true" data-testid="stream">
          <span class="who">{t('bot')}</span>
          {s.text}
        </div>
      ))}
      {offerHuman &&
        (online ? (
          <button type="button" class={chip} onClick={() => void chat.requestHuman()}>
            {t('talkToHuman')}
          </button>
        ) : (
          <button type="button" class={chip} onClick={onOffline}>
            {t('leaveEmail')}
          </button>
        ))}
      <Waiting state={state} />
      {conversation?.status === 'ended' && (
        <div class="msg system" role="status">
          {t('ended')}
        </div>
      )}
      {conversation?.status === 'ended' && <RatingForm conversation={conversation} />}
      <div ref={end} />
    </div>
  );
}
