import { Box, Button, Flex, Link, Loader, Typography } from '@strapi/design-system';
import { ArrowLeft, Information } from '@strapi/icons';
import { Page } from '@strapi/strapi/admin';
import { useCallback, useEffect, useRef, useState, type ReactNode } from 'react';
import { NavLink } from 'react-router-dom';
import type { CannedMessage, Escalation, Tag, Team } from '../../../plugin/contracts/entities';
import { OFFLINE_CHANNEL } from '../../../plugin/contracts/visitor';
import { useLivechatApi } from '../api';
import { contactLabel, OfflineBadge, StatusBadge, WaitTime } from '../components/display';
import { ContactDetails } from '../contacts/ContactDetails';
import { useTr } from '../i18n';
import { useInboxActivity } from '../inbox/InboxActivity';
import { useAbilities, useMe } from '../permissions';
import { useAgentSocket } from '../realtime/AgentSocket';
import { isTyping, useKeyboardShortcuts } from '../workspace/shortcuts';
import { BREAKPOINTS, useMediaQuery } from '../workspace/useMediaQuery';
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

/** Puts `text` at the end of the composer as if typed, so the composer reacts as to the agent's own keys. */
function typeIntoComposer(textarea: HTMLTextAreaElement, text: string) {
  textarea.focus();
  const end = textarea.value.length;
  textarea.setSelectionRange(end, end);
  const before = end > 0 && !/\s$/.test(textarea.value) ? ' ' : '';
  document.execCommand('insertText', false, `${before}${text}`);
}

/**
 * Unsent replies by conversation, for the admin session: a draft survives switching conversations and the
 * pane being drawn anew (a picked chat moves from the Queue to My chats while the agent may already type).
 */
const drafts = new Map<number, string>();

/** The conversation's unsent reply, kept in `drafts` as it changes. */
function useDraft(conversationId: number) {
  const [draft, setState] = useState(() => drafts.get(conversationId) ?? '');
  useEffect(() => setState(drafts.get(conversationId) ?? ''), [conversationId]);
  const setDraft = useCallback(
    (next: string | ((current: string) => string)) => {
      // The map, not this instance's state, is the draft: a pane drawn anew meanwhile still gets every keystroke.
      const value = typeof next === 'function' ? next(drafts.get(conversationId) ?? '') : next;
      if (value) drafts.set(conversationId, value);
      else drafts.delete(conversationId);
      setState(value);
    },
    [conversationId],
  );
  return [draft, setDraft] as const;
}

/**
 * One conversation in the workspace: the header with its actions, the thread (scrolling by itself) and the
 * composer pinned under it; the hint panel and the contact details in a column on the right, or behind a
 * button on narrow screens. `backTo` (narrow screens) links back to the list.
 */
export function ConversationPane({ id, backTo, menu }: { id: number; backTo?: string; menu?: ReactNode }) {
  const tr = useTr();
  const me = useMe();
  const abilities = useAbilities();
  const api = useLivechatApi();
  const { setViewing } = useInboxActivity();
  const { thread, failed, visitorTyping, setConversation, addMessage, addNote, addEscalation } = useConversation(id);
  const lists = useDeskLists();
  const [draft, setDraft] = useDraft(id);
  const composer = useRef<HTMLTextAreaElement>(null);
  const composerBox = useRef<HTMLDivElement>(null);
  const wide = useMediaQuery(BREAKPOINTS.details);
  const [detailsOpen, setDetailsOpen] = useState(false);

  useEffect(() => {
    setViewing(id);
    return () => setViewing(null);
  }, [id, setViewing]);

  useKeyboardShortcuts((event) => {
    const textarea = composer.current;
    if (!textarea) return false;
    if (event.altKey && event.code === 'KeyN') {
      // The composer's own reply / note switch, so it stays the one place that decides the mode.
      composerBox.current?.querySelector<HTMLElement>('input[type="checkbox"], [role="switch"]')?.click();
      textarea.focus();
      return true;
    }
    if (event.key === 'Escape' && event.target === textarea) {
      textarea.blur();
      return true;
    }
    if (isTyping(event.target) || event.altKey) return false;
    if (event.key === 'r') {
      textarea.focus();
      return true;
    }
    if (event.key === '/') {
      typeIntoComposer(textarea, '/');
      return true;
    }
    return false;
  });

  if (failed && !thread) return <Page.Error />;
  if (!thread) {
    return (
      <Flex justifyContent="center" alignItems="center" height="100%">
        <Loader>{tr('conversation.loading', 'Loading the conversation…')}</Loader>
      </Flex>
    );
  }
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

  const details = (
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
  );

  return (
    <Flex height="100%" alignItems="stretch" position="relative">
      <Page.Title>{name}</Page.Title>
      <Flex
        direction="column"
        alignItems="stretch"
        gap={2}
        flex="1"
        minWidth={0}
        height="100%"
        padding={4}
        paddingBottom={3}
        tag="section"
        aria-label={tr('workspace.thread', 'Conversation with {name}', { name })}
      >
        <Flex justifyContent="space-between" gap={2} alignItems="flex-start">
          <Flex gap={2} minWidth={0} alignItems="flex-start">
            {menu}
            {backTo && (
              <Link tag={NavLink} to={backTo} startIcon={<ArrowLeft />}>
                {tr('workspace.back', 'Back to the list')}
              </Link>
            )}
            <Box minWidth={0}>
              <Flex gap={2} wrap="wrap">
                <Typography variant="beta" tag="h2" ellipsis>
                  {name}
                </Typography>
                <StatusBadge status={conversation.status} />
                <OfflineBadge channel={conversation.channel} />
                {conversation.status === 'queued' && <WaitTime since={conversation.queuedAt} />}
              </Flex>
              <Typography variant="pi" textColor="neutral600">
                {subtitle}
              </Typography>
            </Box>
          </Flex>
          {!wide && (
            <Button
              variant="tertiary"
              size="S"
              startIcon={<Information />}
              aria-expanded={detailsOpen}
              onClick={() => setDetailsOpen((open) => !open)}
            >
              {tr('workspace.details', 'Details')}
            </Button>
          )}
        </Flex>
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
          fill
        />
        {conversation.channel === OFFLINE_CHANNEL && conversation.status !== 'ended' && (
          <Typography variant="pi" textColor="neutral600">
            {tr('conversation.offlineHint', 'Left while nobody was online: your reply is emailed to {email}.', {
              email: conversation.contact.email ?? '',
            })}
          </Typography>
        )}
        <Box ref={composerBox} shrink={0} data-workspace-composer>
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
        </Box>
      </Flex>
      {(wide || detailsOpen) && (
        <Box
          tag="aside"
          aria-label={tr('workspace.detailsPane', 'Contact details')}
          height="100%"
          overflow="auto"
          padding={4}
          background="neutral100"
          borderColor="neutral150"
          borderStyle="solid"
          borderWidth="0 0 0 1px"
          shadow={wide ? undefined : 'popupShadow'}
          position={wide ? undefined : 'absolute'}
          top={0}
          right={0}
          zIndex={wide ? undefined : 2}
          style={{ flex: '0 0 clamp(26rem, 27%, 36rem)', width: wide ? undefined : 'min(36rem, 90%)' }}
        >
          {details}
        </Box>
      )}
    </Flex>
  );
}
