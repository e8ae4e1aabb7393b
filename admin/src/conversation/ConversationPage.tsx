import { Box, Flex, Grid, Typography } from '@strapi/design-system';
import { Layouts, Page } from '@strapi/strapi/admin';
import { useEffect, useRef, useState } from 'react';
import { useParams } from 'react-router-dom';
import type { CannedMessage, Escalation, Tag, Team } from '../../../plugin/contracts/entities';
import { OFFLINE_CHANNEL } from '../../../plugin/contracts/visitor';
import { useLivechatApi } from '../api';
import { contactLabel, OfflineBadge, StatusBadge, WaitTime } from '../components/display';
import { ContactDetails } from '../contacts/ContactDetails';
import { useTr } from '../i18n';
import { useInboxActivity } from '../inbox/InboxActivity';
import { useAbilities, useMe } from '../permissions';
import { useAgentSocket } from '../realtime/AgentSocket';
import { Composer } from './Composer';
import { ConversationActions } from './ConversationActions';
import { EscalationActions } from './EscalationActions';
import { HintPanel, lastVisitorMessageId } from './HintPanel';
import { TagsEditor } from './TagsEditor';
import { Thread } from './Thread';
import { useConversation } from './useConversation';

/** Canned messages, tags and teams: the configuration the conversation view offers. */
function useDeskLists() {
  const api = useLivechatApi();
  const [lists, setLists] = useState<{ canned: CannedMessage[]; tags: Tag[]; teams: Team[] }>({
    canned: [],
    tags: [],
    teams: [],
  });
  useEffect(() => {
    void Promise.all([api.cannedMessages.list(), api.tags.list(), api.teams.list()]).then(([canned, tags, teams]) =>
      setLists({ canned: canned?.results ?? [], tags: tags?.results ?? [], teams: teams?.results ?? [] }),
    );
  }, [api]);
  return lists;
}

function PendingEscalation({ escalation, teams }: { escalation: Escalation; teams: Team[] }) {
  const tr = useTr();
  const { agents } = useAgentSocket();
  const name = (id: number | null) => agents.find((agent) => agent.id === id)?.name ?? `#${id}`;
  const to =
    escalation.toAgentId !== null
      ? name(escalation.toAgentId)
      : (teams.find((team) => team.id === escalation.toTeamId)?.name ?? '');
  return (
    <Box background="warning100" borderColor="warning200" hasRadius padding={4} role="status">
      <Flex justifyContent="space-between" gap={4} wrap="wrap">
        <Box>
          <Typography fontWeight="bold" tag="p">
            {tr('escalation.pending', 'Escalation pending')}
          </Typography>
          <Typography tag="p">
            {tr('escalation.pendingText', '{from} → {to}: {note}', {
              from: name(escalation.fromAgentId),
              to,
              note: escalation.note,
            })}
            {escalation.expectedResolutionMinutes
              ? ` · ${tr('escalation.expected', 'within {minutes} min', { minutes: escalation.expectedResolutionMinutes })}`
              : ''}
          </Typography>
        </Box>
        <EscalationActions escalation={escalation} />
      </Flex>
    </Box>
  );
}

/** One conversation: the thread, the composer, the actions, the hint panel and the user details. */
export function ConversationPage() {
  const tr = useTr();
  const id = Number(useParams().id);
  const me = useMe();
  const abilities = useAbilities();
  const api = useLivechatApi();
  const { setViewing } = useInboxActivity();
  const { thread, failed, visitorTyping, setConversation, addMessage, addNote, addEscalation } = useConversation(id);
  const lists = useDeskLists();
  const [draft, setDraft] = useState('');
  const composer = useRef<HTMLTextAreaElement>(null);

  useEffect(() => {
    setViewing(id);
    setDraft('');
    return () => setViewing(null);
  }, [id, setViewing]);

  if (failed && !thread) return <Page.Error />;
  if (!thread) return <Page.Loading />;
  const { conversation, messages, notes, escalations } = thread;
  const name = contactLabel(conversation.contact, tr);
  const holds = conversation.assignee?.id === me.id;
  const canReply = abilities.reply && (holds ? conversation.status === 'open' : conversation.status === 'ended');
  const pending = escalations.find((escalation) => escalation.status === 'pending');
  const myCanned = lists.canned.filter(
    (canned) =>
      canned.teamId === null || lists.teams.some((team) => team.id === canned.teamId && team.memberIds.includes(me.id)),
  );

  const insertHint = (text: string) => {
    setDraft((current) => (current.trim() ? `${current}\n${text}` : text));
    composer.current?.focus();
  };

  const subtitle = [
    conversation.assignee
      ? tr('conversation.assignedTo', 'Assigned to {name}', { name: conversation.assignee.name })
      : tr('list.unassigned', 'Unassigned'),
    conversation.endReason ? tr('conversation.endedWith', 'Ended: {reason}', { reason: conversation.endReason }) : null,
    conversation.endNote,
  ]
    .filter(Boolean)
    .join(' · ');

  return (
    <Page.Main>
      <Page.Title>{name}</Page.Title>
      <Layouts.Header
        title={name}
        subtitle={subtitle}
        secondaryAction={
          <Flex gap={2}>
            <StatusBadge status={conversation.status} />
            <OfflineBadge channel={conversation.channel} />
            {conversation.status === 'queued' && <WaitTime since={conversation.queuedAt} />}
          </Flex>
        }
      />
      <Layouts.Content>
        <Grid.Root gap={4}>
          <Grid.Item col={8} s={12} direction="column" alignItems="stretch">
            <Flex direction="column" alignItems="stretch" gap={3} width="100%">
              <ConversationActions
                conversation={conversation}
                escalations={escalations}
                teams={lists.teams}
                onChanged={setConversation}
                onEscalated={addEscalation}
              />
              <Flex gap={2}>
                <Typography variant="sigma" textColor="neutral600">
                  {tr('conversation.tags', 'Tags')}
                </Typography>
                <TagsEditor
                  label={tr('conversation.tags', 'Tags')}
                  tags={conversation.tags}
                  available={lists.tags}
                  editable={abilities.reply && conversation.status !== 'ended'}
                  onChange={(tagIds) =>
                    void api.setTags(conversation.id, tagIds).then((changed) => changed && setConversation(changed))
                  }
                />
              </Flex>
              {pending && <PendingEscalation escalation={pending} teams={lists.teams} />}
              <Thread
                conversation={conversation}
                messages={messages}
                notes={notes}
                escalations={escalations}
                teams={lists.teams}
                visitorTyping={visitorTyping}
              />
              {conversation.channel === OFFLINE_CHANNEL && conversation.status !== 'ended' && (
                <Typography variant="pi" textColor="neutral600">
                  {tr('conversation.offlineHint', 'Left while nobody was online: your reply is emailed to {email}.', {
                    email: conversation.contact.email ?? '',
                  })}
                </Typography>
              )}
              <Composer
                ref={composer}
                conversation={conversation}
                draft={draft}
                onDraftChange={setDraft}
                canReply={canReply}
                canNote={abilities.reply}
                cannedMessages={myCanned}
                onSent={addMessage}
                onNoted={addNote}
              />
            </Flex>
          </Grid.Item>
          <Grid.Item col={4} s={12} direction="column" alignItems="stretch">
            <Flex direction="column" alignItems="stretch" gap={4} width="100%">
              <HintPanel
                conversationId={conversation.id}
                lastVisitorMessageId={lastVisitorMessageId(messages)}
                onInsert={insertHint}
                canInsert={canReply}
              />
              <Box>
                <ContactDetails contactId={conversation.contact.id} visit={conversation} />
              </Box>
            </Flex>
          </Grid.Item>
        </Grid.Root>
      </Layouts.Content>
    </Page.Main>
  );
}
