import { useCallback, useEffect, useRef, useState } from 'react';
import type { Conversation, Escalation, Message, Note } from '../../../plugin/contracts/entities';
import { useLivechatApi } from '../api';
import { useInboxActivity } from '../inbox/InboxActivity';
import { useMe } from '../permissions';
import { useAgentSocket, useSocketEvent } from '../realtime/AgentSocket';

interface Thread {
  conversation: Conversation;
  messages: Message[];
  notes: Note[];
  escalations: Escalation[];
}

const byId = <T extends { id: number }>(list: T[], item: T) =>
  [...list.filter((other) => other.id !== item.id), item].sort((a, b) => a.id - b.id);

/**
 * One conversation in front of the agent: loaded (again after every reconnection), watched over the socket
 * so new messages, changes, escalations and the visitor's typing arrive live, and marked read while shown.
 */
export function useConversation(id: number) {
  const api = useLivechatApi();
  const me = useMe();
  const { socket, connected, epoch } = useAgentSocket();
  const { markSeen } = useInboxActivity();
  const [thread, setThread] = useState<Thread | null>(null);
  const [failed, setFailed] = useState(false);
  const [visitorTyping, setVisitorTyping] = useState(false);
  const typingTimer = useRef<ReturnType<typeof setTimeout>>();

  const load = useCallback(async () => {
    const loaded = await api.getConversation(id);
    if (!loaded) {
      setFailed(true);
      return;
    }
    const { messages, notes, escalations, ...conversation } = loaded;
    setFailed(false);
    setThread({ conversation, messages, notes, escalations });
    markSeen(id);
  }, [api, id, markSeen]);

  useEffect(() => {
    setThread(null);
    setVisitorTyping(false);
  }, [id]);

  useEffect(() => {
    if (epoch > 0) void load();
  }, [load, epoch]);

  // Watching delivers `message:new` and typing for this conversation, and marks it read for its agent.
  const watch = useCallback(() => {
    socket?.emit('conversation:watch', { conversationId: id }, () => undefined);
  }, [socket, id]);
  useEffect(() => {
    if (!socket || !connected) return;
    watch();
    return () => {
      socket.emit('conversation:unwatch', { conversationId: id }, () => undefined);
    };
  }, [socket, connected, id, watch]);

  useEffect(() => () => clearTimeout(typingTimer.current), []);

  useSocketEvent('message:new', (message) => {
    if (message.conversationId !== id) return;
    setThread((current) => current && { ...current, messages: byId(current.messages, message) });
    if (message.authorKind === 'visitor') {
      setVisitorTyping(false);
      // In front of its agent: read at once, so the visitor sees "Seen".
      if (document.visibilityState === 'visible' && thread?.conversation.assignee?.id === me.id) {
        socket?.emit('conversation:read', { conversationId: id }, () => undefined);
        markSeen(id);
      }
    }
  });

  useSocketEvent('conversation:updated', (conversation) => {
    if (conversation.id !== id) return;
    setThread((current) => current && { ...current, conversation });
  });

  useSocketEvent('escalation:updated', (escalation) => {
    if (escalation.conversationId !== id) return;
    setThread((current) => current && { ...current, escalations: byId(current.escalations, escalation) });
  });

  useSocketEvent('typing:changed', (payload) => {
    if (payload.conversationId !== id || payload.authorKind !== 'visitor') return;
    setVisitorTyping(payload.typing);
    clearTimeout(typingTimer.current);
    // A visitor who closes the tab never sends "stopped typing".
    if (payload.typing) typingTimer.current = setTimeout(() => setVisitorTyping(false), 8000);
  });

  return {
    thread,
    failed,
    visitorTyping,
    reload: load,
    setConversation: (conversation: Conversation) => setThread((current) => current && { ...current, conversation }),
    addMessage: (message: Message) =>
      setThread((current) => current && { ...current, messages: byId(current.messages, message) }),
    addNote: (note: Note) => setThread((current) => current && { ...current, notes: byId(current.notes, note) }),
    addEscalation: (escalation: Escalation) =>
      setThread((current) => current && { ...current, escalations: byId(current.escalations, escalation) }),
  };
}
