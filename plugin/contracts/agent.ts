import { z } from 'zod';
import { CONVERSATION_STATUSES } from '../lifecycle';
import type {
  AgentSummary,
  CannedMessage,
  Contact,
  Conversation,
  EndReason,
  Escalation,
  JourneyEvent,
  Message,
  Note,
  Page,
  Tag,
  Team,
} from './entities';
import { attributesField, booleanFlag, contactDetailsFields, idField, optionalText, requiredText } from './fields';
import { ListMessages, OFFLINE_CHANNEL, SendMessage } from './visitor';
import { agentRoute, collectionRoutes } from './route';

const isoDate = z.iso
  .datetime({ offset: true, error: 'must be an ISO date-time' })
  .or(z.iso.date({ error: 'must be an ISO date' }));

/** GET /livechat/conversations - list with filters, search and pagination. */
export namespace ListConversations {
  export const route = agentRoute<Response, undefined, Request>()('GET', '/conversations', 'read');
  export const query = z
    .object({
      status: z
        .string({ error: 'must be a string' })
        .transform((v) => v.split(',').filter(Boolean))
        .pipe(z.array(z.enum(CONVERSATION_STATUSES, { error: `must be one of ${CONVERSATION_STATUSES.join(', ')}` })))
        .optional(),
      mine: booleanFlag.optional(),
      assignee: idField.optional(),
      team: idField.optional(),
      tag: idField.optional(),
      contact: idField.optional(),
      /** `offline`: only messages left through the offline form (to answer by email). */
      channel: z.enum(['web', OFFLINE_CHANNEL], { error: `must be web or ${OFFLINE_CHANNEL}` }).optional(),
      /** `true`: only conversations with messages the agents have not read yet. */
      unread: booleanFlag.optional(),
      from: isoDate.optional(),
      to: isoDate.optional(),
      q: optionalText(200),
      sort: z
        .enum(['lastMessageAt:desc', 'createdAt:desc', 'queuedAt:asc'], { error: 'is not a known sort' })
        .default('lastMessageAt:desc'),
      page: z.coerce.number({ error: 'must be a number' }).int().min(1, 'must be at least 1').default(1),
      pageSize: z.coerce.number({ error: 'must be a number' }).int().min(1).max(100, 'must be at most 100').default(25),
    })
    .strict();
  export type Request = z.input<typeof query>;
  export type Response = Page<ListedConversation>;
}

/** A row of the conversation list: the conversation and whether its visitor has the chat open right now. */
export type ListedConversation = Conversation & { visitorOnline: boolean };

/** GET /livechat/conversations/:id - one conversation with its thread, notes and escalations. */
export namespace GetConversation {
  export const route = agentRoute<Response>()('GET', '/conversations/:id', 'read');
  export type Response = Conversation & { messages: Message[]; notes: Note[]; escalations: Escalation[] };
}

/**
 * POST /livechat/conversations/:id/read - the assigned agent has read the thread up to now (also the socket's
 * `conversation:read`; opening the thread does it too): the visitor sees "Seen". Others' reads change nothing.
 */
export namespace MarkConversationReadByAgent {
  export const route = agentRoute<Response>()('POST', '/conversations/:id/read', 'read');
  export type Response = Conversation;
}

/** POST /livechat/conversations - an agent opens a conversation with a contact (starts `open`). */
export namespace StartAgentConversation {
  export const route = agentRoute<Response, Request>()('POST', '/conversations', 'reply');
  /** `maxLength` is the configured `maxMessageLength`: the first message obeys it like any other. */
  export const body = (maxLength: number) =>
    z.object({ contactId: idField, text: requiredText(maxLength).optional() }).strict();
  export type Request = z.input<ReturnType<typeof body>>;
  export type Response = Conversation;
}

/** POST /livechat/conversations/:id/assign - give the conversation to an agent who is online (409 otherwise). */
export namespace AssignConversation {
  export const route = agentRoute<Response, Request>()('POST', '/conversations/:id/assign', 'reply');
  export const body = z.object({ agentId: idField }).strict();
  export type Request = z.input<typeof body>;
  export type Response = Conversation;
}

/**
 * POST /livechat/conversations/:id/take-over - the agent steps into a conversation the bot is handling: it
 * becomes `open`, assigned to them, with a `conversation.taken-over` journey event. 409 unless they are online.
 */
export namespace TakeOverConversation {
  export const route = agentRoute<Response>()('POST', '/conversations/:id/take-over', 'reply');
  export type Response = Conversation;
}

/** GET /livechat/agents/online - agents online now who may reply, least loaded first, for "Assign to…". */
export namespace ListOnlineAgents {
  export const route = agentRoute<Response>()('GET', '/agents/online', 'read');
  export type Response = {
    /** Open conversations one agent may hold (`routing.capacity`). */
    capacity: number;
    results: Array<AgentSummary & { openConversations: number }>;
  };
}

/** POST /livechat/conversations/:id/transfer - hand an open conversation to another agent or a team queue. */
export namespace TransferConversation {
  export const route = agentRoute<Response, Request>()('POST', '/conversations/:id/transfer', 'reply');
  export const body = z
    .object({ agentId: idField.optional(), teamId: idField.optional(), note: optionalText(2000) })
    .strict()
    .refine((b) => (b.agentId === undefined) !== (b.teamId === undefined), {
      message: 'give exactly one of agentId or teamId',
      path: ['agentId'],
    });
  export type Request = z.input<typeof body>;
  export type Response = Conversation;
}

/** POST /livechat/conversations/:id/end - end with a configured reason (some reasons need a note). */
export namespace EndConversation {
  export const route = agentRoute<Response, Request>()('POST', '/conversations/:id/end', 'reply');
  export const body = z.object({ reasonId: idField, note: optionalText(2000) }).strict();
  export type Request = z.input<typeof body>;
  export type Response = Conversation;
}

/** POST /livechat/conversations/:id/escalations - escalate to an agent or a team. */
export namespace Escalate {
  export const route = agentRoute<Response, Request>()('POST', '/conversations/:id/escalations', 'reply');
  export const body = z
    .object({
      toAgentId: idField.optional(),
      toTeamId: idField.optional(),
      note: requiredText(2000),
      expectedResolutionMinutes: z
        .number({ error: 'must be a number' })
        .int()
        .min(1)
        .max(60 * 24 * 30)
        .optional(),
    })
    .strict()
    .refine((b) => (b.toAgentId === undefined) !== (b.toTeamId === undefined), {
      message: 'give exactly one of toAgentId or toTeamId',
      path: ['toAgentId'],
    });
  export type Request = z.input<typeof body>;
  export type Response = Escalation;
}

/** POST /livechat/escalations/:id/reject - reject a pending escalation (reason required). */
export namespace RejectEscalation {
  export const route = agentRoute<Response, Request>()('POST', '/escalations/:id/reject', 'reply');
  export const body = z.object({ reason: requiredText(2000) }).strict();
  export type Request = z.input<typeof body>;
  export type Response = Escalation;
}

/** GET /livechat/escalations - escalations, pending first. */
export namespace ListEscalations {
  export const route = agentRoute<Response, undefined, z.input<typeof query>>()('GET', '/escalations', 'read');
  export const query = z
    .object({
      status: z
        .enum(['pending', 'accepted', 'rejected', 'cancelled'], { error: 'is not an escalation status' })
        .optional(),
      mine: booleanFlag.optional(),
    })
    .strict();
  export type Response = { results: Escalation[] };
}

/** POST /livechat/conversations/:id/notes - add an internal note. */
export namespace AddNote {
  export const route = agentRoute<Response, Request>()('POST', '/conversations/:id/notes', 'reply');
  export const body = z.object({ text: requiredText(10_000) }).strict();
  export type Request = z.input<typeof body>;
  export type Response = Note;
}

/** PUT /livechat/conversations/:id/tags - replace the conversation's tags. */
export namespace SetConversationTags {
  export const route = agentRoute<Response, Request>()('PUT', '/conversations/:id/tags', 'reply');
  export const body = z.object({ tagIds: z.array(idField, { error: 'must be a list of ids' }).max(50) }).strict();
  export type Request = z.input<typeof body>;
  export type Response = Conversation;
}

/** PUT /livechat/contacts/:id - edit a contact's details and custom attributes. */
export namespace UpdateContact {
  export const route = agentRoute<Response, Request>()('PUT', '/contacts/:id', 'reply');
  export const body = z
    .object({
      ...contactDetailsFields,
      attributes: attributesField.optional(),
      tagIds: z.array(idField).max(50).optional(),
    })
    .strict();
  export type Request = z.input<typeof body>;
  export type Response = Contact;
}

/** GET /livechat/contacts/:id/journey - the contact's journey events, oldest first. */
export namespace ContactJourney {
  export const route = agentRoute<Response>()('GET', '/contacts/:id/journey', 'read');
  export type Response = { results: JourneyEvent[] };
}

/** Tags: GET/POST /livechat/tags, PUT/DELETE /livechat/tags/:id. */
export namespace SaveTag {
  export const routes = collectionRoutes<Tag, Request>()('/tags');
  export const body = z
    .object({
      name: requiredText(60),
      color: z
        .string()
        .regex(/^#[0-9a-fA-F]{6}$/, 'must be a colour like #1a2b3c')
        .default('#4945ff'),
      kind: z.enum(['manual', 'automated'], { error: 'must be manual or automated' }).default('manual'),
    })
    .strict();
  export type Request = z.input<typeof body>;
  export type Response = Tag;
}

/** Canned messages: GET/POST /livechat/canned-messages, PUT/DELETE /livechat/canned-messages/:id. */
export namespace SaveCannedMessage {
  export const routes = collectionRoutes<CannedMessage, Request>()('/canned-messages');
  export const body = z
    .object({
      shortcut: z
        .string({ error: 'must be a string' })
        .trim()
        .min(1, 'must not be empty')
        .max(40)
        .regex(/^[a-z0-9_-]+$/i, 'may contain only letters, digits, - and _'),
      title: requiredText(120),
      text: requiredText(4000),
      teamId: idField.nullable().optional(),
    })
    .strict();
  export type Request = z.input<typeof body>;
  export type Response = CannedMessage;
}

/** End reasons: GET/POST /livechat/end-reasons, PUT/DELETE /livechat/end-reasons/:id. */
export namespace SaveEndReason {
  export const routes = collectionRoutes<EndReason, Request>()('/end-reasons');
  export const body = z
    .object({
      label: requiredText(120),
      requiresNote: z.boolean().default(false),
      position: z.number().int().min(0).default(0),
    })
    .strict();
  export type Request = z.input<typeof body>;
  export type Response = EndReason;
}

/** Teams: GET/POST /livechat/teams, PUT/DELETE /livechat/teams/:id. */
export namespace SaveTeam {
  export const routes = collectionRoutes<Team, Request>()('/teams');
  export const body = z.object({ name: requiredText(80), memberIds: z.array(idField).max(500).default([]) }).strict();
  export type Request = z.input<typeof body>;
  export type Response = Team;
}

/** POST /livechat/conversations/:id/messages - an agent writes to the visitor. */
export namespace AgentSendMessage {
  export const route = agentRoute<Response, SendMessage.Request>()('POST', '/conversations/:id/messages', 'reply');
  export type Response = Message;
}

/** GET /livechat/conversations/:id/messages?after=ID - the thread after a cursor, oldest first (internal notes apart). */
export namespace ListConversationMessages {
  export const route = agentRoute<ListMessages.Response, undefined, ListMessages.Request>()(
    'GET',
    '/conversations/:id/messages',
    'read',
  );
}

/** POST /livechat/conversations/:id/pick - take a queued conversation (you must be online and within your capacity). */
export namespace PickConversation {
  export const route = agentRoute<Conversation>()('POST', '/conversations/:id/pick', 'reply');
}

/** POST /livechat/conversations/:id/reopen - reopen an ended conversation, assigned to you. */
export namespace ReopenConversation {
  export const route = agentRoute<Conversation>()('POST', '/conversations/:id/reopen', 'reply');
}

/** GET /livechat/conversations/:id/notes - the internal notes, oldest first. */
export namespace ListNotes {
  export const route = agentRoute<{ results: Note[] }>()('GET', '/conversations/:id/notes', 'read');
}

/** POST /livechat/escalations/:id/accept - the escalated agent (or a member of the team) takes the conversation. */
export namespace AcceptEscalation {
  export const route = agentRoute<Escalation>()('POST', '/escalations/:id/accept', 'reply');
}

/** POST /livechat/escalations/:id/cancel - the escalating agent withdraws a pending escalation. */
export namespace CancelEscalation {
  export const route = agentRoute<Escalation>()('POST', '/escalations/:id/cancel', 'reply');
}

/** GET /livechat/contacts/:id - a contact with their details and attributes. */
export namespace GetContact {
  export const route = agentRoute<Contact>()('GET', '/contacts/:id', 'read');
}

/** DELETE /livechat/contacts/:id - erase a contact with their conversations, messages, notes and journey. */
export namespace DeleteContact {
  export const route = agentRoute<null>()('DELETE', '/contacts/:id', 'manageSettings');
}

/** GET /livechat/agents - the admin users who may work in the inbox, with their presence. */
export namespace ListAgents {
  export const route = agentRoute<{ results: AgentSummary[] }>()('GET', '/agents', 'read');
}
