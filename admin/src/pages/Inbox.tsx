import { Badge, Box, Table, Tbody, Td, Th, Thead, Tr, Typography } from '@strapi/design-system';
import { Layouts, Page, useFetchClient } from '@strapi/strapi/admin';
import { useEffect, useState } from 'react';
import { useIntl } from 'react-intl';
import type { Conversation, ListConversations } from '../../../plugin/contracts';
import { PLUGIN_ID } from '../../../plugin/id';
import { t } from '../translations';

/** The conversation list: every conversation the agent may see, newest activity first. */
export default function Inbox() {
  const { formatMessage, formatDate } = useIntl();
  const { get } = useFetchClient();
  const [conversations, setConversations] = useState<Conversation[] | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    get<{ data: ListConversations.Response }>(`/${PLUGIN_ID}/conversations?pageSize=50`)
      .then((response) => setConversations(response.data.data.results))
      .catch((failure: Error) => setError(failure.message));
  }, [get]);

  return (
    <Page.Main>
      <Page.Title>{formatMessage({ id: t('inbox.title'), defaultMessage: 'Live chat' })}</Page.Title>
      <Layouts.Header
        title={formatMessage({ id: t('inbox.title'), defaultMessage: 'Live chat' })}
        subtitle={formatMessage({ id: t('inbox.subtitle'), defaultMessage: 'Conversations with visitors' })}
      />
      <Layouts.Content>
        {error && (
          <Typography textColor="danger600" role="alert">
            {formatMessage(
              { id: t('inbox.error'), defaultMessage: 'Conversations could not be loaded: {message}' },
              { message: error },
            )}
          </Typography>
        )}
        {conversations?.length === 0 && (
          <Box padding={8} background="neutral0" hasRadius>
            <Typography>{formatMessage({ id: t('inbox.empty'), defaultMessage: 'No conversations yet.' })}</Typography>
          </Box>
        )}
        {conversations && conversations.length > 0 && (
          <Table colCount={5} rowCount={conversations.length + 1}>
            <Thead>
              <Tr>
                {['contact', 'status', 'agent', 'lastMessage', 'updated'].map((column) => (
                  <Th key={column}>
                    <Typography variant="sigma">
                      {formatMessage({ id: t(`inbox.column.${column}`), defaultMessage: column })}
                    </Typography>
                  </Th>
                ))}
              </Tr>
            </Thead>
            <Tbody>
              {conversations.map((conversation) => (
                <Tr key={conversation.id}>
                  <Td>
                    <Typography>
                      {conversation.contact.name ??
                        formatMessage(
                          { id: t('inbox.anonymous'), defaultMessage: 'Visitor #{id}' },
                          { id: conversation.contact.id },
                        )}
                    </Typography>
                  </Td>
                  <Td>
                    <Badge>
                      {formatMessage({ id: t(`status.${conversation.status}`), defaultMessage: conversation.status })}
                    </Badge>
                  </Td>
                  <Td>
                    <Typography>
                      {conversation.assignee?.name ??
                        formatMessage({ id: t('inbox.unassigned'), defaultMessage: 'Unassigned' })}
                    </Typography>
                  </Td>
                  <Td>
                    <Typography ellipsis>{conversation.lastMessagePreview ?? ''}</Typography>
                  </Td>
                  <Td>
                    <Typography>
                      {formatDate(conversation.lastMessageAt ?? conversation.createdAt, {
                        dateStyle: 'short',
                        timeStyle: 'short',
                      })}
                    </Typography>
                  </Td>
                </Tr>
              ))}
            </Tbody>
          </Table>
        )}
      </Layouts.Content>
    </Page.Main>
  );
}
