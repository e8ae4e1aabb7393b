import type { ConversationStatus, EscalationStatus } from '../../plugin/lifecycle';
import type {
  AgentJoin,
  Attachment,
  AuthorKind,
  BotOutcome,
  FailedResponseKind,
  MessageFeedback,
  Source,
} from '../../plugin/contracts/entities';

/** Rows as Strapi's query engine returns them (datetimes as ISO strings). */
export interface TagRow {
  id: number;
  name: string;
  color: string | null;
  kind: 'manual' | 'automated' | null;
}

export interface ConversationRow {
  id: number;
  status: ConversationStatus;
  /** `web`, or `offline`: a message left while nobody was online, answered by email. */
  channel: string | null;
  /** The widget's language when the conversation started (`fr`, `de-CH`…): the bot's sentences follow it. */
  locale: string | null;
  contactId: number;
  assigneeId: number | null;
  teamId: number | null;
  tags?: TagRow[];
  endReason: string | null;
  endNote: string | null;
  rating: number | null;
  ratingComment: string | null;
  pageUrl: string | null;
  userAgent: string | null;
  ip: string | null;
  country: string | null;
  lastMessagePreview: string | null;
  unreadByAgent: number | null;
  unreadByVisitor: number | null;
  createdAt: string;
  queuedAt: string | null;
  assignedAt: string | null;
  /** Each agent who took the conversation, with their name then; null on rows from before it was kept. */
  joins: AgentJoin[] | null;
  firstResponseAt: string | null;
  lastMessageAt: string | null;
  /** The preview of the visitor's own newest message (not the bot's or an agent's). */
  lastVisitorMessage: string | null;
  lastVisitorMessageAt: string | null;
  /** When the assigned agent, and the visitor, last read the thread (its messages up to then are "Seen"). */
  seenByAgentAt: string | null;
  seenByVisitorAt: string | null;
  /** When the visitor was last told that the conversation ends unless they write (inactivity). */
  inactivityWarnedAt: string | null;
  endedAt: string | null;
}

export interface MessageRow {
  id: number;
  conversationId: number;
  authorKind: AuthorKind;
  authorId: number | null;
  authorName: string | null;
  text: string;
  clientId: string | null;
  sources: Source[] | null;
  confidence: number | null;
  offerHuman: boolean | null;
  outcome: BotOutcome | null;
  attachments: Attachment[] | null;
  /** Absent on a row just written (a new message has no vote). */
  feedback?: MessageFeedback | null;
  createdAt: string;
}

export interface NoteRow {
  id: number;
  conversationId: number;
  authorId: number;
  authorName: string | null;
  text: string;
  createdAt: string;
}

export interface ContactRow {
  id: number;
  name: string | null;
  email: string | null;
  phone: string | null;
  attributes: Record<string, string | number | boolean | null> | null;
  tags?: TagRow[];
  lastSeenAt: string | null;
  consent: boolean | null;
  /** Set by the unsubscribe link of a follow-up email: no more emails. */
  emailOptOut: boolean | null;
  locale: string | null;
  country: string | null;
  createdAt: string;
}

export interface JourneyEventRow {
  id: number;
  contactId: number;
  conversationId: number | null;
  type: string;
  actor: string;
  payload: Record<string, unknown> | null;
  createdAt: string;
}

export interface EscalationRow {
  id: number;
  conversationId: number;
  fromAgentId: number;
  toAgentId: number | null;
  toTeamId: number | null;
  note: string;
  status: EscalationStatus;
  reason: string | null;
  expectedResolutionMinutes: number | null;
  decidedAt: string | null;
  decidedById: number | null;
  createdAt: string;
}

export interface CannedMessageRow {
  id: number;
  shortcut: string;
  title: string;
  text: string;
  teamId: number | null;
}

export interface EndReasonRow {
  id: number;
  label: string;
  requiresNote: boolean | null;
  position: number | null;
  createdAt?: string | Date;
  updatedAt?: string | Date;
}

export interface TeamRow {
  id: number;
  name: string;
  memberIds: number[] | null;
}

export interface FailedResponseRow {
  id: number;
  question: string;
  normalizedQuestion: string;
  conversationId: number | null;
  messageId: number | null;
  botAnswer: string | null;
  kind: FailedResponseKind | null;
  sources: Source[] | null;
  confidence: number | null;
  status: 'open' | 'resolved';
  resolution: 'new-entry' | 'mapped' | 'dismissed' | null;
  knowledgeEntryDocumentId: string | null;
  count: number;
  conversationIds: number[] | null;
  phrasings: string[] | null;
  createdAt: string;
  lastAskedAt: string | null;
  resolvedAt: string | null;
}

export interface KnowledgeEntryRow {
  id: number;
  title: string;
  answer: string;
  alternativeQuestions: string[] | null;
  url: string | null;
  failedResponseId: number | null;
  /** Draft and published versions are separate rows sharing one documentId. */
  documentId: string;
  /** null on the draft row. */
  publishedAt: string | null;
  updatedAt: string;
}

export interface AdminUserRow {
  id: number;
  firstname: string | null;
  lastname: string | null;
  username: string | null;
  email: string;
  isActive: boolean;
}
