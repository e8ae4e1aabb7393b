import { attemptTokenRefresh, useAuth } from '@strapi/strapi/admin';
import { createContext, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { io, type Socket } from 'socket.io-client';
import type { AgentSummary } from '../../../plugin/contracts/entities';
import type { AgentClientEvents, AgentServerEvents } from '../../../plugin/events';
import { AGENT_NAMESPACE, SOCKET_PATH } from '../../../plugin/id';
import type { Presence } from '../../../plugin/lifecycle';
import { useLivechatApi } from '../api';
import { readAdminToken } from './token';

export type AgentSocket = Socket<AgentServerEvents, AgentClientEvents>;

interface AgentSocketValue {
  socket: AgentSocket | null;
  connected: boolean;
  /** Grows on every (re)connection; lists reload then, so events missed while disconnected are not lost. */
  epoch: number;
  /** What the agent chose: online, away (connected, no new chats) or offline (their chats go to others). */
  presence: Presence;
  setPresence(presence: Presence): void;
  /** Every agent with their live presence (for names, transfer and escalation pickers). */
  agents: AgentSummary[];
}

const AgentSocketContext = createContext<AgentSocketValue | null>(null);

const PRESENCE_KEY = 'livechat.presence';
const storedPresence = (): Presence => {
  const stored = localStorage.getItem(PRESENCE_KEY);
  return stored === 'away' || stored === 'offline' ? stored : 'online';
};

declare global {
  interface Window {
    strapi: { backendURL: string };
  }
}

/** One agent socket for the whole inbox: connects with the admin token, keeps it fresh, tracks presence. */
export function AgentSocketProvider({ children }: { children: ReactNode }) {
  const api = useLivechatApi();
  // Strapi updates this when it rotates the access token; the socket then sends `auth:refresh`.
  const authToken = useAuth('livechat', (state) => state.token);
  const [socket, setSocket] = useState<AgentSocket | null>(null);
  const [connected, setConnected] = useState(false);
  const [epoch, setEpoch] = useState(0);
  const [presence, setPresenceState] = useState<Presence>(storedPresence);
  const [agents, setAgents] = useState<AgentSummary[]>([]);
  const presenceRef = useRef(presence);
  const sentToken = useRef<string | null>(null);

  useEffect(() => {
    // The namespace goes after the origin; a backend under a sub-path still serves sockets on SOCKET_PATH.
    const origin = new URL(window.strapi.backendURL, window.location.origin).origin;
    const agentSocket: AgentSocket = io(`${origin}${AGENT_NAMESPACE}`, {
      path: SOCKET_PATH,
      transports: ['websocket'],
      // A function, so every reconnection reads the token Strapi holds now.
      auth: (send) => {
        sentToken.current = readAdminToken();
        send({ token: sentToken.current ?? '' });
      },
    });
    let retry: ReturnType<typeof setTimeout> | undefined;
    let attempts = 0;
    // socket.io retries lost transports itself, but not a refusal or a close by the server (expired token):
    // let Strapi refresh the token, then connect again, backing off.
    const reconnectLater = () => {
      clearTimeout(retry);
      retry = setTimeout(
        () => {
          void attemptTokenRefresh(sentToken.current)
            .catch(() => undefined)
            .finally(() => agentSocket.connect());
        },
        Math.min(30_000, 500 * 2 ** attempts++),
      );
    };
    agentSocket.on('connect', () => {
      attempts = 0;
      setConnected(true);
      setEpoch((value) => value + 1);
      if (presenceRef.current !== 'online') {
        agentSocket.emit('presence:set', { presence: presenceRef.current }, () => undefined);
      }
    });
    agentSocket.on('disconnect', (reason) => {
      setConnected(false);
      if (reason === 'io server disconnect') reconnectLater();
    });
    agentSocket.on('connect_error', () => {
      if (!agentSocket.active) reconnectLater();
    });
    agentSocket.on('agent:presence', ({ agentId, presence: changed }) =>
      setAgents((list) => list.map((agent) => (agent.id === agentId ? { ...agent, presence: changed } : agent))),
    );
    setSocket(agentSocket);
    return () => {
      clearTimeout(retry);
      agentSocket.disconnect();
      setSocket(null);
    };
  }, []);

  // A rotated token (this tab or another) reaches the open socket before the old one expires.
  useEffect(() => {
    if (!socket || !connected) return;
    const refresh = () => {
      const token = readAdminToken();
      if (!token || token === sentToken.current) return;
      sentToken.current = token;
      socket.emit('auth:refresh', { token }, () => undefined);
    };
    refresh();
    const timer = setInterval(refresh, 15_000);
    return () => clearInterval(timer);
  }, [socket, connected, authToken]);

  useEffect(() => {
    if (epoch === 0) return;
    void api.listAgents().then((result) => result && setAgents(result.results));
  }, [api, epoch]);

  const value = useMemo<AgentSocketValue>(
    () => ({
      socket,
      connected,
      epoch,
      presence,
      agents,
      setPresence(next) {
        const previous = presenceRef.current;
        presenceRef.current = next;
        setPresenceState(next);
        localStorage.setItem(PRESENCE_KEY, next);
        // The server forgets an agent who went offline; a fresh connection makes them present again
        // (and the connect handler then sends "away" when that is the choice).
        if (previous === 'offline' && next !== 'offline' && socket?.connected) {
          socket.disconnect().connect();
          return;
        }
        socket?.emit('presence:set', { presence: next }, (answer) => {
          if (!answer.ok) api.notify(answer.error.message);
        });
      },
    }),
    [socket, connected, epoch, presence, agents, api],
  );

  return <AgentSocketContext.Provider value={value}>{children}</AgentSocketContext.Provider>;
}

/** The inbox's agent socket and presence. */
export function useAgentSocket(): AgentSocketValue {
  const value = useContext(AgentSocketContext);
  if (!value) throw new Error('useAgentSocket must be used inside AgentSocketProvider');
  return value;
}

type Listener<E extends keyof AgentServerEvents> = AgentServerEvents[E];

/** Runs `handler` for every `event` pushed to the agent socket while the component is mounted. */
export function useSocketEvent<E extends keyof AgentServerEvents>(event: E, handler: Listener<E>) {
  const { socket } = useAgentSocket();
  const latest = useRef(handler);
  latest.current = handler;
  useEffect(() => {
    if (!socket) return;
    const listener = (...args: Parameters<Listener<E>>) => (latest.current as (...a: typeof args) => void)(...args);
    const loose = socket as unknown as { on(e: string, l: unknown): void; off(e: string, l: unknown): void };
    loose.on(event, listener);
    return () => loose.off(event, listener);
  }, [socket, event]);
}
