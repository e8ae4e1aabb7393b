import {
  Box,
  Button,
  Field,
  Flex,
  IconButton,
  Textarea,
  Toggle,
  Typography,
  useComposedRefs,
} from '@strapi/design-system';
import { Paperclip, PaperPlane } from '@strapi/icons';
import { forwardRef, useEffect, useId, useRef, useState } from 'react';
import type { CannedMessage, Conversation, Message, Note } from '../../../plugin/contracts/entities';
import { useLivechatApi } from '../api';
import { useTr } from '../i18n';
import { useAbilities } from '../permissions';
import { useAgentSocket } from '../realtime/AgentSocket';
import { CannedPicker, NewCannedMessage } from './CannedPicker';
import { searchCanned, slashQuery } from './cannedSearch';

/** A fresh idempotency key per message (randomUUID needs a secure context; plain http admins fall back). */
const newClientId = () =>
  typeof crypto !== 'undefined' && 'randomUUID' in crypto
    ? crypto.randomUUID()
    : `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 12)}`;

const TYPING_REPEAT_MS = 2500;
const TYPING_IDLE_MS = 3000;

interface ComposerProps {
  conversation: Conversation;
  draft: string;
  onDraftChange(text: string): void;
  /** Whether the agent may write to the visitor now (holds the conversation, or it ended and writing reopens it). */
  canReply: boolean;
  canNote: boolean;
  cannedMessages: CannedMessage[];
  onSent(message: Message): void;
  onNoted(note: Note): void;
}

/**
 * The composer: Enter sends, Shift+Enter starts a new line, `/` or `#` opens the canned messages (arrows +
 * Enter insert one for editing; agents who may manage settings make one here), a toggle turns the text into
 * an internal note, the clip uploads an attachment.
 */
export const Composer = forwardRef<HTMLTextAreaElement, ComposerProps>(function Composer(
  { conversation, draft, onDraftChange, canReply, canNote, cannedMessages, onSent, onNoted },
  ref,
) {
  const tr = useTr();
  const api = useLivechatApi();
  const { socket } = useAgentSocket();
  const pickerId = useId();
  const fileInput = useRef<HTMLInputElement>(null);
  const textareaRef = useRef<HTMLTextAreaElement>(null);
  const composedRef = useComposedRefs(ref, textareaRef);
  const [noteMode, setNoteMode] = useState(!canReply && canNote);
  const [sending, setSending] = useState(false);
  const [uploading, setUploading] = useState(false);
  const [caret, setCaret] = useState(0);
  const [active, setActive] = useState(0);
  const [pickerClosed, setPickerClosed] = useState(false);
  const [creating, setCreating] = useState(false);
  /** Canned messages made from this composer, usable before the page reloads its lists. */
  const [created, setCreated] = useState<CannedMessage[]>([]);
  const { manageSettings } = useAbilities();
  const canned = [...cannedMessages, ...created.filter((extra) => !cannedMessages.some((m) => m.id === extra.id))];
  const typing = useRef({ sentAt: 0, idle: undefined as ReturnType<typeof setTimeout> | undefined });

  // Notes only while the agent cannot reply; once they can (e.g. after "Start chat"), replying is the default.
  useEffect(() => {
    setNoteMode(!canReply && canNote);
  }, [canReply, canNote]);

  const slash = slashQuery(draft, caret);
  const matches = slash ? searchCanned(canned, slash.query) : [];
  const pickerOpen = Boolean(slash) && !pickerClosed && !creating;
  const writingToVisitor = !noteMode && canReply;

  const setTyping = (isTyping: boolean) => {
    const state = typing.current;
    clearTimeout(state.idle);
    if (isTyping) {
      if (Date.now() - state.sentAt > TYPING_REPEAT_MS) {
        state.sentAt = Date.now();
        socket?.emit('typing', { conversationId: conversation.id, typing: true });
      }
      state.idle = setTimeout(() => setTyping(false), TYPING_IDLE_MS);
    } else if (state.sentAt) {
      state.sentAt = 0;
      socket?.emit('typing', { conversationId: conversation.id, typing: false });
    }
  };
  useEffect(() => () => clearTimeout(typing.current.idle), []);

  const change = (text: string, position: number) => {
    onDraftChange(text);
    setCaret(position);
    setActive(0);
    setPickerClosed(false);
    if (writingToVisitor) setTyping(text.trim().length > 0);
  };

  /** Replaces the `/word` at `trigger` (the one being typed) with the message's text. */
  const insertCanned = (message: CannedMessage, trigger = slash) => {
    if (!trigger) return;
    const before = draft.slice(0, trigger.start);
    const after = draft.slice(caret);
    const text = `${before}${message.text}${after}`;
    const position = before.length + message.text.length;
    onDraftChange(text);
    setCaret(position);
    setPickerClosed(true);
    const textarea = textareaRef.current;
    requestAnimationFrame(() => {
      textarea?.focus();
      textarea?.setSelectionRange(position, position);
    });
  };

  const send = async () => {
    const text = draft.trim();
    if (!text || sending) return;
    setSending(true);
    if (noteMode) {
      const note = await api.addNote(conversation.id, text);
      if (note) {
        onNoted(note);
        onDraftChange('');
      }
    } else {
      setTyping(false);
      const message = await api.sendMessage(conversation.id, text, newClientId());
      if (message) {
        onSent(message);
        onDraftChange('');
      }
    }
    setSending(false);
  };

  const keyDown = (event: React.KeyboardEvent<HTMLTextAreaElement>) => {
    if (pickerOpen) {
      if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
        event.preventDefault();
        const step = event.key === 'ArrowDown' ? 1 : -1;
        setActive((index) => (matches.length ? (index + step + matches.length) % matches.length : 0));
        return;
      }
      if ((event.key === 'Enter' || event.key === 'Tab') && matches[active]) {
        event.preventDefault();
        insertCanned(matches[active]);
        return;
      }
      if (event.key === 'Escape') {
        event.preventDefault();
        setPickerClosed(true);
        return;
      }
    }
    if (event.key === 'Enter' && !event.shiftKey && !event.nativeEvent.isComposing) {
      event.preventDefault();
      void send();
    }
  };

  const upload = async (file: File | undefined) => {
    if (!file) return;
    setUploading(true);
    const message = await api.uploadAttachment(conversation.id, file, newClientId());
    setUploading(false);
    if (fileInput.current) fileInput.current.value = '';
    if (message) onSent(message);
  };

  if (!canReply && !canNote) return null;
  const label = noteMode ? tr('composer.noteLabel', 'Internal note') : tr('composer.replyLabel', 'Reply');

  return (
    <Box
      background={noteMode ? 'warning100' : 'neutral0'}
      borderColor={noteMode ? 'warning200' : 'neutral200'}
      hasRadius
      padding={3}
      data-composer-mode={noteMode ? 'note' : 'reply'}
    >
      <Flex justifyContent="space-between" paddingBottom={2} gap={2}>
        <Typography variant="pi" textColor="neutral600">
          {noteMode
            ? tr('composer.noteHint', 'Only agents see internal notes.')
            : tr('composer.hint', 'Enter sends · Shift+Enter new line · / or # canned messages')}
        </Typography>
        {canReply && canNote && (
          <Box minWidth="16rem">
            <Toggle
              aria-label={tr('composer.mode', 'Write an internal note')}
              checked={noteMode}
              onChange={(event: React.ChangeEvent<HTMLInputElement>) => setNoteMode(event.target.checked)}
              onLabel={tr('composer.modeNote', 'Note')}
              offLabel={tr('composer.modeReply', 'Reply')}
            />
          </Box>
        )}
      </Flex>
      <Box position="relative">
        {pickerOpen && (
          <CannedPicker
            id={pickerId}
            matches={matches}
            total={canned.length}
            active={active}
            canCreate={manageSettings}
            onChoose={insertCanned}
            onCreate={() => setCreating(true)}
          />
        )}
        {manageSettings && (
          <NewCannedMessage
            open={creating}
            shortcut={slash?.query ?? ''}
            onOpenChange={setCreating}
            onCreated={(message) => {
              setCreated((current) => [...current, message]);
              setCreating(false);
              insertCanned(message, slash);
            }}
          />
        )}
        <Field.Root name="composer">
          <Field.Label>{label}</Field.Label>
          <Textarea
            ref={composedRef}
            value={draft}
            placeholder={
              noteMode
                ? tr('composer.notePlaceholder', 'Write a note for your colleagues…')
                : tr('composer.placeholder', 'Write a reply, or type / or # for canned messages…')
            }
            onChange={(event: React.ChangeEvent<HTMLTextAreaElement>) =>
              change(event.target.value, event.target.selectionStart)
            }
            onSelect={(event: React.SyntheticEvent<HTMLTextAreaElement>) =>
              setCaret(event.currentTarget.selectionStart)
            }
            onKeyDown={keyDown}
            aria-autocomplete="list"
            aria-controls={pickerOpen ? pickerId : undefined}
            aria-expanded={pickerOpen}
            aria-activedescendant={pickerOpen && matches[active] ? `${pickerId}-${matches[active].id}` : undefined}
            style={{ minHeight: '6rem' }}
          />
        </Field.Root>
      </Box>
      <Flex justifyContent="space-between" paddingTop={2}>
        <Flex gap={2}>
          {writingToVisitor && (
            <>
              <input
                ref={fileInput}
                type="file"
                hidden
                onChange={(event) => void upload(event.target.files?.[0])}
                aria-hidden
                tabIndex={-1}
              />
              <IconButton
                label={tr('composer.attach', 'Attach a file (up to 5 MB)')}
                variant="tertiary"
                disabled={uploading}
                onClick={() => fileInput.current?.click()}
              >
                <Paperclip />
              </IconButton>
              {uploading && <Typography variant="pi">{tr('composer.uploading', 'Uploading…')}</Typography>}
            </>
          )}
        </Flex>
        <Button
          onClick={() => void send()}
          loading={sending}
          disabled={!draft.trim()}
          startIcon={<PaperPlane />}
          variant={noteMode ? 'secondary' : 'default'}
        >
          {noteMode ? tr('composer.addNote', 'Add note') : tr('composer.send', 'Send')}
        </Button>
      </Flex>
    </Box>
  );
});
