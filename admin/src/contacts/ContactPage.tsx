import { Box, Button, Flex, Grid, Link, Tabs, Typography } from '@strapi/design-system';
import { Layouts, Page } from '@strapi/strapi/admin';
import { useEffect, useState } from 'react';
import { NavLink, useNavigate, useParams } from 'react-router-dom';
import type { Contact, Conversation, Message } from '../../../plugin/contracts/entities';
import { useLivechatApi } from '../api';
import { contactLabel, StatusBadge } from '../components/display';
import { Thread } from '../conversation/Thread';
import { useTr } from '../i18n';
import { inboxPath } from '../paths';
import { useAbilities } from '../permissions';
import { useAgentSocket } from '../realtime/AgentSocket';
import { ContactDetails } from './ContactDetails';
import { useConversationPath } from '../workspace/conversationPath';

const when = (value: string) => new Date(value).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });

/** One session of the contact, its messages shown on demand. */
function Session({ conversation }: { conversation: Conversation }) {
  const tr = useTr();
  const api = useLivechatApi();
  const pathOf = useConversationPath();
  const [messages, setMessages] = useState<Message[] | null>(null);
  return (
    <Box background="neutral0" hasRadius shadow="tableShadow" padding={4} data-session-id={conversation.id}>
      <Flex justifyContent="space-between" gap={2} wrap="wrap">
        <Flex gap={2}>
          <Link tag={NavLink} to={pathOf(conversation)}>
            {when(conversation.createdAt)}
          </Link>
          <StatusBadge status={conversation.status} />
          <Typography variant="pi" textColor="neutral600">
            {[conversation.assignee?.name, conversation.endReason].filter(Boolean).join(' · ')}
          </Typography>
        </Flex>
        <Button
          variant="tertiary"
          size="S"
          onClick={() =>
            messages
              ? setMessages(null)
              : void api.listMessages(conversation.id).then((page) => page && setMessages(page.results))
          }
        >
          {messages ? tr('sessions.hide', 'Hide messages') : tr('sessions.show', 'Show messages')}
        </Button>
      </Flex>
      {conversation.lastMessagePreview && !messages && (
        <Typography tag="p" textColor="neutral600" ellipsis>
          {conversation.lastMessagePreview}
        </Typography>
      )}
      {messages && (
        <Box paddingTop={3}>
          <Thread
            conversation={conversation}
            messages={messages}
            notes={[]}
            escalations={[]}
            teams={[]}
            visitorTyping={false}
          />
        </Box>
      )}
    </Box>
  );
}

/** Every message of every session of the contact, in one chronological thread. */
function Timeline({ contact, conversations }: { contact: Contact; conversations: Conversation[] }) {
  const tr = useTr();
  const api = useLivechatApi();
  const [messages, setMessages] = useState<Message[] | null>(null);
  useEffect(() => {
    void Promise.all(conversations.map((conversation) => api.listMessages(conversation.id))).then((pages) =>
      setMessages(
        pages
          .flatMap((page) => page?.results ?? [])
          .sort((a, b) => Date.parse(a.createdAt) - Date.parse(b.createdAt) || a.id - b.id),
      ),
    );
  }, [api, conversations]);
  if (!messages) return <Page.Loading />;
  // The thread draws authors from one conversation; every session has the same contact.
  const frame = conversations[0];
  if (!frame) return <Typography textColor="neutral600">{tr('sessions.none', 'No conversations yet.')}</Typography>;
  return (
    <Thread
      conversation={{ ...frame, contact }}
      messages={messages}
      notes={[]}
      escalations={[]}
      teams={[]}
      visitorTyping={false}
    />
  );
}

/** A contact's history: a session view and a chronological view across sessions, beside their details. */
export function ContactPage() {
  const tr = useTr();
  const id = Number(useParams().id);
  const api = useLivechatApi();
  const navigate = useNavigate();
  const abilities = useAbilities();
  const { epoch } = useAgentSocket();
  const [contact, setContact] = useState<Contact | null>(null);
  const [conversations, setConversations] = useState<Conversation[] | null>(null);

  useEffect(() => {
    if (epoch === 0) return;
    void api.getContact(id).then(setContact);
    void api
      .listConversations({ contact: String(id), sort: 'createdAt:desc', pageSize: '50' })
      .then((page) => setConversations(page?.results ?? []));
  }, [api, id, epoch]);

  if (!contact || !conversations) return <Page.Loading />;
  const name = contactLabel(contact, tr);

  const startConversation = async () => {
    const started = await api.startConversation(id);
    if (started) navigate(inboxPath('mine', started.id));
  };

  return (
    <Page.Main>
      <Page.Title>{name}</Page.Title>
      <Layouts.Header
        title={name}
        subtitle={tr('sessions.subtitle', '{count, plural, one {# conversation} other {# conversations}}', {
          count: conversations.length,
        })}
        primaryAction={
          abilities.reply ? (
            <Button onClick={() => void startConversation()}>{tr('sessions.start', 'Start a conversation')}</Button>
          ) : undefined
        }
      />
      <Layouts.Content>
        <Grid.Root gap={4}>
          <Grid.Item col={8} s={12} direction="column" alignItems="stretch">
            <Tabs.Root defaultValue="sessions">
              <Tabs.List aria-label={tr('sessions.views', 'History views')}>
                <Tabs.Trigger value="sessions">{tr('sessions.bySession', 'By session')}</Tabs.Trigger>
                <Tabs.Trigger value="timeline">{tr('sessions.timeline', 'Chronological')}</Tabs.Trigger>
              </Tabs.List>
              <Tabs.Content value="sessions">
                <Flex direction="column" alignItems="stretch" gap={3} paddingTop={4}>
                  {conversations.length === 0 && (
                    <Typography textColor="neutral600">{tr('sessions.none', 'No conversations yet.')}</Typography>
                  )}
                  {conversations.map((conversation) => (
                    <Session key={conversation.id} conversation={conversation} />
                  ))}
                </Flex>
              </Tabs.Content>
              <Tabs.Content value="timeline">
                <Box paddingTop={4}>
                  <Timeline contact={contact} conversations={conversations} />
                </Box>
              </Tabs.Content>
            </Tabs.Root>
          </Grid.Item>
          <Grid.Item col={4} s={12} direction="column" alignItems="stretch">
            <Box width="100%">
              <ContactDetails contactId={id} />
            </Box>
          </Grid.Item>
        </Grid.Root>
      </Layouts.Content>
    </Page.Main>
  );
}
