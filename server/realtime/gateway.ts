import type { Core } from '@strapi/strapi';
import { createAdapter } from '@socket.io/redis-adapter';
import { createClient } from 'redis';
import { Server } from 'socket.io';
import { AGENT_NAMESPACE, SOCKET_PATH, VISITOR_NAMESPACE } from '../../plugin/id';
import { EVENTS } from '../../plugin/events';
import { pluginConfig } from '../config';
import * as serialize from '../serialize';
import type { PresenceSnapshot } from '../services/presence';
import type { ContactRow, ConversationRow } from '../store/rows';
import { service } from '../services/registry';
import { setUpAgentNamespace } from './agent-namespace';
import { originChecks } from './origins';
import { rooms } from './rooms';
import { setUpVisitorNamespace } from './visitor-namespace';

const PRESENCE_SNAPSHOT = 'livechat:presence-snapshot';

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
  const origins = originChecks(strapi);
  const io = new Server(strapi.server.httpServer, {
    path: SOCKET_PATH,
    maxHttpBufferSize: config.maxSocketPayloadBytes,
    // Plugin config origins and the admin's desk setting `allowedOrigins`, both checked on every handshake.
    allowRequest: origins.allowRequest,
    cors: { origin: origins.corsOrigin },
  });

  const redisClients: Array<ReturnType<typeof createClient>> = [];
  if (config.redis) {
    // While Redis is unreachable a publish fails at once rather than piling up in memory: this instance
    // keeps serving its own sockets, and cross-instance delivery resumes when Redis is back.
    const publisher = createClient({ url: config.redis, disableOfflineQueue: true });
    // The subscriber keeps the default queue: it subscribes again by itself once Redis is back.
    const subscriber = createClient({ url: config.redis });
    // One line per outage, not one per reconnect attempt (the command client in server/redis.ts says the same).
    let reachable = true;
    const onError = (error: Error) => {
      if (reachable) strapi.log.error(`livechat redis (sockets): ${error.message}`);
      reachable = false;
    };
    publisher.on('error', onError);
    subscriber.on('error', onError);
    publisher.on('ready', () => {
      reachable = true;
    });
    // The adapter drops the promise `publish` returns: one lost to an outage would be an unhandled rejection
    // and end the process. A lost emit is only a missed cross-instance delivery.
    const publish = publisher.publish.bind(publisher);
    publisher.publish = ((...args: Parameters<typeof publish>) =>
      publish(...args).catch((error: Error) => {
        onError(error);
        return 0;
      })) as typeof publisher.publish;
    await Promise.all([publisher.connect(), subscriber.connect()]);
    redisClients.push(publisher, subscriber);
    io.adapter(createAdapter(publisher, subscriber, { key: config.redisKey }));
  }

  // Fan-out work that finishes after the event (it reads the database first). close() waits for it,
  // because an emit through the Redis adapter after its client quit is an unhandled rejection.
  const pending = new Set<Promise<unknown>>();
  const track = (work: Promise<unknown>) => {
    const tracked: Promise<unknown> = work
      .catch((error: Error) => strapi.log.error(`livechat socket fan-out failed: ${error.message}`))
      .finally(() => pending.delete(tracked));
    pending.add(tracked);
  };

  const visitors = io.of(VISITOR_NAMESPACE);
  const agents = io.of(AGENT_NAMESPACE);
  setUpVisitorNamespace(strapi, visitors, agents, track);
  const stopAgentNamespace = setUpAgentNamespace(strapi, agents, visitors);

  if (config.redis) {
    // Presence lives in each instance's memory; instances swap snapshots through the adapter.
    agents.on(PRESENCE_SNAPSHOT, (snapshot: PresenceSnapshot) => service(strapi, 'presence').receive(snapshot));
    service(strapi, 'presence').attach({ publish: (snapshot) => agents.serverSideEmit(PRESENCE_SNAPSHOT, snapshot) });
  }

  const conversations = () => service(strapi, 'conversations');
  const events = service(strapi, 'events');
  /** Everyone whose conversation lists show this conversation. */
  const listRooms = (status: string, assigneeIds: Array<number | null>) => [
    rooms.allConversations,
    ...(status === 'queued' ? [rooms.queue] : []),
    ...assigneeIds.filter((id): id is number => id !== null).map(rooms.agent),
  ];

  // A burst of messages updates each conversation's list row once: the rows are collected for one turn
  // of the event loop and presented together (one contacts query and one agents query for the lot).
  const listUpdates = new Map<number, { row: ConversationRow; contact?: ContactRow }>();
  const pushListUpdates = async () => {
    const updates = [...listUpdates.values()];
    listUpdates.clear();
    const rows = updates.map((update) => update.row);
    const contacts = updates.flatMap((update) => (update.contact ? [update.contact] : []));
    const presented = await conversations().present(rows, contacts);
    rows.forEach((row, i) =>
      agents.to(listRooms(row.status, [row.assigneeId])).emit(EVENTS.conversationUpdated, presented[i]),
    );
  };

  const unsubscribe = [
    events.on('message:created', ({ message, conversation, contact }) => {
      visitors.to(rooms.contact(conversation.contactId)).emit(EVENTS.messageNew, message);
      agents.to(rooms.watching(conversation.id)).emit(EVENTS.messageNew, message);
      if (listUpdates.size === 0) {
        track(new Promise<void>((resolve) => setImmediate(resolve)).then(pushListUpdates));
      }
      listUpdates.set(conversation.id, { row: conversation, contact });
    }),
    events.on('conversation:changed', ({ conversation, previousStatus, previousAssigneeId }) => {
      // This row is newer than a list update still waiting from an earlier message.
      listUpdates.delete(conversation.id);
      track(
        Promise.all([conversations().presentOne(conversation), conversations().presentForVisitor(conversation)]).then(
          ([forAgents, forVisitor]) => {
            const targets = listRooms(conversation.status, [conversation.assigneeId, previousAssigneeId]);
            if (previousStatus === 'queued') targets.push(rooms.queue);
            agents.to(targets).to(rooms.watching(conversation.id)).emit(EVENTS.conversationUpdated, forAgents);
            visitors.to(rooms.contact(conversation.contactId)).emit(EVENTS.conversationUpdated, forVisitor);
          },
        ),
      );
    }),
    events.on('conversation:removed', ({ id, assigneeId }) => {
      agents
        .to(listRooms('removed', [assigneeId]))
        .to(rooms.queue)
        .emit(EVENTS.conversationRemoved, { id });
    }),
    events.on('contact:erased', ({ contactId }) => {
      // Through the Redis adapter this reaches the contact's sockets on every instance.
      visitors.in(rooms.contact(contactId)).disconnectSockets(true);
    }),
    events.on('escalation:changed', ({ escalation, conversation }) => {
      track(
        (async () => {
          const team = escalation.toTeamId
            ? await service(strapi, 'settings').requireTeam(escalation.toTeamId, 'toTeamId')
            : null;
          const recipients = [
            escalation.fromAgentId,
            escalation.toAgentId,
            conversation.assigneeId,
            ...(team?.memberIds ?? []),
          ];
          agents
            .to(listRooms('escalation', recipients))
            .emit(EVENTS.escalationUpdated, serialize.escalation(escalation));
          // The visitor sees when a pending escalation should be resolved.
          visitors
            .to(rooms.contact(conversation.contactId))
            .emit(EVENTS.conversationUpdated, await conversations().presentForVisitor(conversation));
        })(),
      );
    }),
    events.on('queue:position', ({ contactId, position }) => {
      visitors.to(rooms.contact(contactId)).emit(EVENTS.queuePosition, position);
    }),
    events.on('bot:stream', ({ contactId, ...piece }) => {
      visitors.to(rooms.contact(contactId)).emit(EVENTS.botStream, piece);
      agents.to(rooms.watching(piece.conversationId)).emit(EVENTS.botStream, piece);
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
      stopAgentNamespace();
      // Only this instance's sockets: through the Redis adapter a plain disconnectSockets reaches every instance.
      visitors.local.disconnectSockets(true);
      agents.local.disconnectSockets(true);
      // Disconnect handlers start more fan-out (visitor offline); drain until nothing is left.
      while (pending.size > 0) await Promise.all([...pending]);
      service(strapi, 'presence').detach();
      await new Promise<void>((resolve) => {
        // io.close() would also close Strapi's HTTP server; only the engine and its sockets are ours.
        io.engine.close();
        resolve();
      });
      await Promise.all(redisClients.map((client) => client.quit().catch(() => undefined)));
    },
  };
}
