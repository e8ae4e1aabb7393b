import type { Core } from '@strapi/strapi';
import type { Modules } from '@strapi/types';
import { WEBHOOK_EVENTS, type WebhookDetails, type WebhookEvent } from '../../plugin/webhooks';
import * as serialize from '../serialize';
import { service } from '../services/registry';
import type { ContactRow, ConversationRow } from '../store/rows';

/** The key Strapi's webhook store keeps an event under, like its own `ENTRY_CREATE` for `entry.create`. */
const storeKey = (event: WebhookEvent) => event.replace(/[.-]/g, '_').toUpperCase();

/**
 * Whether an enabled webhook listens to `event`. Strapi's runner keeps its webhooks by event in a private
 * map; reading it spares presenting a conversation for every message when no webhook wants it. Should a
 * Strapi version rename the map, every event is emitted and the runner alone decides.
 */
const wanted = (runner: Modules.WebhookRunner.WebhookRunner, event: WebhookEvent) => {
  const byEvent = (runner as unknown as { webhooksMap?: unknown }).webhooksMap;
  if (!(byEvent instanceof Map)) return true;
  const webhooks = byEvent.get(event) as Modules.WebhookStore.Webhook[] | undefined;
  return webhooks?.some((webhook) => webhook.isEnabled) ?? false;
};

/**
 * Webhooks: registers the plugin's events with Strapi's webhook store (so `POST /admin/webhooks` accepts
 * them) and emits them on Strapi's event hub, where Strapi's webhook runner posts them to the subscribed
 * webhooks with their headers. The conversation has the agent API's shape. Returns the unsubscribe function.
 */
export function listenForWebhooks(strapi: Core.Strapi) {
  const store = strapi.get<Modules.WebhookStore.WebhookStore>('webhookStore');
  for (const event of WEBHOOK_EVENTS) store.addAllowedEvent(storeKey(event), event);
  const runner = strapi.get<Modules.WebhookRunner.WebhookRunner>('webhookRunner');
  const conversations = () => service(strapi, 'conversations');

  /** `conversation` is a row, or the id of one to load; `contact` spares reading it again. */
  const deliver = <E extends WebhookEvent>(
    event: E,
    conversation: ConversationRow | number,
    details: WebhookDetails[E],
    contact?: ContactRow,
  ) => {
    if (!wanted(runner, event)) return;
    // Strapi stamps `createdAt` when it posts; the time of the change itself overrides it.
    const createdAt = new Date().toISOString();
    const deliveries = async () => {
      const row = typeof conversation === 'number' ? await conversations().load(conversation) : conversation;
      const [presented] = await conversations().present([row], contact ? [contact] : []);
      await strapi.eventHub.emit(event, { createdAt, conversation: presented, ...details });
    };
    deliveries().catch((error: Error) => strapi.log.error(`livechat: webhook event ${event} failed: ${error.message}`));
  };

  const events = service(strapi, 'events');
  const unsubscribes = [
    events.on('conversation:changed', ({ conversation, previousStatus, previousAssigneeId }) => {
      const { status, assigneeId } = conversation;
      if (previousStatus === null) deliver('livechat.conversation.created', conversation, {});
      // A visitor asking for a human, or starting while the bot is off; an agent's transfer to a team is not.
      if (status === 'queued' && (previousStatus === null || previousStatus === 'bot')) {
        deliver('livechat.conversation.queued', conversation, {});
      }
      if (status === 'open' && assigneeId !== null && assigneeId !== previousAssigneeId) {
        deliver('livechat.conversation.assigned', conversation, {});
      }
      if (status === 'ended' && previousStatus !== null && previousStatus !== 'ended') {
        deliver('livechat.conversation.ended', conversation, {});
      }
    }),
    events.on('message:created', ({ message, conversation, contact }) => {
      if (message.authorKind !== 'visitor' && message.authorKind !== 'agent') return;
      deliver('livechat.message.created', conversation, { message }, contact);
    }),
    events.on('escalation:changed', ({ escalation, conversation }) => {
      const event = escalation.status === 'pending' ? 'livechat.escalation.created' : 'livechat.escalation.decided';
      deliver(event, conversation, { escalation: serialize.escalation(escalation) });
    }),
    events.on('failed-response:recorded', ({ failedResponse, conversationId }) => {
      deliver('livechat.failed-response.created', conversationId, {
        failedResponse: serialize.failedResponse(failedResponse),
      });
    }),
    events.on('conversation:rated', ({ conversation }) => {
      deliver('livechat.rating.created', conversation, {
        rating: { score: conversation.rating ?? 0, comment: conversation.ratingComment ?? null },
      });
    }),
  ];
  return () => unsubscribes.forEach((unsubscribe) => unsubscribe());
}
