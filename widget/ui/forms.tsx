/** @jsxImportSource preact */
import { useContext, useEffect, useRef, useState } from 'preact/hooks';
import type { VisitorConversation } from '../../plugin';
import { useT, Widget } from './context';
import { OpensAgain } from './opens-again';

type Field = 'name' | 'email' | 'phone';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const inputType: Record<Field, string> = { name: 'text', email: 'email', phone: 'tel' };
const autocomplete: Record<Field, string> = { name: 'name', email: 'email', phone: 'tel' };
const labelKey = { name: 'nameLabel', email: 'emailLabel', phone: 'phoneLabel' } as const;

/** Focuses the first field when a form appears (the panel's focus would otherwise stay on a vanished button). */
const useFirstFieldFocus = () => {
  const form = useRef<HTMLFormElement>(null);
  useEffect(() => form.current?.querySelector<HTMLElement>('input,textarea,button')?.focus(), []);
  return form;
};

/** The optional pre-chat form: the fields the admin asked for, all required. */
export function PreChatForm({ fields, onDone }: { fields: Field[]; onDone(): void }) {
  const t = useT();
  const { chat } = useContext(Widget);
  const [values, setValues] = useState<Partial<Record<Field, string>>>({});
  const [error, setError] = useState<string | null>(null);
  const form = useFirstFieldFocus();

  const submit = async (event: Event) => {
    event.preventDefault();
    const missing = fields.find((field) => !values[field]?.trim());
    if (missing) return setError(t('required', { field: t(labelKey[missing]) }));
    if (values.email && !EMAIL.test(values.email.trim())) return setError(t('invalidEmail'));
    setError(null);
    await chat.saveDetails(values);
    if (!chat.state.notice) onDone();
  };

  return (
    <form ref={form} class="body" onSubmit={submit} noValidate>
      <h3>{t('preChatTitle')}</h3>
      {fields.map((field) => (
        <label key={field}>
          {t(labelKey[field])}
          <input
            name={field}
            type={inputType[field]}
            autocomplete={autocomplete[field]}
            required
            aria-invalid={error !== null && !values[field]}
            value={values[field] ?? ''}
            onInput={(e) => setValues({ ...values, [field]: (e.target as HTMLInputElement).value })}
          />
        </label>
      ))}
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
      <button type="submit" class="primary">
        {t('start')}
      </button>
    </form>
  );
}

/** Support is offline: leave an email and a message; an agent answers later by email. */
export function OfflineForm({ onBack }: { onBack(): void }) {
  const t = useT();
  const { chat } = useContext(Widget);
  const [email, setEmail] = useState(chat.state.session?.contact.email ?? '');
  const [text, setText] = useState('');
  const [sentTo, setSentTo] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const form = useFirstFieldFocus();

  if (sentTo) {
    return (
      <div class="body">
        <p role="status">{t('offlineSent', { email: sentTo })}</p>
        <button type="button" class="primary" onClick={onBack}>
          {t('back')}
        </button>
      </div>
    );
  }

  const submit = async (event: Event) => {
    event.preventDefault();
    if (!EMAIL.test(email.trim())) return setError(t('invalidEmail'));
    if (!text.trim()) return setError(t('required', { field: t('messageLabel') }));
    setError(null);
    await chat.leaveMessage(email.trim(), text.trim());
    if (!chat.state.notice) setSentTo(email.trim());
  };

  return (
    <form ref={form} class="body" onSubmit={submit} noValidate>
      <h3>{t('offlineTitle')}</h3>
      <p>
        {chat.state.config.offlineMessage}
        <OpensAgain opensAt={chat.state.opensAt} />
      </p>
      <label>
        {t('emailLabel')}
        <input
          type="email"
          autocomplete="email"
          required
          value={email}
          onInput={(e) => setEmail((e.target as HTMLInputElement).value)}
        />
      </label>
      <label>
        {t('messageLabel')}
        <textarea rows={4} required value={text} onInput={(e) => setText((e.target as HTMLTextAreaElement).value)} />
      </label>
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
      <button type="submit" class="primary">
        {t('offlineSend')}
      </button>
      <button type="button" class="chip" onClick={onBack}>
        {t('back')}
      </button>
    </form>
  );
}

/** Rating of an ended conversation: 1–5 and an optional comment; then a way to start again. */
export function RatingForm({ conversation }: { conversation: VisitorConversation }) {
  const t = useT();
  const { chat } = useContext(Widget);
  const [score, setScore] = useState(0);
  const [comment, setComment] = useState('');

  const again = (
    <button type="button" class="primary" onClick={() => chat.newConversation()}>
      {t('newConversation')}
    </button>
  );
  if (conversation.rating !== null) {
    return (
      <>
        <p role="status">{t('thanksRating')}</p>
        {again}
      </>
    );
  }
  return (
    <>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          if (score) void chat.rate(score, comment.trim());
        }}
      >
        <fieldset class="stars">
          <legend>{t('rateTitle')}</legend>
          {[1, 2, 3, 4, 5].map((n) => (
            <button
              key={n}
              type="button"
              aria-pressed={n === score}
              aria-label={t('rateStar', { score: n })}
              onClick={() => setScore(n)}
            >
              {n <= score ? '★' : '☆'}
            </button>
          ))}
        </fieldset>
        <label>
          {t('commentLabel')}
          <textarea rows={2} value={comment} onInput={(e) => setComment((e.target as HTMLTextAreaElement).value)} />
        </label>
        <button type="submit" class="primary" disabled={!score}>
          {t('submitRating')}
        </button>
      </form>
      {again}
    </>
  );
}
