// strapi-plugin-livechat/client: the typed headless client. Its types are the plugin's own contracts.
export {
  createLivechatClient,
  LivechatClient,
  newClientId,
  type ConnectionState,
  type LivechatClientEvents,
  type LivechatClientOptions,
  type LivechatSession,
  type PendingMessage,
} from './client';
export { LivechatApiError } from './http';
export { defaultStorage, memoryStorage, type LivechatStorage } from './storage';
export { RESUME_QUERY_PARAM } from '../../plugin/contracts/widget';
export { WEBHOOK_EVENTS, type WebhookDelivery, type WebhookEvent } from '../../plugin/webhooks';
export type {
  Attachment,
  Availability,
  BotStreamPayload,
  Message,
  QueuePosition,
  QueuePositionPayload,
  Source,
  StartSession,
  TypingChangedPayload,
  UpdateVisitorContact,
  VisitorConversation,
  WidgetConfig,
} from '../../plugin';
