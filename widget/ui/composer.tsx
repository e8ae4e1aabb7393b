/** @jsxImportSource preact */
import { useContext, useEffect, useRef, useState } from 'preact/hooks';
import { useT, Widget } from './context';
import { Icon } from './icons';

const TYPING_IDLE_MS = 3000;

const formatBytes = (bytes: number) => `${Math.round(bytes / 1024 / 1024)} MB`;

/** The message box: Enter sends, Shift+Enter is a new line; tells the agent while the visitor types. */
export function Composer() {
  const t = useT();
  const { chat } = useContext(Widget);
  const [text, setText] = useState('');
  const [fileError, setFileError] = useState<string | null>(null);
  const box = useRef<HTMLTextAreaElement>(null);
  const file = useRef<HTMLInputElement>(null);
  const typingSince = useRef(0);
  const idle = useRef<ReturnType<typeof setTimeout>>();

  useEffect(() => box.current?.focus(), []);
  useEffect(() => () => clearTimeout(idle.current), []);

  const stopTyping = () => {
    clearTimeout(idle.current);
    if (typingSince.current) chat.typing(false);
    typingSince.current = 0;
  };

  const onInput = (value: string) => {
    setText(value);
    if (!typingSince.current) {
      typingSince.current = Date.now();
      chat.typing(true);
    }
    clearTimeout(idle.current);
    idle.current = setTimeout(stopTyping, TYPING_IDLE_MS);
  };

  const send = () => {
    const message = text.trim();
    if (!message) return;
    stopTyping();
    setText('');
    void chat.send(message);
    box.current?.focus();
  };

  const pickFile = async (input: HTMLInputElement) => {
    const picked = input.files?.[0];
    input.value = '';
    if (!picked) return;
    const refused = await chat.sendFile(picked);
    const { maxBytes } = chat.state.config.attachments;
    setFileError(
      refused
        ? t(refused === 'fileTooLarge' ? 'fileTooLarge' : 'fileType', {
            name: picked.name,
            size: formatBytes(maxBytes),
          })
        : null,
    );
  };

  const accept = chat.state.config.attachments.allowedTypes.join(',');
  return (
    <>
      {fileError && (
        <p class="error banner" role="alert">
          {fileError}
        </p>
      )}
      <form
        class="composer"
        onSubmit={(event) => {
          event.preventDefault();
          send();
        }}
      >
        <button
          type="button"
          class="icon"
          aria-label={t('attach')}
          title={t('attach')}
          onClick={() => file.current?.click()}
        >
          <Icon name="attach" />
        </button>
        <input
          ref={file}
          type="file"
          hidden
          accept={accept || undefined}
          onChange={(e) => void pickFile(e.currentTarget)}
        />
        <textarea
          ref={box}
          rows={1}
          aria-label={t('messageLabel')}
          placeholder={t('placeholder')}
          value={text}
          onInput={(e) => onInput((e.target as HTMLTextAreaElement).value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) {
              e.preventDefault();
              send();
            }
          }}
        />
        <button type="submit" class="icon" aria-label={t('send')} title={t('send')} style="color:var(--lc)">
          <Icon name="send" />
        </button>
      </form>
    </>
  );
}
