import { Badge, Box, Flex, Link, Typography } from '@strapi/design-system';
import { Lock } from '@strapi/icons';
import { useEffect, useRef } from 'react';
import type { Attachment, Conversation, Escalation, Message, Note, Team } from '../../../plugin/contracts/entities';
import { contactLabel } from '../components/display';
import { useTr, type Tr } from '../i18n';
import { useAgentSocket } from '../realtime/AgentSocket';
import { safeUrl } from '../safe-url';
import { SaveToKnowledge } from './SaveToKnowledge';

type Item =
  | { kind: 'message'; at: string; key: string; message: Message }
  | { kind: 'note'; at: string; key: string; note: Note }
  | { kind: 'escalation'; at: string; key: string; escalation: Escalation; decided: boolean }
  | { kind: 'joined'; at: string; key: string; name: string };

/**
 * Messages, internal notes, escalation steps and the agent joining, in the order they happened (a line
 * that happened at the same instant as a message stays after it).
 */
function timeline(
  conversation: Conversation,
  messages: Message[],
  notes: Note[],
  escalations: Escalation[],
  tr: Tr,
): Item[] {
  const items: Item[] = [
    ...messages.map((message) => ({ kind: 'message' as const, at: message.createdAt, key: `m${message.id}`, message })),
    ...notes.map((note) => ({ kind: 'note' as const, at: note.createdAt, key: `n${note.id}`, note })),
    ...escalations.flatMap((escalation) => [
      { kind: 'escalation' as const, at: escalation.createdAt, key: `e${escalation.id}`, escalation, decided: false },
      ...(escalation.decidedAt
        ? [
            {
              kind: 'escalation' as const,
              at: escalation.decidedAt,
              key: `d${escalation.id}`,
              escalation,
              decided: true,
            },
          ]
        : []),
    ]),
    ...conversation.joins.map((join, index) => ({
      kind: 'joined' as const,
      at: join.at,
      key: `j${index}`,
      name: join.name || tr('thread.agent', 'Agent'),
    })),
  ];
  // Array.prototype.sort is stable: equal times keep the order above (messages before the joined line).
  return items.sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
}

/** Whether the visitor has read `message`: they read the thread at or after it was sent. */
const seenByVisitor = (conversation: Conversation, message: Message) =>
  conversation.seenByVisitorAt !== null && Date.parse(conversation.seenByVisitorAt) >= Date.parse(message.createdAt);

const clock = (value: string) => new Date(value).toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' });

/** Upload URLs of the local provider are relative to the Strapi server. */
const absolute = (url: string) => new URL(url, window.strapi.backendURL).toString();

function AttachmentLink({ file }: { file: Attachment }) {
  const kilobytes = Math.max(1, Math.round(file.size / 1024));
  return (
    <Flex direction="column" alignItems="flex-start" gap={1}>
      {file.mime.startsWith('image/') && (
        <img
          src={absolute(file.url)}
          alt={file.name}
          style={{ maxWidth: '24rem', maxHeight: '16rem', borderRadius: 4 }}
        />
      )}
      <Link href={absolute(file.url)} isExternal>
        {file.name} ({kilobytes} kB)
      </Link>
    </Flex>
  );
}

function Bubble({ message, conversation, tr }: { message: Message; conversation: Conversation; tr: Tr }) {
  const fromVisitor = message.authorKind === 'visitor';
  const author = {
    visitor: contactLabel(conversation.contact, tr),
    bot: tr('thread.bot', 'Bot'),
    agent: message.authorName ?? tr('thread.agent', 'Agent'),
    system: '',
  }[message.authorKind];
  const background = { visitor: 'neutral100', bot: 'alternative100', agent: 'primary100', system: 'neutral100' }[
    message.authorKind
  ];

  return (
    <Flex justifyContent={fromVisitor || message.authorKind === 'bot' ? 'flex-start' : 'flex-end'}>
      <Box
        background={background}
        hasRadius
        padding={3}
        maxWidth="75%"
        data-author={message.authorKind}
        data-message-id={message.id}
      >
        <Flex gap={2} paddingBottom={1}>
          <Typography variant="pi" fontWeight="bold">
            {author}
          </Typography>
          <Typography variant="pi" textColor="neutral600">
            {clock(message.createdAt)}
          </Typography>
        </Flex>
        <Typography tag="p" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
          {message.text}
        </Typography>
        {message.attachments?.length > 0 && (
          <Flex direction="column" alignItems="flex-start" gap={2} paddingTop={2}>
            {message.attachments.map((file) => (
              <AttachmentLink key={file.id} file={file} />
            ))}
          </Flex>
        )}
        {message.authorKind === 'agent' && message.text.trim() !== '' && (
          <SaveToKnowledge conversationId={conversation.id} messageId={message.id} />
        )}
        {message.authorKind === 'bot' && message.sources.length > 0 && (
          <Box paddingTop={2}>
            <Typography variant="pi" textColor="neutral600">
              {tr('thread.sources', 'Sources:')}{' '}
            </Typography>
            {message.sources.map((source, index) => (
              <span key={source.id}>
                {index > 0 && ', '}
                {safeUrl(source.url) ? (
                  <Link href={safeUrl(source.url)!} isExternal>
                    {source.title}
                  </Link>
                ) : (
                  <Typography variant="pi">{source.title}</Typography>
                )}
              </span>
            ))}
            {message.confidence !== null && (
              <Typography variant="pi" textColor="neutral600">
                {' · '}
                {tr('thread.confidence', 'confidence {value}%', { value: Math.round(message.confidence * 100) })}
              </Typography>
            )}
          </Box>
        )}
        {message.offerHuman && (
          <Box paddingTop={2}>
            <Badge variant="warning">{tr('thread.offeredHuman', 'Bot could not answer and offered a human')}</Badge>
          </Box>
        )}
        {message.feedback && (
          <Flex gap={2} paddingTop={2} data-testid="answer-feedback">
            <Badge variant={message.feedback.helpful ? 'success' : 'danger'}>
              {message.feedback.helpful
                ? tr('thread.helpful', '👍 Visitor found this helpful')
                : tr('thread.unhelpful', '👎 Visitor found this not helpful')}
            </Badge>
            {message.feedback.comment && (
              <Typography variant="pi" textColor="neutral600">
                “{message.feedback.comment}”
              </Typography>
            )}
          </Flex>
        )}
      </Box>
    </Flex>
  );
}

function NoteCard({ note, tr }: { note: Note; tr: Tr }) {
  return (
    <Box background="warning100" borderColor="warning200" hasRadius padding={3} data-note-id={note.id}>
      <Flex gap={2} paddingBottom={1}>
        <Lock aria-hidden width="1.2rem" height="1.2rem" />
        <Typography variant="pi" fontWeight="bold" textColor="warning700">
          {tr('thread.note', 'Internal note')}
        </Typography>
        <Typography variant="pi" textColor="neutral600">
          {tr('thread.noteBy', '{name} · {time} · not visible to the visitor', {
            name: note.authorName ?? '',
            time: clock(note.createdAt),
          })}
        </Typography>
      </Flex>
      <Typography tag="p" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
        {note.text}
      </Typography>
    </Box>
  );
}

function EscalationLine({
  escalation,
  decided,
  teams,
  tr,
}: {
  escalation: Escalation;
  decided: boolean;
  teams: Team[];
  tr: Tr;
}) {
  const { agents } = useAgentSocket();
  const name = (id: number | null) => agents.find((agent) => agent.id === id)?.name ?? `#${id}`;
  const to =
    escalation.toAgentId !== null
      ? name(escalation.toAgentId)
      : (teams.find((team) => team.id === escalation.toTeamId)?.name ?? `#${escalation.toTeamId}`);
  const text = !decided
    ? tr('thread.escalated', '{from} escalated to {to}: {note}', {
        from: name(escalation.fromAgentId),
        to,
        note: escalation.note,
      }) +
      (escalation.expectedResolutionMinutes
        ? ` ${tr('thread.expected', '(expected within {minutes} min)', { minutes: escalation.expectedResolutionMinutes })}`
        : '')
    : {
        accepted: tr('thread.escalation.accepted', 'Escalation accepted'),
        rejected: tr('thread.escalation.rejected', 'Escalation rejected: {reason}', {
          reason: escalation.reason ?? '',
        }),
        cancelled: tr('thread.escalation.cancelled', 'Escalation cancelled'),
        pending: '',
      }[escalation.status];
  return (
    <Flex justifyContent="center">
      <Box background="secondary100" hasRadius paddingLeft={3} paddingRight={3} paddingTop={1} paddingBottom={1}>
        <Typography variant="pi" textColor="secondary700">
          {text}
        </Typography>
      </Box>
    </Flex>
  );
}

/** The conversation thread: bubbles per author, bot sources, notes in yellow, escalations, read state, typing. */
export function Thread({
  conversation,
  messages,
  notes,
  escalations,
  teams,
  visitorTyping,
  fill = false,
}: {
  conversation: Conversation;
  messages: Message[];
  notes: Note[];
  escalations: Escalation[];
  teams: Team[];
  visitorTyping: boolean;
  /** Take the height its flex container leaves (the workspace), instead of a height of its own. */
  fill?: boolean;
}) {
  const tr = useTr();
  const bottom = useRef<HTMLDivElement>(null);
  const items = timeline(conversation, messages, notes, escalations, tr);
  const lastAgentMessage = [...messages].reverse().find((message) => message.authorKind === 'agent');

  useEffect(() => {
    bottom.current?.scrollIntoView({ block: 'end' });
  }, [items.length, visitorTyping]);

  return (
    <Box
      background="neutral0"
      shadow="tableShadow"
      hasRadius
      padding={4}
      overflow="auto"
      style={fill ? { flex: '1 1 0', minHeight: '8rem' } : { height: 'calc(100vh - 36rem)', minHeight: '20rem' }}
      role="log"
      aria-label={tr('thread.label', 'Conversation')}
      aria-live="polite"
      tabIndex={0}
    >
      <Flex direction="column" alignItems="stretch" gap={3}>
        {items.length === 0 && <Typography textColor="neutral600">{tr('thread.empty', 'No messages yet.')}</Typography>}
        {items.map((item) => {
          if (item.kind === 'note') return <NoteCard key={item.key} note={item.note} tr={tr} />;
          if (item.kind === 'joined') {
            return (
              <Flex key={item.key} justifyContent="center" data-testid="joined">
                <Typography variant="pi" textColor="neutral600">
                  {tr('thread.joined', '{name} joined the conversation · {time}', {
                    name: item.name,
                    time: clock(item.at),
                  })}
                </Typography>
              </Flex>
            );
          }
          if (item.kind === 'escalation') {
            return (
              <EscalationLine
                key={item.key}
                escalation={item.escalation}
                decided={item.decided}
                teams={teams}
                tr={tr}
              />
            );
          }
          return (
            <Box key={item.key}>
              <Bubble message={item.message} conversation={conversation} tr={tr} />
              {item.message === lastAgentMessage && (
                <Flex justifyContent="flex-end" paddingTop={1}>
                  <Typography
                    variant="pi"
                    textColor="neutral600"
                    data-read-state={seenByVisitor(conversation, item.message) ? 'seen' : 'sent'}
                  >
                    {seenByVisitor(conversation, item.message) ? tr('thread.seen', 'Seen') : tr('thread.sent', 'Sent')}
                  </Typography>
                </Flex>
              )}
            </Box>
          );
        })}
        {visitorTyping && (
          <Typography variant="pi" textColor="neutral600" style={{ fontStyle: 'italic' }} role="status">
            {tr('thread.typing', '{name} is typing…', { name: contactLabel(conversation.contact, tr) })}
          </Typography>
        )}
        <div ref={bottom} />
      </Flex>
    </Box>
  );
}
