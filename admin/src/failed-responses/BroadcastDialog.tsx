import { Textarea, TextInput } from '@strapi/design-system';
import { useState } from 'react';
import { useTr } from '../i18n';
import { useFailedResponsesApi } from '../api';
import { FormField } from '../components/FormField';
import { ReviewDialog } from './ReviewDialog';

interface Props {
  failedResponseId: number;
  conversations: number;
  onClose(): void;
  onSent(sent: number, emailed: number): void;
}

/** A follow-up to every visitor who asked: into their conversations, and by email where known. */
export function BroadcastDialog({ failedResponseId, conversations, onClose, onSent }: Props) {
  const tr = useTr();
  const api = useFailedResponsesApi();
  const [subject, setSubject] = useState('');
  const [text, setText] = useState('');
  const [sending, setSending] = useState(false);

  const send = async () => {
    setSending(true);
    const answer = await api.broadcast(failedResponseId, { text, subject: subject.trim() || undefined });
    setSending(false);
    if (answer) onSent(answer.sent, answer.emailed);
  };

  return (
    <ReviewDialog
      title={tr('failed.broadcast.title', 'Send a follow-up')}
      submitLabel={tr(
        'failed.broadcast.submit',
        'Send to {count, plural, one {# conversation} other {# conversations}}',
        { count: conversations },
      )}
      canSubmit={text.trim() !== ''}
      submitting={sending}
      onSubmit={() => void send()}
      onClose={onClose}
    >
      <FormField
        name="text"
        required
        label={tr('failed.broadcast.text', 'Message')}
        hint={tr('failed.broadcast.hint', 'Appears in each conversation that asked.')}
      >
        <Textarea value={text} onChange={(e: { target: { value: string } }) => setText(e.target.value)} rows={5} />
      </FormField>
      <FormField
        name="subject"
        paddingTop={4}
        label={tr('failed.broadcast.subject', 'Email subject')}
        hint={tr('failed.broadcast.subjectHint', 'For visitors who left an email address.')}
      >
        <TextInput
          value={subject}
          placeholder={tr('failed.broadcast.subjectDefault', 'Following up on your question')}
          onChange={(e: { target: { value: string } }) => setSubject(e.target.value)}
        />
      </FormField>
    </ReviewDialog>
  );
}
