import { randomUUID } from 'node:crypto';
import type { Core } from '@strapi/strapi';
import { createClient } from 'redis';
import { pluginConfig } from './config';

export type RedisClient = ReturnType<typeof createClient>;

/** How long a caller waits for Redis before answering without it: a hung server must not hold up a message. */
const COMMAND_TIMEOUT_MS = 1000;

const clients = new WeakMap<Core.Strapi, RedisClient>();
/** A subscribed connection can do nothing else: one more client per instance, made on the first subscribe. */
const subscribers = new WeakMap<Core.Strapi, RedisClient>();

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
  for (const map of [subscribers, clients]) {
    const client = map.get(strapi);
    map.delete(strapi);
    if (!client) continue;
    await client
      .quit()
      .catch(() => client.disconnect())
      .catch(() => undefined);
  }
}

const channelOf = (strapi: Core.Strapi, name: string) => `${pluginConfig(strapi).redisKey}:${name}`;

/** Calls `onMessage` for every message on this site's channel `name`; does nothing without `redis`. */
export async function subscribe(strapi: Core.Strapi, name: string, onMessage: (message: string) => void) {
  const client = redisClient(strapi);
  if (!client) return;
  let subscriber = subscribers.get(strapi);
  if (!subscriber) {
    subscriber = client.duplicate();
    subscriber.on('error', () => undefined); // the command client already reports outages
    subscribers.set(strapi, subscriber);
    await subscriber.connect();
  }
  await subscriber.subscribe(channelOf(strapi, name), onMessage);
}

/** Publishes on this site's channel `name` to every instance (this one included); a lost message is logged. */
export async function publish(strapi: Core.Strapi, name: string, message: string) {
  try {
    await redisClient(strapi)?.publish(channelOf(strapi, name), message);
  } catch (error) {
    strapi.log.warn(`livechat redis: not announced to other instances (${name}): ${(error as Error).message}`);
  }
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

/** How long a lock holder may keep a shared lock before it lapses (a crashed holder frees it by itself). */
const LOCK_TTL_MS = 10_000;
const LOCK_RETRY_MS = 15;
// Deletes the lock only if this holder still owns it: a lapsed lock taken by another must not be freed.
const RELEASE = "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end";

/**
 * Runs `work` while holding the lock `name` across every instance (Redis `SET NX PX`, released by its
 * owner only). Without `redis`, or while Redis does not answer, the caller's own in-process order is all
 * there is, and `work` runs at once.
 */
export async function withSharedLock<T>(strapi: Core.Strapi, name: string, work: () => Promise<T>): Promise<T> {
  const client = redisClient(strapi);
  if (!client) return work();
  const key = `${pluginConfig(strapi).redisKey}:lock:${name}`;
  const owner = randomUUID();
  const deadline = Date.now() + LOCK_TTL_MS;
  let held = false;
  try {
    while (!held && Date.now() < deadline) {
      held = (await client.set(key, owner, { NX: true, PX: LOCK_TTL_MS })) === 'OK';
      if (!held) await new Promise((resolve) => setTimeout(resolve, LOCK_RETRY_MS));
    }
  } catch {
    held = false; // Redis is down: no instance can share a lock now
  }
  try {
    return await work();
  } finally {
    if (held) await client.eval(RELEASE, { keys: [key], arguments: [owner] }).catch(() => undefined);
  }
}

/**
 * Claims `name` for `ttlMs` across every instance (Redis `SET NX PX`): true for the first claimant only,
 * until the claim lapses or is released. Without `redis`, or while Redis does not answer, `local` decides
 * (this instance's own memory): a throttle then holds per instance, as it did before Redis.
 */
export async function claimShared(
  strapi: Core.Strapi,
  name: string,
  ttlMs: number,
  local: () => boolean,
): Promise<boolean> {
  const client = redisClient(strapi);
  if (!client) return local();
  const key = `${pluginConfig(strapi).redisKey}:claim:${name}`;
  return inTimeOr(
    client.set(key, '1', { NX: true, PX: ttlMs }).then((reply) => reply === 'OK'),
    async () => local(),
  ).catch(() => local());
}

/** Gives up a claim before it lapses (the work it guarded is done and recorded elsewhere). */
export async function releaseShared(strapi: Core.Strapi, name: string): Promise<void> {
  await redisClient(strapi)
    ?.del(`${pluginConfig(strapi).redisKey}:claim:${name}`)
    .catch(() => undefined);
}
