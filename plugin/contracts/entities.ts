import type { ConversationStatus, EscalationStatus, Presence } from '../lifecycle';

/** Who wrote a message. */
export type AuthorKind = 'visitor' | 'bot' | 'agent' | 'system';

/** What the bot did with a question: answered it, suggested a passage in doubt, or refused. */
export const BOT_OUTCOMES = ['answer', 'suggest', 'refuse'] as const;
export type BotOutcome = (typeof BOT_OUTCOMES)[number];

/** A piece of content the bot answered from. */
export interface Source {
  /** `knowledge-entry:12` or `api::article.article:abc` */
  id: string;
  title: string;
  url: string | null;
}

export interface AgentSummary {
  id: number;
  name: string;
  email: string;
  presence: Presence;
}

export interface ContactSummary {
  id: number;
  name: string | null;
  email: string | null;
}

export interface Contact extends ContactSummary {
  phone: string | null;
  attributes: Record<string, string | number | boolean | null>;
  tags: Tag[];
  lastSeenAt: string | null;
  online: boolean;
  /** ISO 3166-1 alpha-2 code from the visitor's first session, when a proxy in front of Strapi tells it. */
  country: string | null;
  createdAt: string;
  /** The latest page the visitor recorded (`client.page`, the widget), or null. */
  currentPage: PageView | null;
}

/** A page the visitor was on, as the site recorded it. */
export interface PageView {
  url: string;
  title: string | null;
  at: string;
}

export interface Tag {
  id: number;
  name: string;
  color: string;
  kind: 'manual' | 'automated';
}

export interface Conversation {
  id: number;
  status: ConversationStatus;
  /** `web`, or `offline`: a message left while nobody was online, to answer by email. */
  channel: string;
  contact: ContactSummary;
  assignee: AgentSummary | null;
  teamId: number | null;
  tags: Tag[];
  endReason: string | null;
  endNote: string | null;
  rating: number | null;
  ratingComment: string | null;
  pageUrl: string | null;
  userAgent: string | null;
  ip: string | null;
  country: string | null;
  lastMessagePreview: string | null;
  /** The visitor's own newest message (what they asked), for triage; the bot's and agents' replies never show here. */
  lastVisitorMessage: string | null;
  lastVisitorMessageAt: string | null;
  unreadByAgent: number;
  unreadByVisitor: number;
  /** When the assigned agent last read the thread: the visitor's messages up to then are "Seen". */
  seenByAgentAt: string | null;
  /** When the visitor last read the thread: the desk's messages up to then are "Seen". */
  seenByVisitorAt: string | null;
  createdAt: string;
  queuedAt: string | null;
  assignedAt: string | null;
  /** Every agent who took the conversation, in order: "X joined" is shown where each happened. */
  joins: AgentJoin[];
  firstResponseAt: string | null;
  lastMessageAt: string | null;
  endedAt: string | null;
}

/** An agent taking a conversation (pick, assignment, transfer, take-over, accepted escalation), named as then. */
export interface AgentJoin {
  name: string;
  at: string;
}

/** The part of a conversation a visitor may see (no IP, no internal fields). */
export interface VisitorConversation {
  id: number;
  status: ConversationStatus;
  assignee: { name: string } | null;
  rating: number | null;
  createdAt: string;
  /** When it joined the queue (while queued): the widget counts the wait from it. */
  queuedAt: string | null;
  /** When the agent joined. */
  assignedAt: string | null;
  /** Every agent who joined, in order: "X joined the conversation" is placed where each happened. */
  joins: AgentJoin[];
  /** When the agent last read the thread: the visitor's messages up to then are "Seen". */
  seenByAgentAt: string | null;
  lastMessageAt: string | null;
  endedAt: string | null;
  /** When a pending escalation should be resolved (the agent's estimate), shown to the visitor. */
  expectedResolutionAt: string | null;
  /** A message left while nobody was online: the visitor is answered by email, and sees no queue position. */
  offline: boolean;
}

/** A file sent with a message, stored through Strapi's upload plugin. */
export interface Attachment {
  /** The upload plugin's file id. */
  id: number;
  name: string;
  mime: string;
  /** Bytes. */
  size: number;
  /** As the upload provider gives it: `/uploads/…` (relative to the Strapi server) for the local provider. */
  url: string;
}

export interface Message {
  id: number;
  conversationId: number;
  authorKind: AuthorKind;
  authorId: number | null;
  authorName: string | null;
  text: string;
  clientId: string | null;
  sources: Source[];
  confidence: number | null;
  /** Set on bot messages that offer a human: refusals and suggestions. */
  offerHuman: boolean;
  /** How sure the bot was, on its answers to questions: answered, suggested in doubt, or refused; null otherwise. */
  outcome: BotOutcome | null;
  /** Files sent with the message; the text may be empty when there are some. */
  attachments: Attachment[];
  /** The visitor's 👍 / 👎 on a bot answer (their latest vote); null until they vote. */
  feedback?: MessageFeedback | null;
  createdAt: string;
}

/** A visitor's vote on a bot answer: "Was this helpful?". */
export interface MessageFeedback {
  helpful: boolean;
  comment?: string;
  /** When the visitor last voted (ISO). */
  at: string;
}

/** Whether a message is a bot answer the visitor may vote on: the bot answered from content (not a refusal, a notice or a follow-up). */
export const isBotAnswer = (message: Pick<Message, 'authorKind' | 'offerHuman' | 'confidence' | 'outcome'>) =>
  message.authorKind === 'bot' &&
  (message.outcome === 'answer' ||
    message.outcome === 'suggest' ||
    // Stored before outcomes existed: an answer is a bot message with a confidence that offers no human.
    (message.outcome == null && !message.offerHuman && message.confidence !== null));

export interface Note {
  id: number;
  conversationId: number;
  authorId: number;
  authorName: string | null;
  text: string;
  createdAt: string;
}

export interface Escalation {
  id: number;
  conversationId: number;
  fromAgentId: number;
  toAgentId: number | null;
  toTeamId: number | null;
  note: string;
  status: EscalationStatus;
  reason: string | null;
  expectedResolutionMinutes: number | null;
  createdAt: string;
  decidedAt: string | null;
}

export interface JourneyEvent {
  id: number;
  contactId: number;
  conversationId: number | null;
  type: string;
  actor: string;
  payload: Record<string, unknown>;
  createdAt: string;
}

export interface CannedMessage {
  id: number;
  shortcut: string;
  title: string;
  text: string;
  teamId: number | null;
}

export interface EndReason {
  id: number;
  label: string;
  requiresNote: boolean;
  position: number;
}

export interface Team {
  id: number;
  name: string;
  memberIds: number[];
}

/**
 * Why a question is a failed response: the bot `refused` it, the visitor found the answer `unhelpful` (👎),
 * or asked for a person right after the answer (`handoff`).
 */
export const FAILED_RESPONSE_KINDS = ['refused', 'unhelpful', 'handoff'] as const;
export type FailedResponseKind = (typeof FAILED_RESPONSE_KINDS)[number];

/** A question the bot could not answer, with the similar ones grouped under it. */
export interface FailedResponse {
  id: number;
  kind: FailedResponseKind;
  /** The first phrasing asked; later similar ones count towards `count`. */
  question: string;
  conversationId: number | null;
  messageId: number | null;
  /** What the bot said (an unhelpful or handoff answer), or the best it found but did not send (a refusal). */
  botAnswer: string | null;
  /** The sources the bot's answer used (unhelpful and handoff groups). */
  sources: Source[];
  confidence: number | null;
  status: 'open' | 'resolved';
  resolution: 'new-entry' | 'mapped' | 'dismissed' | null;
  /** How many times it (or a similar question) was asked. */
  count: number;
  /** Every conversation that asked it. */
  conversationIds: number[];
  /** The different ways it was asked (the first few). */
  phrasings: string[];
  /** The knowledge entry (document id) that now answers it, when resolved by a new or mapped entry. */
  knowledgeEntryId: string | null;
  createdAt: string;
  lastAskedAt: string;
  resolvedAt: string | null;
}

/** A paginated list, as every list route answers. */
export interface Page<T> {
  results: T[];
  pagination: { page: number; pageSize: number; total: number; pageCount: number };
}
