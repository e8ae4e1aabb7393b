import { z } from 'zod';
import type { Contact, Message, VisitorConversation } from './entities';
import { attributesField, clientIdField, contactDetailsFields, idField, optionalText, requiredText } from './fields';
import { VISITOR_ROUTES } from './visitor-routes';

/** POST /api/livechat/sessions - start a visitor session; answers a signed visitor token. */
export namespace StartSession {
  export const route = VISITOR_ROUTES.startSession;
  export const body = z
    .object({
      name: optionalText(120),
      email: z.email('must be an email address').max(200).optional(),
      pageUrl: optionalText(2000),
      locale: optionalText(20),
    })
    .strict();
  export type Request = z.input<typeof body>;
  export interface Response {
    token: string;
    contact: Pick<Contact, 'id' | 'name' | 'email'>;
  }
}

/**
 * POST /api/livechat/conversations - open a new conversation for the visitor, optionally with its first message.
 * `proactiveRuleId`: the visitor answers a proactive message; the server stores that rule's message (from its
 * own settings) as the first bot message. An unknown or disabled rule is ignored: the conversation starts without it.
 */
export namespace StartConversation {
  export const route = VISITOR_ROUTES.startConversation;
  /** `maxLength` is the configured `maxMessageLength`: the first message obeys it like any other. */
  export const body = (maxLength: number) =>
    z
      .object({
        pageUrl: optionalText(2000),
        /** The widget's language (`fr`, `de-CH`): the bot's own sentences follow it. */
        locale: optionalText(20),
        text: optionalText(maxLength),
        clientId: clientIdField.optional(),
        proactiveRuleId: z.string({ error: 'must be a string' }).max(64, 'must be at most 64 characters').optional(),
      })
      .strict();
  export type Request = z.input<ReturnType<typeof body>>;
  export type Response = VisitorConversation;
}

/** The channel of a conversation left through the offline form (`web` otherwise). */
export const OFFLINE_CHANNEL = 'offline';

/**
 * POST /api/livechat/offline-requests - nobody is online: the visitor leaves an email and a message. The
 * message is not for the bot: the conversation named (when it is with the bot or queued; else a new one)
 * waits in the queue as an offline message, and the agent's reply is emailed to `email`.
 */
export namespace LeaveOfflineMessage {
  export const route = VISITOR_ROUTES.leaveOfflineMessage;
  export const body = (maxLength: number) =>
    z
      .object({
        email: z.email('must be an email address').max(200, 'must be at most 200 characters'),
        text: requiredText(maxLength),
        conversationId: idField.optional(),
        clientId: clientIdField.optional(),
        pageUrl: optionalText(2000),
        locale: optionalText(20),
      })
      .strict();
  export type Request = z.input<ReturnType<typeof body>>;
  export type Response = VisitorConversation;
}

/** GET /api/livechat/conversations - the visitor's own conversations, newest first. */
export namespace ListVisitorConversations {
  export const route = VISITOR_ROUTES.listVisitorConversations;
  export type Response = { results: VisitorConversation[] };
}

/** POST /api/livechat/conversations/:id/messages - send a message (idempotent on clientId). */
export namespace SendMessage {
  export const route = VISITOR_ROUTES.sendMessage;
  export const body = (maxLength: number) =>
    z.object({ clientId: clientIdField, text: requiredText(maxLength) }).strict();
  export type Request = { clientId: string; text: string };
  export type Response = Message;
}

/** GET /api/livechat/conversations/:id/messages?after=ID - messages after a cursor, oldest first. */
export namespace ListMessages {
  export const route = VISITOR_ROUTES.listMessages;
  export const query = z
    .object({
      after: z.coerce.number({ error: 'must be a number' }).int().min(0, 'must not be negative').default(0),
      limit: z.coerce.number({ error: 'must be a number' }).int().min(1).max(500, 'must be at most 500').default(200),
    })
    .strict();
  export type Request = z.input<typeof query>;
  export type Response = { results: Message[]; hasMore: boolean };
}

/**
 * POST /api/livechat/conversations/:id/read - the visitor has read the thread up to now (also the socket's
 * `conversation:read`): the desk's messages up to `seenByVisitorAt` show "Seen" to agents.
 */
export namespace MarkConversationRead {
  export const route = VISITOR_ROUTES.markConversationRead;
  export type Response = VisitorConversation;
}

/** POST /api/livechat/conversations/:id/rating - rate an ended conversation. */
export namespace RateConversation {
  export const route = VISITOR_ROUTES.rateConversation;
  export const body = z
    .object({
      score: z
        .number({ error: 'must be a number' })
        .int('must be a whole number')
        .min(1, 'must be 1 to 5')
        .max(5, 'must be 1 to 5'),
      comment: optionalText(2000),
    })
    .strict();
  export type Request = z.input<typeof body>;
  export type Response = VisitorConversation;
}

/**
 * POST /api/livechat/conversations/:id/messages/:messageId/feedback - the visitor's 👍 / 👎 on a bot answer;
 * answers the message with its `feedback`. A later vote replaces the earlier one. 👎 records the answer as an
 * `unhelpful` failed response and the bot offers a person; 👍 after 👎 takes it back out.
 */
export namespace GiveFeedback {
  export const route = VISITOR_ROUTES.giveFeedback;
  export const body = z
    .object({
      helpful: z.boolean({ error: 'must be true or false' }),
      comment: optionalText(2000),
    })
    .strict();
  export type Request = z.input<typeof body>;
  export type Response = Message;
}

/** GET /api/livechat/availability - whether a person can answer now, and when support opens again. */
export namespace Availability {
  export const route = VISITOR_ROUTES.availability;
  export type Response = {
    /** Agents are online and it is within business hours: a visitor who asks for a human gets one. */
    online: boolean;
    /** Agents online now, whatever the business hours. */
    agentsOnline: number;
    /** Within the business hours of Settings (always true when business hours are off). */
    withinBusinessHours: boolean;
    /** Outside business hours: when they start again (ISO); null within them or when no opening is scheduled. */
    opensAt: string | null;
  };
}

/** Tags one `identify` call may name at most. */
export const MAX_IDENTIFY_TAGS = 20;

/**
 * POST /api/livechat/identify - the site tells who its visitor is: details, custom attributes (merged into
 * the contact's, at most 50 keys in all) and tags (applied when Settings → automated tags allow them).
 */
export namespace IdentifyVisitor {
  export const route = VISITOR_ROUTES.identifyVisitor;
  export const body = z
    .object({
      ...contactDetailsFields,
      attributes: attributesField.optional(),
      tags: z
        .array(requiredText(60), { error: 'must be a list of tag names' })
        .max(MAX_IDENTIFY_TAGS, `must have at most ${MAX_IDENTIFY_TAGS} tags`)
        .optional(),
    })
    .strict();
  export type Request = z.input<typeof body>;
  export type Response = Pick<Contact, 'id' | 'name' | 'email' | 'phone' | 'attributes'>;
}

/** POST /api/livechat/pages - the visitor is on this page now (journey, "Now on …" for agents); rate limited. */
export namespace RecordPageView {
  export const route = VISITOR_ROUTES.recordPageView;
  export const body = z.object({ url: requiredText(2000), title: optionalText(300) }).strict();
  export type Request = z.input<typeof body>;
}

/** GET /api/livechat/conversations/:id - one of the visitor's conversations. */
export namespace GetVisitorConversation {
  export const route = VISITOR_ROUTES.getVisitorConversation;
}

/** POST /api/livechat/conversations/:id/human - the visitor asks for a person: the conversation joins the queue. */
export namespace RequestHuman {
  export const route = VISITOR_ROUTES.requestHuman;
}

/** POST /api/livechat/conversations/:id/end - the visitor ends the conversation. */
export namespace EndVisitorConversation {
  export const route = VISITOR_ROUTES.endVisitorConversation;
}
