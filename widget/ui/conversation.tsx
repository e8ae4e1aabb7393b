/** @jsxImportSource preact */
import { useContext, useEffect, useRef } from 'preact/hooks';
import type { Message, Source } from '../../plugin';
import { isBotAnswer } from '../../plugin/contracts/entities';
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

const Bubble = ({ message }: { message: Message }) => {
  const t = useT();
  const { chat } = useContext(Widget);
  const who =
    message.authorKind === 'visitor'
      ? t('you')
      : message.authorKind === 'bot'
        ? t('bot')
        : message.authorKind === 'agent'
          ? (message.authorName ?? t('agent'))
          : t('system');
  return (
    <div class={`msg ${message.authorKind}`} data-message-id={message.id}>
      <span class="who">{who}</span>
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
    </div>
  );
};

const minutes = (seconds: number) => Math.max(1, Math.round(seconds / 60));

/** Where a queued or escalated conversation stands: waiting message, place in queue, expected wait. */
const Waiting = ({ state }: { state: ChatState }) => {
  const t = useT();
  const { conversation, queue, config } = state;
  if (!conversation) return null;
  const lines: string[] = [];
  if (conversation.status === 'queued' && conversation.offline) lines.push(t('offlineQueued'));
  else if (conversation.status === 'queued') {
    lines.push(config.waitingMessage);
    // While nobody is online a place in the queue would promise a wait that nobody is serving.
    if (state.online && queue?.position) lines.push(t('queuePosition', { position: queue.position }));
    if (state.online && queue?.expectedWaitSeconds) {
      lines.push(t('expectedWait', { minutes: minutes(queue.expectedWaitSeconds) }));
    }
  }
  if (conversation.expectedResolutionAt && conversation.status !== 'ended') {
    const time = new Date(conversation.expectedResolutionAt).toLocaleString([], {
      dateStyle: 'short',
      timeStyle: 'short',
    });
    lines.push(t('expectedResolution', { time }));
  }
  if (lines.length === 0) return null;
  return (
    <div class="msg system" role="status" data-testid="waiting">
      {lines.join(' ')}
    </div>
  );
};

/** The conversation on screen: greeting, messages, the offer of a human, what is pending, and the ending. */
export function ConversationView({ state, onOffline }: { state: ChatState; onOffline(): void }) {
  const t = useT();
  const { chat } = useContext(Widget);
  const end = useRef<HTMLDivElement>(null);
  const { conversation, messages, pending, streams, online } = state;
  const count = messages.length + pending.length + streams.length;

  useEffect(() => end.current?.scrollIntoView?.({ block: 'end' }), [count, conversation?.status]);

  const lastBot = [...messages].reverse().find((m) => m.authorKind !== 'visitor');
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
        {messages.map((message) => (
          <Bubble key={message.id} message={message} />
        ))}
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
      {conversation?.status === 'open' && conversation.assignee && (
        <div class="msg system" role="status">
          {t('joined', { name: conversation.assignee.name })}
        </div>
      )}
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
