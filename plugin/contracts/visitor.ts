import { z } from 'zod';
import type { Contact, Message, VisitorConversation } from './entities';
import { clientIdField, optionalText, requiredText } from './fields';

/** POST /api/livechat/sessions - start a visitor session; answers a signed visitor token. */
export namespace StartSession {
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

/** POST /api/livechat/conversations - open a new conversation for the visitor, optionally with its first message. */
export namespace StartConversation {
  /** `maxLength` is the configured `maxMessageLength`: the first message obeys it like any other. */
  export const body = (maxLength: number) =>
    z
      .object({ pageUrl: optionalText(2000), text: optionalText(maxLength), clientId: clientIdField.optional() })
      .strict();
  export type Request = z.input<ReturnType<typeof body>>;
  export type Response = VisitorConversation;
}

/** GET /api/livechat/conversations - the visitor's own conversations, newest first. */
export namespace ListVisitorConversations {
  export type Response = { results: VisitorConversation[] };
}

/** POST /api/livechat/conversations/:id/messages - send a message (idempotent on clientId). */
export namespace SendMessage {
  export const body = (maxLength: number) =>
    z.object({ clientId: clientIdField, text: requiredText(maxLength) }).strict();
  export type Request = { clientId: string; text: string };
  export type Response = Message;
}

/** GET /api/livechat/conversations/:id/messages?after=ID - messages after a cursor, oldest first. */
export namespace ListMessages {
  export const query = z
    .object({
      after: z.coerce.number({ error: 'must be a number' }).int().min(0, 'must not be negative').default(0),
      limit: z.coerce.number({ error: 'must be a number' }).int().min(1).max(500, 'must be at most 500').default(200),
    })
    .strict();
  export type Request = z.input<typeof query>;
  export type Response = { results: Message[]; hasMore: boolean };
}

/** POST /api/livechat/conversations/:id/rating - rate an ended conversation. */
export namespace RateConversation {
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

/** GET /api/livechat/availability - whether a person can answer now, and when support opens again. */
export namespace Availability {
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
