import { z } from 'zod';
import type { ConversationStatus } from '../lifecycle';
import {
  FAILED_RESPONSE_KINDS,
  type ContactSummary,
  type FailedResponse,
  type Message,
  type Page,
  type Source,
} from './entities';
import { idField, isoDateField, optionalText, paginationFields, plainString, requiredText } from './fields';
import { agentRoute } from './route';

/** A knowledge entry as the failed-response review shows it (drafts included). */
export interface KnowledgeEntrySummary {
  documentId: string;
  title: string;
  answer: string;
  alternativeQuestions: string[];
  /** Whether a published version exists (only published entries answer visitors). */
  published: boolean;
}

/** GET /livechat/failed-responses - grouped questions the bot could not answer, most asked first. */
export namespace ListFailedResponses {
  export const route = agentRoute<Response, undefined, Request>()('GET', '/failed-responses', 'manageKnowledge');
  export const query = z
    .object({
      /** `resolved`: closed by an entry, a mapping or by hand; `dismissed`: closed as not worth an answer. */
      status: z.enum(['open', 'resolved', 'dismissed'], { error: 'must be open, resolved or dismissed' }).optional(),
      /** Only groups of this kind: refused by the bot, voted 👎, or handed to a person right after the answer. */
      kind: z.enum(FAILED_RESPONSE_KINDS, { error: 'must be refused, unhelpful or handoff' }).optional(),
      /** Which date `from` and `to` apply to: when first asked (default) or when last asked. */
      dateField: z
        .enum(['createdAt', 'lastAskedAt'], { error: 'must be createdAt or lastAskedAt' })
        .default('createdAt'),
      /** Asked (first or last, see `dateField`) on or after this date. */
      from: isoDateField.optional(),
      /** Asked (first or last, see `dateField`) on or before this date (a date alone includes the whole day). */
      to: isoDateField.optional(),
      q: optionalText(200),
      sort: z
        .enum(['count:desc', 'lastAskedAt:desc', 'createdAt:desc'], { error: 'is not a known sort' })
        .default('count:desc'),
      ...paginationFields,
    })
    .strict();
  export type Request = z.input<typeof query>;
  export type Response = Page<FailedResponse>;
}

/** One conversation (session) that asked a failed question, with its messages. */
export interface AskingConversation {
  id: number;
  status: ConversationStatus;
  contact: ContactSummary;
  createdAt: string;
  messages: Message[];
}

/** An agent's message that followed a visitor's question in a conversation. */
export interface AgentReply {
  conversationId: number;
  messageId: number;
  text: string;
}

/** GET /livechat/failed-responses/:id - one group with the conversations that asked it (latest 20). */
export namespace GetFailedResponse {
  export const route = agentRoute<Response>()('GET', '/failed-responses/:id', 'manageKnowledge');
  export type Response = FailedResponse & {
    conversations: AskingConversation[];
    knowledgeEntry: KnowledgeEntrySummary | null;
    /** The latest agent reply that followed the question in those conversations: the answer to prefill. */
    agentReply: AgentReply | null;
  };
}

/**
 * POST /livechat/failed-responses/:id/knowledge-entry - a new knowledge entry answering the question. The
 * group is resolved when the entry is published: at once with `publish: true`, else when an editor
 * publishes the draft. 409 when the group is closed or already has a draft entry (or another request won).
 */
export namespace AddToKnowledgeBase {
  export const route = agentRoute<Response, Request>()(
    'POST',
    '/failed-responses/:id/knowledge-entry',
    'manageKnowledge',
  );
  export const body = z
    .object({
      /** Defaults to the question as asked. */
      title: optionalText(255),
      answer: requiredText(20_000),
      /** Other ways visitors ask it; the question itself is always added. */
      alternativeQuestions: z.array(requiredText(500), { error: 'must be a list of questions' }).max(50).optional(),
      /** The page answering it; http(s) only, since the admin and the widget render it as a link. */
      url: z
        .url({ protocol: /^https?$/, error: 'must be an http(s) URL' })
        .max(2000, 'must be at most 2000 characters')
        .optional(),
      /** Publish at once (the bot answers from it immediately); otherwise it stays a draft. */
      publish: z.boolean({ error: 'must be true or false' }).default(false),
    })
    .strict();
  export type Request = z.input<typeof body>;
  export type Response = { failedResponse: FailedResponse; knowledgeEntry: KnowledgeEntrySummary };
}

/**
 * POST /livechat/conversations/:id/knowledge-entry - "Save to knowledge": a draft entry whose question is
 * the visitor's message before the agent message `messageId` and whose answer is that message. The open
 * failed-response group of that question in the conversation (if any, and without a draft yet) links to
 * the draft, so publishing it resolves the group. 400 naming `messageId` unless it is an agent message of
 * the conversation with a visitor question before it.
 */
export namespace SaveReplyToKnowledge {
  export const route = agentRoute<Response, Request>()('POST', '/conversations/:id/knowledge-entry', 'manageKnowledge');
  export const body = z.object({ messageId: idField }).strict();
  export type Request = z.input<typeof body>;
  export type Response = { knowledgeEntry: KnowledgeEntrySummary; failedResponse: FailedResponse | null };
}

/** POST /livechat/failed-responses/:id/map - the question becomes another phrasing of an existing entry. */
export namespace MapToKnowledgeEntry {
  export const route = agentRoute<Response, Request>()('POST', '/failed-responses/:id/map', 'manageKnowledge');
  export const body = z
    .object({
      entryDocumentId: plainString().trim().min(1, 'must not be empty').max(64),
    })
    .strict();
  export type Request = z.input<typeof body>;
  export type Response = { failedResponse: FailedResponse; knowledgeEntry: KnowledgeEntrySummary };
}

/** POST /livechat/failed-responses/:id/resolve and /:id/dismiss - close the group without a new entry. */
export namespace CloseFailedResponse {
  export const routes = {
    resolve: agentRoute<Response>()('POST', '/failed-responses/:id/resolve', 'manageKnowledge'),
    dismiss: agentRoute<Response>()('POST', '/failed-responses/:id/dismiss', 'manageKnowledge'),
  };
  export type Response = FailedResponse;
}

/** POST /livechat/failed-responses/:id/broadcast - a follow-up to every visitor who asked. */
export namespace BroadcastFollowUp {
  export const route = agentRoute<Response, Request>()('POST', '/failed-responses/:id/broadcast', 'manageKnowledge');
  export const body = z
    .object({
      text: requiredText(4000),
      /** Subject of the email sent to visitors who left an address. */
      subject: optionalText(200),
    })
    .strict();
  export type Request = z.input<typeof body>;
  /** `sent`: conversations written to; `emailed`: visitors the email goes to (sent in the background). */
  export type Response = { sent: number; emailed: number };
}

/** GET /livechat/knowledge-entries?q= - entries to map a question to, matched on the title. */
export namespace SearchKnowledgeEntries {
  export const route = agentRoute<Response, undefined, Request>()('GET', '/knowledge-entries', 'manageKnowledge');
  export const query = z.object({ q: optionalText(200) }).strict();
  export type Request = z.input<typeof query>;
  export type Response = { results: KnowledgeEntrySummary[] };
}

/** GET /livechat/conversations/:id/hint - a suggested answer to the visitor's latest message. */
export namespace ConversationHint {
  export const route = agentRoute<Response>()('GET', '/conversations/:id/hint', 'read');
  export type Response = {
    messageId: number | null;
    question: string | null;
    suggestion: { text: string; sources: Source[]; confidence: number } | null;
  };
}
