import { EventEmitter } from 'node:events';
import type { ConversationStatus } from '../../plugin/lifecycle';
import type { Message } from '../../plugin/contracts/entities';
import type { ConversationRow, EscalationRow } from '../store/rows';

/** What services announce; the socket gateway (and later mail, routing) listen. Services never import sockets. */
export interface LivechatEvents {
  'message:created': [{ message: Message; conversation: ConversationRow }];
  'conversation:changed': [
    { conversation: ConversationRow; previousStatus: ConversationStatus | null; previousAssigneeId: number | null },
  ];
  'conversation:removed': [{ id: number; contactId: number; assigneeId: number | null }];
  'escalation:changed': [{ escalation: EscalationRow; conversation: ConversationRow }];
  'agent:presence': [{ agentId: number; presence: 'online' | 'away' | 'offline' }];
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
