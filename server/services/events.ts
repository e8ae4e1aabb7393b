import { EventEmitter } from 'node:events';
import type { ConversationStatus } from '../../plugin/lifecycle';
import type { Message } from '../../plugin/contracts/entities';
import type { QueuePositionPayload } from '../../plugin/contracts/routing';
import type { ContactRow, ConversationRow, EscalationRow, FailedResponseRow } from '../store/rows';

/** What services announce; listeners (socket fan-out, bot, webhooks, emails) react. Services never import sockets. */
export interface LivechatEvents {
  /** `contact` is the conversation's contact when the sender already read it (saves the gateway a query). */
  'message:created': [{ message: Message; conversation: ConversationRow; contact?: ContactRow }];
  /** `previousStatus` null: the conversation was just created. */
  'conversation:changed': [
    { conversation: ConversationRow; previousStatus: ConversationStatus | null; previousAssigneeId: number | null },
  ];
  /** The visitor rated the ended conversation (its row carries the rating). */
  'conversation:rated': [{ conversation: ConversationRow }];
  'conversation:removed': [{ id: number; contactId: number; assigneeId: number | null }];
  /** A contact and everything about them were deleted: their open visitor sockets must close. */
  'contact:erased': [{ contactId: number }];
  'escalation:changed': [{ escalation: EscalationRow; conversation: ConversationRow }];
  /** The bot refused a question, or an answer did not help: a new failed response, or one more in a group. */
  'failed-response:recorded': [{ failedResponse: FailedResponseRow; conversationId: number }];
  /** The site identified its visitor (`client.identify`); `tags` are the names it asked for. */
  'contact:identified': [{ contactId: number; tags: string[] }];
  /**
   * An editor's answer went into the conversations that asked; `contacts` are the visitors who asked, and
   * `recipients` each one's conversation.
   */
  'failed-response:broadcast': [
    {
      failedResponse: FailedResponseRow;
      contacts: ContactRow[];
      subject: string;
      text: string;
      recipients: Array<{ contactId: number; conversationId: number | null }>;
    },
  ];
  'agent:presence': [{ agentId: number; presence: 'online' | 'away' | 'offline' }];
  /** A waiting visitor's place in the queue changed. */
  'queue:position': [{ contactId: number; position: QueuePositionPayload }];
  /** A piece of a bot answer the model is writing, for the visitor and the agents watching. */
  'bot:stream': [{ conversationId: number; contactId: number; streamId: string; delta: string }];
}

export default () => {
  const emitter = new EventEmitter<LivechatEvents>();
  emitter.setMaxListeners(50);
  return {
    emit<K extends keyof LivechatEvents>(event: K, ...payload: LivechatEvents[K]) {
      emitter.emit(event, ...(payload as never));
    },
    on<K extends keyof LivechatEvents>(event: K, listener: (...payload: LivechatEvents[K]) => void) {
      emitter.on(event, listener as never);
      return () => emitter.off(event, listener as never);
    },
    removeAll() {
      emitter.removeAllListeners();
    },
  };
};
