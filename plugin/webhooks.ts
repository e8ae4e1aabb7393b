import type { Conversation, Escalation, FailedResponse, Message } from './contracts/entities';

/**
 * Events the plugin delivers through Strapi's webhooks: pick them on the plugin's Settings → Webhooks tab
 * or send them to `POST /admin/webhooks` (Strapi's Settings → Webhooks form lists only Strapi's own events).
 */
export const WEBHOOK_EVENTS = [
  'livechat.conversation.created',
  'livechat.conversation.queued',
  'livechat.conversation.assigned',
  'livechat.conversation.ended',
  'livechat.escalation.created',
  'livechat.escalation.decided',
  'livechat.message.created',
  'livechat.failed-response.created',
  'livechat.rating.created',
] as const;

export type WebhookEvent = (typeof WEBHOOK_EVENTS)[number];

/** Whether `event` is one of the plugin's webhook events (a webhook's other events are Strapi's own). */
export const isWebhookEvent = (event: string): event is WebhookEvent =>
  (WEBHOOK_EVENTS as readonly string[]).includes(event);

/** A webhook as Strapi's admin API has it: `GET /admin/webhooks`, `PUT /admin/webhooks/:id` (without `id`). */
export interface StrapiWebhook {
  /** Strapi turns the row's number into a string. */
  id: string;
  name: string;
  url: string;
  headers: Record<string, string>;
  events: string[];
  isEnabled: boolean;
}

/** A visitor's rating of an ended conversation. */
export interface Rating {
  /** 1–5. */
  score: number;
  comment: string | null;
}

/** What each event carries besides `event`, `createdAt` and `conversation`. */
export interface WebhookDetails {
  /** A visitor or an agent started a conversation. */
  'livechat.conversation.created': Record<never, never>;
  /** A visitor asked for a human (or started a conversation while the bot is off): it waits in the queue. */
  'livechat.conversation.queued': Record<never, never>;
  /** An agent took the conversation: picked, assigned, transferred, or accepted an escalation. */
  'livechat.conversation.assigned': Record<never, never>;
  /** The conversation ended; `conversation.endReason` says why. */
  'livechat.conversation.ended': Record<never, never>;
  /** An agent asked another agent or a team to take over. */
  'livechat.escalation.created': { escalation: Escalation };
  /** An escalation left `pending`: accepted, rejected (with a reason) or cancelled by its sender. */
  'livechat.escalation.decided': { escalation: Escalation };
  /** A visitor or an agent wrote (bot and system messages are not delivered). */
  'livechat.message.created': { message: Message };
  /**
   * The bot could not answer, or its answer did not help (`failedResponse.kind`); `failedResponse.count` > 1
   * when the question joined a group of similar ones.
   */
  'livechat.failed-response.created': { failedResponse: FailedResponse };
  /** The visitor rated the ended conversation (again, when they change their rating). */
  'livechat.rating.created': { rating: Rating };
}

/** The JSON body Strapi posts to a webhook for `E` (Strapi adds `event` and `createdAt`). */
export type WebhookDelivery<E extends WebhookEvent = WebhookEvent> = {
  [K in E]: { event: K; createdAt: string; conversation: Conversation } & WebhookDetails[K];
}[E];
