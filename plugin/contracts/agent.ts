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
import { OFFLINE_CHANNEL } from './visitor';

const isoDate = z.iso
  .datetime({ offset: true, error: 'must be an ISO date-time' })
  .or(z.iso.date({ error: 'must be an ISO date' }));

/** GET /livechat/conversations - list with filters, search and pagination. */
export namespace ListConversations {
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
  export type Response = Conversation & { messages: Message[]; notes: Note[]; escalations: Escalation[] };
}

/** POST /livechat/conversations - an agent opens a conversation with a contact (starts `open`). */
export namespace StartAgentConversation {
  /** `maxLength` is the configured `maxMessageLength`: the first message obeys it like any other. */
  export const body = (maxLength: number) =>
    z.object({ contactId: idField, text: requiredText(maxLength).optional() }).strict();
  export type Request = z.input<ReturnType<typeof body>>;
  export type Response = Conversation;
}

/** POST /livechat/conversations/:id/assign - give the conversation to an agent who is online (409 otherwise). */
export namespace AssignConversation {
  export const body = z.object({ agentId: idField }).strict();
  export type Request = z.input<typeof body>;
  export type Response = Conversation;
}

/**
 * POST /livechat/conversations/:id/take-over - the agent steps into a conversation the bot is handling: it
 * becomes `open`, assigned to them, with a `conversation.taken-over` journey event. 409 unless they are online.
 */
export namespace TakeOverConversation {
  export type Response = Conversation;
}

/** GET /livechat/agents/online - agents online now who may reply, least loaded first, for "Assign to…". */
export namespace ListOnlineAgents {
  export type Response = {
    /** Open conversations one agent may hold (`routing.capacity`). */
    capacity: number;
    results: Array<AgentSummary & { openConversations: number }>;
  };
}

/** POST /livechat/conversations/:id/transfer - hand an open conversation to another agent or a team queue. */
export namespace TransferConversation {
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
  export const body = z.object({ reasonId: idField, note: optionalText(2000) }).strict();
  export type Request = z.input<typeof body>;
  export type Response = Conversation;
}

/** POST /livechat/conversations/:id/escalations - escalate to an agent or a team. */
export namespace Escalate {
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
  export const body = z.object({ reason: requiredText(2000) }).strict();
  export type Request = z.input<typeof body>;
  export type Response = Escalation;
}

/** GET /livechat/escalations - escalations, pending first. */
export namespace ListEscalations {
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
  export const body = z.object({ text: requiredText(10_000) }).strict();
  export type Request = z.input<typeof body>;
  export type Response = Note;
}

/** PUT /livechat/conversations/:id/tags - replace the conversation's tags. */
export namespace SetConversationTags {
  export const body = z.object({ tagIds: z.array(idField, { error: 'must be a list of ids' }).max(50) }).strict();
  export type Request = z.input<typeof body>;
  export type Response = Conversation;
}

/** PUT /livechat/contacts/:id - edit a contact's details and custom attributes. */
export namespace UpdateContact {
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
  export type Response = { results: JourneyEvent[] };
}

/** Tags: GET/POST /livechat/tags, PUT/DELETE /livechat/tags/:id. */
export namespace SaveTag {
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
  export const body = z.object({ name: requiredText(80), memberIds: z.array(idField).max(500).default([]) }).strict();
  export type Request = z.input<typeof body>;
  export type Response = Team;
}

/** POST /livechat/conversations/:id/messages - an agent writes to the visitor. */
export namespace AgentSendMessage {
  export type Response = Message;
}
