import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { useNavigate } from 'react-router-dom';
import type { Conversation, Escalation } from '../../../plugin/contracts/entities';
import { useLivechatApi } from '../api';
import { contactLabel } from '../components/display';
import { useTr } from '../i18n';
import { inboxPath } from '../paths';
import { useMe } from '../permissions';
import { alertAgent } from '../realtime/alerts';
import { useAgentSocket, useSocketEvent } from '../realtime/AgentSocket';
import { useConversationPath } from '../workspace/conversationPath';

interface InboxActivityValue {
  /** Waiting conversations, my conversations with unread messages, escalations waiting for me. */
  counts: { queue: number; mineUnread: number; escalations: number };
  /** My conversations with messages I have not read, with how many. */
  unread: ReadonlyMap<number, number>;
  /** The agent is taking this conversation themselves: no "assigned to you" alert for it. */
  expectAssignment(conversationId: number): void;
  /** The conversation on screen: its messages count as read while it is shown (null when none). */
  setViewing(conversationId: number | null): void;
  /** The agent has just seen this conversation's messages. */
  markSeen(conversationId: number): void;
  /** Whether an escalation is addressed to me (directly or through one of my teams). */
  isForMe(escalation: Escalation): boolean;
}

const InboxActivityContext = createContext<InboxActivityValue | null>(null);

/**
 * What the side navigation counts and what the agent is alerted about: the queue, my unread conversations
 * and escalations for me, loaded on every (re)connection and kept live from the socket.
 */
export function InboxActivityProvider({ children }: { children: ReactNode }) {
  const api = useLivechatApi();
  const me = useMe();
  const tr = useTr();
  const navigate = useNavigate();
  const pathOf = useConversationPath();
  const { epoch, presence } = useAgentSocket();
  // The oldest 100 waiting conversations (and any that join later) by id; the count comes from the server's total.
  const [queue, setQueue] = useState<ReadonlySet<number>>(new Set());
  const [queueTotal, setQueueTotal] = useState(0);
  const recountTimer = useRef<ReturnType<typeof setTimeout>>();
  const [mine, setMine] = useState<ReadonlyMap<number, number>>(new Map());
  const [escalations, setEscalations] = useState<ReadonlyMap<number, Escalation>>(new Map());
  const [myTeams, setMyTeams] = useState<ReadonlySet<number>>(new Set());
  const loaded = useRef(false);
  const expected = useRef(new Set<number>());
  const viewing = useRef<number | null>(null);

  const isForMe = useCallback(
    (escalation: Escalation) =>
      escalation.toAgentId === me.id || (escalation.toTeamId !== null && myTeams.has(escalation.toTeamId)),
    [me.id, myTeams],
  );

  useEffect(() => {
    if (epoch === 0) return;
    void (async () => {
      const [queued, open, pending, teams] = await Promise.all([
        api.listConversations({ status: 'queued', pageSize: '100', sort: 'queuedAt:asc' }),
        api.listConversations({ status: 'open', mine: 'true', pageSize: '100' }),
        api.listEscalations({ status: 'pending' }),
        api.teams.list(),
      ]);
      if (queued) {
        setQueue(new Set(queued.results.map((c) => c.id)));
        setQueueTotal(queued.pagination.total);
      }
      if (open) setMine(new Map(open.results.map((c) => [c.id, c.unreadByAgent])));
      if (pending) setEscalations(new Map(pending.results.map((e) => [e.id, e])));
      if (teams) setMyTeams(new Set(teams.results.filter((t) => t.memberIds.includes(me.id)).map((t) => t.id)));
      loaded.current = true;
    })();
  }, [api, epoch, me.id]);

  /** Asks the server how many wait: a conversation we did not load (beyond the first 100) left the queue. */
  const recountQueue = useCallback(() => {
    clearTimeout(recountTimer.current);
    recountTimer.current = setTimeout(() => {
      void api.listConversations({ status: 'queued', pageSize: '1' }).then((page) => {
        if (page) setQueueTotal(page.pagination.total);
      });
    }, 300);
  }, [api]);

  useEffect(() => () => clearTimeout(recountTimer.current), []);

  const markSeen = useCallback((id: number) => {
    setMine((counts) => (counts.get(id) ? new Map(counts).set(id, 0) : counts));
  }, []);

  const alert = (title: string, conversation: Conversation) => {
    if (!loaded.current || presence !== 'online') return;
    alertAgent(title, contactLabel(conversation.contact, tr), () => navigate(pathOf(conversation)));
  };

  useSocketEvent('conversation:updated', (conversation) => {
    const queued = conversation.status === 'queued';
    if (queued && !queue.has(conversation.id)) alert(tr('alert.queued', 'A visitor is waiting'), conversation);
    // With waiting conversations beyond the loaded ones, an unknown one may be old or new: ask the server.
    const someUnloaded = queueTotal > queue.size;
    if (queued !== queue.has(conversation.id)) {
      if (someUnloaded) recountQueue();
      else setQueueTotal((total) => Math.max(0, total + (queued ? 1 : -1)));
      setQueue((ids) => {
        const next = new Set(ids);
        if (queued) next.add(conversation.id);
        else next.delete(conversation.id);
        return next;
      });
    } else if (!queued && someUnloaded) recountQueue();
    const mineNow = conversation.status === 'open' && conversation.assignee?.id === me.id;
    if (mineNow && !mine.has(conversation.id) && !expected.current.delete(conversation.id)) {
      alert(tr('alert.assigned', 'A conversation was assigned to you'), conversation);
    }
    setMine((counts) => {
      if (!mineNow && !counts.has(conversation.id)) return counts;
      const next = new Map(counts);
      if (mineNow) next.set(conversation.id, viewing.current === conversation.id ? 0 : conversation.unreadByAgent);
      else next.delete(conversation.id);
      return next;
    });
  });

  useSocketEvent('conversation:removed', ({ id }) => {
    if (queue.has(id)) setQueueTotal((total) => Math.max(0, total - 1));
    else if (queueTotal > queue.size) recountQueue();
    setQueue((ids) => (ids.has(id) ? new Set([...ids].filter((other) => other !== id)) : ids));
    setMine((counts) => {
      if (!counts.has(id)) return counts;
      const next = new Map(counts);
      next.delete(id);
      return next;
    });
  });

  useSocketEvent('escalation:updated', (escalation) => {
    setEscalations((current) => {
      const next = new Map(current);
      if (escalation.status === 'pending') next.set(escalation.id, escalation);
      else next.delete(escalation.id);
      return next;
    });
    if (escalation.status === 'pending' && !escalations.has(escalation.id) && isForMe(escalation) && loaded.current) {
      if (presence === 'online') {
        alertAgent(tr('alert.escalated', 'A conversation was escalated to you'), escalation.note, () =>
          navigate(inboxPath('escalations')),
        );
      }
    }
  });

  const value = useMemo<InboxActivityValue>(() => {
    const unread = new Map([...mine].filter(([, count]) => count > 0));
    return {
      counts: {
        queue: Math.max(queueTotal, queue.size),
        mineUnread: unread.size,
        escalations: [...escalations.values()].filter(isForMe).length,
      },
      unread,
      expectAssignment: (id) => expected.current.add(id),
      setViewing: (id) => {
        viewing.current = id;
      },
      markSeen,
      isForMe,
    };
  }, [queue, queueTotal, mine, escalations, isForMe, markSeen]);

  return <InboxActivityContext.Provider value={value}>{children}</InboxActivityContext.Provider>;
}

/** Counts for the side navigation and the agent's own-action marker. */
export function useInboxActivity(): InboxActivityValue {
  const value = useContext(InboxActivityContext);
  if (!value) throw new Error('useInboxActivity must be used inside InboxActivityProvider');
  return value;
}
