import { Box, Button, Typography } from '@strapi/design-system';
import { useState } from 'react';
import { useFailedResponsesApi } from '../api';
import { useTr } from '../i18n';
import { useAbilities } from '../permissions';

/**
 * "Save to knowledge" under an agent's message, for whoever manages knowledge: a draft entry from the
 * visitor's question before it and this reply, for an editor to publish.
 */
export function SaveToKnowledge({ conversationId, messageId }: { conversationId: number; messageId: number }) {
  const tr = useTr();
  const api = useFailedResponsesApi();
  const { manageKnowledge } = useAbilities();
  const [state, setState] = useState<'idle' | 'saving' | 'saved'>('idle');
  if (!manageKnowledge) return null;

  const save = async () => {
    setState('saving');
    const saved = await api.saveReplyToKnowledge(conversationId, { messageId });
    setState(saved ? 'saved' : 'idle');
    if (saved) {
      api.notify(
        tr('thread.savedToKnowledge', 'Saved as a draft knowledge entry "{title}": publish it to let the bot answer.', {
          title: saved.knowledgeEntry.title,
        }),
        'success',
      );
    }
  };

  return (
    <Box paddingTop={2}>
      {state === 'saved' ? (
        <Typography variant="pi" textColor="neutral600">
          {tr('thread.savedDraft', 'Saved as a knowledge draft')}
        </Typography>
      ) : (
        <Button variant="tertiary" size="S" loading={state === 'saving'} onClick={() => void save()}>
          {tr('thread.saveToKnowledge', 'Save to knowledge')}
        </Button>
      )}
    </Box>
  );
}
