import type { Core } from '@strapi/strapi';
import { createClient } from 'redis';
import { pluginConfig } from './config';

export type RedisClient = ReturnType<typeof createClient>;

/** How long a caller waits for Redis before answering without it: a hung server must not hold up a message. */
const COMMAND_TIMEOUT_MS = 1000;

const clients = new WeakMap<Core.Strapi, RedisClient>();

/**
 * Connects this instance's command client when `redis` is configured: the state instances share (rate
 * limits, visitor presence) goes through it. The socket.io adapter keeps its own publisher and subscriber.
 */
export async function connectRedis(strapi: Core.Strapi): Promise<void> {
  const { redis } = pluginConfig(strapi);
  if (!redis) return;
  // While Redis is unreachable a command fails at once instead of waiting in a queue: callers fall back to memory.
  const client: RedisClient = createClient({ url: redis, disableOfflineQueue: true });
  // The client reconnects by itself and reports every failed attempt; one line per outage is enough.
  let reachable = true;
  client.on('error', (error: Error) => {
    if (reachable) strapi.log.error(`livechat redis: ${error.message}; answering from memory until it is back`);
    reachable = false;
  });
  client.on('ready', () => {
    if (!reachable) strapi.log.info('livechat redis: connected again');
    reachable = true;
  });
  await client.connect();
  clients.set(strapi, client);
}

/** The command client, or null when `redis` is not configured. */
export const redisClient = (strapi: Core.Strapi): RedisClient | null => clients.get(strapi) ?? null;

/** Closes the command client (on shutdown), also while it is still trying to reconnect. */
export async function disconnectRedis(strapi: Core.Strapi): Promise<void> {
  const client = clients.get(strapi);
  clients.delete(strapi);
  if (!client) return;
  await client
    .quit()
    .catch(() => client.disconnect())
    .catch(() => undefined);
}

/** Settles like `work`, or like `fallback()` when Redis has not answered within the command timeout. */
export function inTimeOr<T>(work: Promise<T>, fallback: () => Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<T>((resolve, reject) => {
    timer = setTimeout(() => fallback().then(resolve, reject), COMMAND_TIMEOUT_MS);
  });
  // An answer that comes after the fallback is dropped, rejection included.
  work.catch(() => undefined);
  return Promise.race([work, late]).finally(() => clearTimeout(timer));
}
