import type { Core } from '@strapi/strapi';
import type { Namespace, Socket } from 'socket.io';
import { EVENTS, SocketPayloads } from '../../plugin/events';
import { pluginConfig } from '../config';
import { forbidden, unauthorized } from '../errors';
import { service } from '../services/registry';
import type { ConversationRow } from '../store/rows';
import { viewerFrom, type Ability, type Viewer } from '../viewer';
import { acknowledged } from './acks';
import { rooms } from './rooms';

interface AgentSession {
  viewer: Viewer;
  sessionId: string;
  expiresAt: number;
}

/**
 * An admin access token → the agent and their permissions, exactly as Strapi's admin auth strategy
 * does it: a valid token, an active session, an active user, then the user's ability.
 */
async function authenticateAgent(strapi: Core.Strapi, token: unknown): Promise<AgentSession> {
  if (typeof token !== 'string' || !token) throw unauthorized('An admin access token is required');
  const sessions = strapi.sessionManager('admin');
  const result = sessions.validateAccessToken(token);
  if (!result.isValid) throw unauthorized('The admin access token is invalid or expired');
  if (!(await sessions.isSessionActive(result.payload.sessionId))) throw unauthorized('The admin session has ended');
  const user = await strapi.db
    .query('admin::user')
    .findOne({ where: { id: Number(result.payload.userId) }, populate: ['roles'] });
  if (!user || user.isActive !== true) throw unauthorized('The admin user is not active');
  const ability = (await strapi.service('admin::permission').engine.generateUserAbility(user)) as Ability;
  const viewer = viewerFrom({ id: user.id, name: service(strapi, 'agents').displayName(user) }, ability);
  if (!viewer.can('read')) throw forbidden('You need the live chat "read" permission');
  return { viewer, sessionId: result.payload.sessionId, expiresAt: result.payload.exp * 1000 };
}

/**
 * An agent without "read all" may watch a queued conversation, or one escalated to them; once another
 * agent holds it, or the escalation is decided, their sockets leave its room. `except` keeps the
 * agents who still may see it, on every instance (it goes through the adapter). Returns the unsubscribe.
 */
function removeWatchersWhoMayNotSee(strapi: Core.Strapi, agents: Namespace): () => void {
  const removeFrom = async (conversation: ConversationRow) => {
    if (conversation.status === 'queued') return;
    const recipients = await service(strapi, 'escalations').pendingRecipients(conversation.id);
    const stay = [conversation.assigneeId, ...recipients].filter((agentId): agentId is number => agentId !== null);
    const room = rooms.watching(conversation.id);
    agents
      .in(room)
      .except([rooms.allConversations, ...stay.map(rooms.agent)])
      .socketsLeave(room);
  };
  const run = (conversation: ConversationRow) =>
    void removeFrom(conversation).catch((error: Error) =>
      strapi.log.error(`livechat: removing watchers of conversation ${conversation.id} failed: ${error.message}`),
    );
  const events = service(strapi, 'events');
  const unsubscribe = [
    events.on('conversation:changed', ({ conversation, previousStatus, previousAssigneeId }) => {
      if (previousStatus === 'queued' || conversation.assigneeId !== previousAssigneeId) run(conversation);
    }),
    events.on('escalation:changed', ({ escalation, conversation }) => {
      if (escalation.status !== 'pending') run(conversation);
    }),
  ];
  return () => unsubscribe.forEach((off) => off());
}

/**
 * Agent sockets: admin token auth, presence, watching conversations, replies, live list updates.
 * Returns a function that stops listening to service events (the gateway calls it on close).
 */
export function setUpAgentNamespace(strapi: Core.Strapi, agents: Namespace, visitors: Namespace): () => void {
  const messageSend = SocketPayloads.messageSend(pluginConfig(strapi).maxMessageLength);
  agents.use((socket, next) => {
    authenticateAgent(strapi, socket.handshake.auth?.token)
      .then((session) => {
        socket.data.session = session;
        next();
      })
      .catch((error: Error) => next(new Error(error.message)));
  });

  agents.on('connection', (socket: Socket) => {
    const session = () => socket.data.session as AgentSession;
    const viewer = () => session().viewer;
    const id = viewer().id;
    const conversations = () => service(strapi, 'conversations');

    // The socket lives no longer than the token and the admin session behind it.
    let expiry: NodeJS.Timeout;
    const scheduleExpiry = () => {
      clearTimeout(expiry);
      expiry = setTimeout(() => socket.disconnect(true), Math.max(0, session().expiresAt - Date.now()));
      expiry.unref();
    };
    scheduleExpiry();
    const sessionCheck = setInterval(
      () => {
        strapi
          .sessionManager('admin')
          .isSessionActive(session().sessionId)
          .then((active) => active || socket.disconnect(true))
          .catch(() => socket.disconnect(true));
      },
      pluginConfig(strapi).agentSessionCheckSeconds * 1000,
    );
    sessionCheck.unref();

    void socket.join([rooms.agent(id), rooms.queue, ...(viewer().can('readAll') ? [rooms.allConversations] : [])]);
    service(strapi, 'presence').connected(id);

    socket.on(
      EVENTS.presenceSet,
      acknowledged(strapi, SocketPayloads.presence, async ({ presence }) => {
        service(strapi, 'presence').set(id, presence);
        return { presence: service(strapi, 'presence').of(id) };
      }),
    );

    socket.on(
      EVENTS.conversationWatch,
      acknowledged(strapi, SocketPayloads.conversation, async ({ conversationId }) => {
        await conversations().loadForAgent(conversationId, viewer());
        await socket.join(rooms.watching(conversationId));
        await conversations().markReadByAgent(conversationId, viewer());
        return null;
      }),
    );

    socket.on(
      EVENTS.conversationRead,
      acknowledged(strapi, SocketPayloads.conversation, async ({ conversationId }) =>
        conversations().presentOne(await conversations().markReadByAgent(conversationId, viewer())),
      ),
    );

    socket.on(
      EVENTS.conversationUnwatch,
      acknowledged(strapi, SocketPayloads.conversation, async ({ conversationId }) => {
        await socket.leave(rooms.watching(conversationId));
        return null;
      }),
    );

    socket.on(
      EVENTS.messageSend,
      acknowledged(strapi, messageSend, async ({ conversationId, clientId, text }) => {
        if (!viewer().can('reply')) throw forbidden('You need the live chat "reply" permission');
        return service(strapi, 'messages').sendAsAgent(viewer(), conversationId, { clientId, text });
      }),
    );

    socket.on(
      EVENTS.messagesSince,
      acknowledged(strapi, SocketPayloads.messagesSince, async ({ conversationId, after }) => {
        await conversations().loadForAgent(conversationId, viewer());
        return service(strapi, 'messages').listAfter(conversationId, after, 500);
      }),
    );

    socket.on(
      EVENTS.typing,
      acknowledged(strapi, SocketPayloads.typing, async ({ conversationId, typing }) => {
        const row = await conversations().loadForAgent(conversationId, viewer());
        if (row.assigneeId !== id) return;
        visitors
          .to(rooms.contact(row.contactId))
          .emit(EVENTS.typingChanged, { conversationId, typing, authorKind: 'agent', name: viewer().name });
      }),
    );

    socket.on(
      EVENTS.authRefresh,
      acknowledged(strapi, SocketPayloads.authRefresh, async ({ token }) => {
        const refreshed = await authenticateAgent(strapi, token);
        if (refreshed.viewer.id !== id) throw forbidden('The new token belongs to another user');
        socket.data.session = refreshed;
        scheduleExpiry();
        return { expiresAt: refreshed.expiresAt };
      }),
    );

    socket.on('disconnect', () => {
      clearTimeout(expiry);
      clearInterval(sessionCheck);
      service(strapi, 'presence').disconnected(id);
    });
  });

  return removeWatchersWhoMayNotSee(strapi, agents);
}
