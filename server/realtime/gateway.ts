import type { Core } from '@strapi/strapi';
import { createAdapter } from '@socket.io/redis-adapter';
import { createClient } from 'redis';
import { Server } from 'socket.io';
import { AGENT_NAMESPACE, SOCKET_PATH, VISITOR_NAMESPACE } from '../../plugin/id';
import { EVENTS } from '../../plugin/events';
import { pluginConfig } from '../config';
import * as serialize from '../serialize';
import { service } from '../services/registry';
import { setUpAgentNamespace } from './agent-namespace';
import { originAllowed } from './origins';
import { rooms } from './rooms';
import { setUpVisitorNamespace } from './visitor-namespace';

export interface Gateway {
  io: Server;
  close(): Promise<void>;
}

/**
 * socket.io on Strapi's own HTTP server. Services announce events; this file turns them into
 * socket emits to the right rooms. With `redis` configured, emits reach sockets on every instance.
 */
export async function startGateway(strapi: Core.Strapi): Promise<Gateway> {
  const config = pluginConfig(strapi);
  const io = new Server(strapi.server.httpServer, {
    path: SOCKET_PATH,
    maxHttpBufferSize: config.maxSocketPayloadBytes,
    allowRequest: (request, callback) => {
      const allowed = originAllowed(request, config.allowedOrigins);
      callback(allowed ? null : 'Origin not allowed', allowed);
    },
    cors: {
      origin: (origin, callback) =>
        callback(null, !origin || config.allowedOrigins.includes('*') || config.allowedOrigins.includes(origin)),
    },
  });

  const redisClients: Array<ReturnType<typeof createClient>> = [];
  if (config.redis) {
    const publisher = createClient({ url: config.redis });
    const subscriber = publisher.duplicate();
    publisher.on('error', (error: Error) => strapi.log.error(`livechat redis: ${error.message}`));
    subscriber.on('error', (error: Error) => strapi.log.error(`livechat redis: ${error.message}`));
    await Promise.all([publisher.connect(), subscriber.connect()]);
    redisClients.push(publisher, subscriber);
    io.adapter(createAdapter(publisher, subscriber));
  }

  const visitors = io.of(VISITOR_NAMESPACE);
  const agents = io.of(AGENT_NAMESPACE);
  setUpVisitorNamespace(strapi, visitors, agents);
  setUpAgentNamespace(strapi, agents, visitors);

  const conversations = () => service(strapi, 'conversations');
  const events = service(strapi, 'events');
  /** Everyone whose conversation lists show this conversation. */
  const listRooms = (status: string, assigneeIds: Array<number | null>) => [
    rooms.allConversations,
    ...(status === 'queued' ? [rooms.queue] : []),
    ...assigneeIds.filter((id): id is number => id !== null).map(rooms.agent),
  ];

  const unsubscribe = [
    events.on('message:created', ({ message, conversation }) => {
      visitors.to(rooms.contact(conversation.contactId)).emit(EVENTS.messageNew, message);
      agents.to(rooms.watching(conversation.id)).emit(EVENTS.messageNew, message);
      void conversations()
        .presentOne(conversation)
        .then((presented) =>
          agents
            .to(listRooms(conversation.status, [conversation.assigneeId]))
            .emit(EVENTS.conversationUpdated, presented),
        );
    }),
    events.on('conversation:changed', ({ conversation, previousStatus, previousAssigneeId }) => {
      void Promise.all([
        conversations().presentOne(conversation),
        conversations().presentForVisitor(conversation),
      ]).then(([forAgents, forVisitor]) => {
        const targets = listRooms(conversation.status, [conversation.assigneeId, previousAssigneeId]);
        if (previousStatus === 'queued') targets.push(rooms.queue);
        agents.to(targets).to(rooms.watching(conversation.id)).emit(EVENTS.conversationUpdated, forAgents);
        visitors.to(rooms.contact(conversation.contactId)).emit(EVENTS.conversationUpdated, forVisitor);
      });
    }),
    events.on('conversation:removed', ({ id, assigneeId }) => {
      agents
        .to(listRooms('removed', [assigneeId]))
        .to(rooms.queue)
        .emit(EVENTS.conversationRemoved, { id });
    }),
    events.on('escalation:changed', ({ escalation, conversation }) => {
      void (async () => {
        const team = escalation.toTeamId
          ? await service(strapi, 'settings').requireTeam(escalation.toTeamId, 'toTeamId')
          : null;
        const recipients = [
          escalation.fromAgentId,
          escalation.toAgentId,
          conversation.assigneeId,
          ...(team?.memberIds ?? []),
        ];
        agents.to(listRooms('escalation', recipients)).emit(EVENTS.escalationUpdated, serialize.escalation(escalation));
      })().catch((error: Error) => strapi.log.error(`livechat: escalation fan-out failed: ${error.message}`));
    }),
    events.on('agent:presence', ({ agentId, presence }) => {
      agents.emit(EVENTS.agentPresence, { agentId, presence });
      visitors.emit(EVENTS.agentPresence, { online: service(strapi, 'presence').online().length > 0 });
    }),
  ];

  return {
    io,
    async close() {
      unsubscribe.forEach((off) => off());
      io.disconnectSockets(true);
      await new Promise<void>((resolve) => {
        // io.close() would also close Strapi's HTTP server; only the engine and its sockets are ours.
        io.engine.close();
        resolve();
      });
      await Promise.all(redisClients.map((client) => client.quit().catch(() => undefined)));
    },
  };
}
