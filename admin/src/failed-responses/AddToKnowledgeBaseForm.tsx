import { Box, Button, Checkbox, Flex, Textarea, TextInput, Typography } from '@strapi/design-system';
import { useState, type FormEvent } from 'react';
import type { GetFailedResponse } from '../../../plugin/contracts/failed-responses';
import { useTr } from '../i18n';
import { useFailedResponsesApi } from '../api';
import { FormField } from '../components/FormField';

interface Props {
  detail: GetFailedResponse.Response;
  onCancel(): void;
  onSaved(published: boolean): void;
}

/**
 * The inline "Add to knowledge base" form: prefilled with the question, its phrasings and, when an agent
 * answered it live, that reply; the editor writes or edits the answer.
 */
export function AddToKnowledgeBaseForm({ detail, onCancel, onSaved }: Props) {
  const tr = useTr();
  const api = useFailedResponsesApi();
  const [title, setTitle] = useState(detail.question.slice(0, 255));
  const [answer, setAnswer] = useState(detail.agentReply?.text ?? '');
  const [phrasings, setPhrasings] = useState(detail.phrasings.join('\n'));
  const [publish, setPublish] = useState(true);
  const [saving, setSaving] = useState(false);
  const [answerError, setAnswerError] = useState<string | undefined>();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!answer.trim()) {
      setAnswerError(tr('failed.form.answerRequired', 'Write the answer the bot should give.'));
      return;
    }
    setSaving(true);
    const saved = await api.addToKnowledgeBase(detail.id, {
      title: title.trim() || undefined,
      answer,
      alternativeQuestions: phrasings
        .split('\n')
        .map((line) => line.trim())
        .filter(Boolean),
      publish,
    });
    setSaving(false);
    if (saved) onSaved(saved.knowledgeEntry.published);
  };

  return (
    <Box padding={5} background="neutral0" hasRadius shadow="tableShadow" tag="section">
      <form onSubmit={(event) => void submit(event)} aria-labelledby="add-to-knowledge-base">
        <Flex direction="column" alignItems="stretch" gap={4}>
          <Typography variant="delta" tag="h2" id="add-to-knowledge-base">
            {tr('failed.form.title', 'New knowledge entry')}
          </Typography>
          <FormField
            name="title"
            label={tr('failed.form.entryTitle', 'Title')}
            hint={tr('failed.form.titleHint', 'The question as visitors should find it.')}
          >
            <TextInput
              value={title}
              maxLength={255}
              onChange={(e: { target: { value: string } }) => setTitle(e.target.value)}
            />
          </FormField>
          <FormField
            name="answer"
            required
            label={tr('failed.form.answer', 'Answer')}
            hint={
              detail.agentReply
                ? tr('failed.form.answerFromAgent', "An agent's reply in conversation #{id}: edit it as needed.", {
                    id: detail.agentReply.conversationId,
                  })
                : undefined
            }
            error={answerError}
          >
            <Textarea
              value={answer}
              onChange={(e: { target: { value: string } }) => {
                setAnswer(e.target.value);
                setAnswerError(undefined);
              }}
              rows={6}
              autoFocus
            />
          </FormField>
          <FormField
            name="alternativeQuestions"
            label={tr('failed.form.phrasings', 'Alternative questions')}
            hint={tr('failed.form.phrasingsHint', 'One question per line: other ways visitors ask it.')}
          >
            <Textarea
              value={phrasings}
              onChange={(e: { target: { value: string } }) => setPhrasings(e.target.value)}
              rows={3}
            />
          </FormField>
          <Checkbox checked={publish} onCheckedChange={(checked) => setPublish(checked === true)}>
            {tr('failed.form.publish', 'Publish now (the bot answers from it at once)')}
          </Checkbox>
          <Flex gap={2} justifyContent="flex-end">
            <Button variant="tertiary" type="button" onClick={onCancel}>
              {tr('failed.cancel', 'Cancel')}
            </Button>
            <Button type="submit" loading={saving}>
              {publish
                ? tr('failed.form.savePublish', 'Save and publish')
                : tr('failed.form.saveDraft', 'Save as draft')}
            </Button>
          </Flex>
        </Flex>
      </form>
    </Box>
  );
}
