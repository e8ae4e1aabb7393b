import type { Core } from '@strapi/strapi';
import { createAdapter } from '@socket.io/redis-adapter';
import { createClient } from 'redis';
import { Server } from 'socket.io';
import { AGENT_NAMESPACE, SOCKET_PATH, VISITOR_NAMESPACE } from '../../plugin/id';
import { pluginConfig } from '../config';
import type { PresenceSnapshot } from '../services/presence';
import { service } from '../services/registry';
import { setUpAgentNamespace } from './agent-namespace';
import { listenForFanOut } from './fan-out';
import { originChecks } from './origins';
import { setUpVisitorNamespace } from './visitor-namespace';

const PRESENCE_SNAPSHOT = 'livechat:presence-snapshot';

export interface Gateway {
  io: Server;
  close(): Promise<void>;
}

/**
 * socket.io on Strapi's own HTTP server, with the Redis adapter when `redis` is configured (emits then
 * reach sockets on every instance), and its shutdown. `fan-out.ts` turns the services' events into emits.
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

  const stopFanOut = listenForFanOut(strapi, { visitors, agents, track });

  return {
    io,
    async close() {
      stopFanOut();
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
