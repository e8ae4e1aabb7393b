import { Box, Flex, Typography } from '@strapi/design-system';
import { useIntl } from 'react-intl';
import type { AuthorKind } from '../../../plugin/contracts/entities';
import type { AskingConversation } from '../../../plugin/contracts/failed-responses';
import { contactLabel, StatusBadge } from '../components/display';
import { useTr } from '../i18n';

const BACKGROUND: Record<AuthorKind, 'neutral100' | 'primary100' | 'secondary100' | 'alternative100'> = {
  visitor: 'neutral100',
  bot: 'alternative100',
  agent: 'primary100',
  system: 'secondary100',
};

/** The conversations (sessions) that asked the question, each with its messages as plain text. */
export function AskingConversations({ conversations, total }: { conversations: AskingConversation[]; total: number }) {
  const tr = useTr();
  const { formatDate } = useIntl();
  const authors: Record<AuthorKind, string> = {
    visitor: tr('failed.author.visitor', 'Visitor'),
    bot: tr('failed.author.bot', 'Bot'),
    agent: tr('failed.author.agent', 'Agent'),
    system: tr('failed.author.system', 'System'),
  };

  return (
    <Flex direction="column" alignItems="stretch" gap={3} tag="section">
      <Typography variant="delta" tag="h2">
        {tr('failed.conversations', 'Conversations that asked ({shown} of {total})', {
          shown: conversations.length,
          total,
        })}
      </Typography>
      {conversations.length === 0 && (
        <Typography textColor="neutral600">
          {tr('failed.conversations.none', 'The conversations that asked were deleted.')}
        </Typography>
      )}
      {conversations.map((conversation) => (
        <Box key={conversation.id} padding={4} background="neutral0" hasRadius shadow="tableShadow" tag="article">
          <Flex justifyContent="space-between" paddingBottom={3}>
            <Typography fontWeight="bold">{contactLabel(conversation.contact, tr)}</Typography>
            <Flex gap={2}>
              <Typography variant="pi" textColor="neutral600">
                {formatDate(conversation.createdAt, { dateStyle: 'medium', timeStyle: 'short' })}
              </Typography>
              <StatusBadge status={conversation.status} />
            </Flex>
          </Flex>
          <Flex direction="column" alignItems="stretch" gap={2} tag="ol">
            {conversation.messages.map((message) => (
              <Box key={message.id} tag="li" padding={3} hasRadius background={BACKGROUND[message.authorKind]}>
                <Typography variant="pi" fontWeight="bold" textColor="neutral700" tag="div">
                  {message.authorName ?? authors[message.authorKind]} ·{' '}
                  {formatDate(message.createdAt, { timeStyle: 'short' })}
                </Typography>
                <Typography tag="p" style={{ whiteSpace: 'pre-wrap' }}>
                  {message.text}
                </Typography>
              </Box>
            ))}
          </Flex>
        </Box>
      ))}
    </Flex>
  );
}
