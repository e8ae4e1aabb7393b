import type {
  AgentJoin,
  AgentSummary,
  CannedMessage,
  Contact,
  ContactSummary,
  Conversation,
  EndReason,
  Escalation,
  FailedResponse,
  JourneyEvent,
  Message,
  Note,
  PageView,
  Tag,
  Team,
  VisitorConversation,
} from '../plugin/contracts/entities';
import type * as Rows from './store/rows';

/** Row → API shapes. One function per entity, used by REST and sockets alike. */

export const tag = (row: Rows.TagRow): Tag => ({
  id: row.id,
  name: row.name,
  color: row.color ?? '#4945ff',
  kind: row.kind ?? 'manual',
});

export const contactSummary = (row: Rows.ContactRow | undefined, id: number): ContactSummary => ({
  id,
  name: row?.name ?? null,
  email: row?.email ?? null,
});

export const contact = (row: Rows.ContactRow, online: boolean, currentPage: PageView | null = null): Contact => ({
  ...contactSummary(row, row.id),
  phone: row.phone ?? null,
  attributes: row.attributes ?? {},
  tags: (row.tags ?? []).map(tag),
  lastSeenAt: row.lastSeenAt ?? null,
  online,
  country: row.country ?? null,
  createdAt: row.createdAt,
  currentPage,
});

/** A `page.viewed` journey event as the page it names. */
export const pageView = (row: Rows.JourneyEventRow): PageView => ({
  url: String(row.payload?.url ?? ''),
  title: typeof row.payload?.title === 'string' ? row.payload.title : null,
  at: row.createdAt,
});

export const conversation = (
  row: Rows.ConversationRow,
  related: { contact?: Rows.ContactRow; assignee?: AgentSummary | null },
): Conversation => ({
  id: row.id,
  status: row.status,
  channel: row.channel ?? 'web',
  contact: contactSummary(related.contact, row.contactId),
  assignee: related.assignee ?? null,
  teamId: row.teamId ?? null,
  tags: (row.tags ?? []).map(tag),
  endReason: row.endReason ?? null,
  endNote: row.endNote ?? null,
  rating: row.rating ?? null,
  ratingComment: row.ratingComment ?? null,
  pageUrl: row.pageUrl ?? null,
  userAgent: row.userAgent ?? null,
  ip: row.ip ?? null,
  country: row.country ?? null,
  lastMessagePreview: row.lastMessagePreview ?? null,
  lastVisitorMessage: row.lastVisitorMessage ?? null,
  lastVisitorMessageAt: row.lastVisitorMessageAt ?? null,
  unreadByAgent: row.unreadByAgent ?? 0,
  unreadByVisitor: row.unreadByVisitor ?? 0,
  seenByAgentAt: row.seenByAgentAt ?? null,
  seenByVisitorAt: row.seenByVisitorAt ?? null,
  createdAt: row.createdAt,
  queuedAt: row.queuedAt ?? null,
  assignedAt: row.assignedAt ?? null,
  joins: joinsOf(row, related.assignee?.name ?? null),
  firstResponseAt: row.firstResponseAt ?? null,
  lastMessageAt: row.lastMessageAt ?? null,
  endedAt: row.endedAt ?? null,
});

/**
 * Who joined the conversation, in order. Rows from before the history was kept have none: their current
 * assignee stands in, as the only join known.
 */
const joinsOf = (row: Rows.ConversationRow, assigneeName: string | null): AgentJoin[] => {
  if (row.joins && row.joins.length > 0) return row.joins;
  return row.assigneeId && row.assignedAt && assigneeName ? [{ name: assigneeName, at: row.assignedAt }] : [];
};

export const visitorConversation = (
  row: Rows.ConversationRow,
  assigneeName: string | null,
  expectedResolutionAt: string | null = null,
): VisitorConversation => ({
  id: row.id,
  status: row.status,
  assignee: assigneeName ? { name: assigneeName } : null,
  rating: row.rating ?? null,
  createdAt: row.createdAt,
  queuedAt: row.status === 'queued' ? (row.queuedAt ?? null) : null,
  assignedAt: row.assigneeId ? (row.assignedAt ?? null) : null,
  joins: joinsOf(row, assigneeName),
  seenByAgentAt: row.seenByAgentAt ?? null,
  lastMessageAt: row.lastMessageAt ?? null,
  endedAt: row.endedAt ?? null,
  expectedResolutionAt,
  offline: row.channel === 'offline',
});

export const message = (row: Rows.MessageRow): Message => ({
  id: row.id,
  conversationId: row.conversationId,
  authorKind: row.authorKind,
  authorId: row.authorId ?? null,
  authorName: row.authorName ?? null,
  text: row.text,
  clientId: row.clientId ?? null,
  sources: row.sources ?? [],
  confidence: row.confidence ?? null,
  offerHuman: Boolean(row.offerHuman),
  outcome: row.outcome ?? null,
  attachments: row.attachments ?? [],
  feedback: row.feedback ?? null,
  createdAt: row.createdAt,
});

export const note = (row: Rows.NoteRow): Note => ({
  id: row.id,
  conversationId: row.conversationId,
  authorId: row.authorId,
  authorName: row.authorName ?? null,
  text: row.text,
  createdAt: row.createdAt,
});

export const escalation = (row: Rows.EscalationRow): Escalation => ({
  id: row.id,
  conversationId: row.conversationId,
  fromAgentId: row.fromAgentId,
  toAgentId: row.toAgentId ?? null,
  toTeamId: row.toTeamId ?? null,
  note: row.note,
  status: row.status,
  reason: row.reason ?? null,
  expectedResolutionMinutes: row.expectedResolutionMinutes ?? null,
  createdAt: row.createdAt,
  decidedAt: row.decidedAt ?? null,
});

export const journeyEvent = (row: Rows.JourneyEventRow): JourneyEvent => ({
  id: row.id,
  contactId: row.contactId,
  conversationId: row.conversationId ?? null,
  type: row.type,
  actor: row.actor,
  payload: row.payload ?? {},
  createdAt: row.createdAt,
});

export const cannedMessage = (row: Rows.CannedMessageRow): CannedMessage => ({
  id: row.id,
  shortcut: row.shortcut,
  title: row.title,
  text: row.text,
  teamId: row.teamId ?? null,
});

export const endReason = (row: Rows.EndReasonRow): EndReason => ({
  id: row.id,
  label: row.label,
  requiresNote: Boolean(row.requiresNote),
  position: row.position ?? 0,
});

export const team = (row: Rows.TeamRow): Team => ({ id: row.id, name: row.name, memberIds: row.memberIds ?? [] });

export const failedResponse = (row: Rows.FailedResponseRow): FailedResponse => ({
  id: row.id,
  kind: row.kind ?? 'refused',
  question: row.question,
  conversationId: row.conversationId ?? null,
  messageId: row.messageId ?? null,
  botAnswer: row.botAnswer ?? null,
  sources: row.sources ?? [],
  confidence: row.confidence ?? null,
  status: row.status,
  resolution: row.resolution ?? null,
  count: row.count ?? 1,
  conversationIds: row.conversationIds ?? [],
  phrasings: row.phrasings ?? [row.question],
  knowledgeEntryId: row.knowledgeEntryDocumentId ?? null,
  createdAt: row.createdAt,
  lastAskedAt: row.lastAskedAt ?? row.createdAt,
  resolvedAt: row.resolvedAt ?? null,
});
