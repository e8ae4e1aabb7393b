/** Where a queued conversation stands: its place in its team's queue and how long the wait should be. */
import { VISITOR_ROUTES } from './visitor-routes';
export interface QueuePosition {
  /** 1 for the next conversation an agent takes; null when the conversation is not waiting in the queue. */
  position: number | null;
  /** Conversations waiting in the same queue (the conversation's team, or the general queue). */
  waiting: number;
  /** Expected wait from recent pick-up times; null when the conversation is not waiting. */
  expectedWaitSeconds: number | null;
}

/** GET /api/livechat/conversations/:id/queue - the visitor's place in the queue. */
export namespace GetQueuePosition {
  export const route = VISITOR_ROUTES.getQueuePosition;
  export type Response = QueuePosition;
}

/** Socket `queue:position`, pushed to the visitor whenever their place or expected wait changes. */
export interface QueuePositionPayload extends QueuePosition {
  conversationId: number;
}
