import type { Core } from '@strapi/strapi';
import { pluginConfig } from './config';
import { perStrapi } from './per-strapi';
import { inTimeOr, redisClient, type RedisClient } from './redis';

/** A socket counts as connected this long after its instance last said so (an instance that dies is forgotten). */
const SOCKET_TTL_MS = 30_000;
const REFRESH_MS = 10_000;
/** Sockets opened within this many milliseconds are marked in Redis together (a reconnect storm: one per turn). */
const MARK_DELAY_MS = 5;

/** The one visitor presence of this Strapi: the contacts (sockets) and the conversation list (dots) read the same. */
export const visitorPresence = perStrapi((strapi) => createVisitorPresence(strapi));

/**
 * Whether a visitor has a socket open on any instance. This instance knows its own sockets; with `redis`
 * each contact has a sorted set of socket ids scored by when they expire, refreshed while connected, so
 * every instance answers alike. While Redis does not answer, this instance's own sockets decide.
 */
function createVisitorPresence(strapi: Core.Strapi) {
  const local = new Map<number, Set<string>>();
  let refresher: NodeJS.Timeout | null = null;
  /** Sockets opened here and not yet marked in Redis: a crowd of handshakes shares one transaction. */
  let unmarked: Array<[number, string]> = [];

  const key = (contactId: number) => `${pluginConfig(strapi).redisKey}:visitor-sockets:${contactId}`;
  const here = (contactId: number) => (local.get(contactId)?.size ?? 0) > 0;

  /** Runs `command` and counts the contact's live sockets in one transaction; this instance's answer without Redis. */
  const countAfter = async (
    contactId: number,
    command: (transaction: ReturnType<RedisClient['multi']>) => ReturnType<RedisClient['multi']>,
  ) => {
    const client = redisClient(strapi);
    if (!client) return here(contactId);
    const now = Date.now();
    const counted = command(client.multi())
      .zRemRangeByScore(key(contactId), '-inf', now)
      .zCard(key(contactId))
      .exec()
      .then((replies) => Number(replies[replies.length - 1]) > 0);
    return inTimeOr(counted, async () => here(contactId)).catch((error: Error) => {
      strapi.log.debug(`livechat visitor presence without redis: ${error.message}`);
      return here(contactId);
    });
  };

  /** Re-marks every socket of this instance, so they outlive the expiry (and reappear after a Redis restart). */
  const refresh = () => {
    const client = redisClient(strapi);
    if (!client) return;
    const transaction = client.multi();
    const expiresAt = Date.now() + SOCKET_TTL_MS;
    for (const [contactId, sockets] of local) {
      transaction.zAdd(
        key(contactId),
        [...sockets].map((value) => ({ score: expiresAt, value })),
      );
      transaction.pExpire(key(contactId), SOCKET_TTL_MS);
    }
    transaction.exec().catch((error: Error) => strapi.log.debug(`livechat visitor presence refresh: ${error.message}`));
  };

  /** Marks the sockets opened since the last call, in one transaction. */
  const markOpened = () => {
    const client = redisClient(strapi);
    const opened = unmarked;
    unmarked = [];
    if (!client || opened.length === 0) return;
    const transaction = client.multi();
    const expiresAt = Date.now() + SOCKET_TTL_MS;
    for (const [contactId, socketId] of opened) {
      // Closed before its mark went out: marking it now would show the visitor online until it expires.
      if (!local.get(contactId)?.has(socketId)) continue;
      transaction.zAdd(key(contactId), { score: expiresAt, value: socketId }).pExpire(key(contactId), SOCKET_TTL_MS);
    }
    // A mark lost to an outage comes back with the next refresh.
    transaction.exec().catch((error: Error) => strapi.log.debug(`livechat visitor presence mark: ${error.message}`));
  };

  return {
    /** A visitor socket opened here: the visitor is online; other instances see it once the mark is sent. */
    connected(contactId: number, socketId: string) {
      local.set(contactId, (local.get(contactId) ?? new Set()).add(socketId));
      if (!redisClient(strapi)) return;
      if (!refresher) {
        refresher = setInterval(refresh, REFRESH_MS);
        refresher.unref();
      }
      if (unmarked.push([contactId, socketId]) === 1) setTimeout(markOpened, MARK_DELAY_MS);
    },

    /** A visitor socket closed here; answers whether the visitor still has a socket on any instance. */
    disconnected(contactId: number, socketId: string) {
      const sockets = local.get(contactId);
      sockets?.delete(socketId);
      if (sockets?.size === 0) local.delete(contactId);
      if (local.size === 0 && refresher) {
        clearInterval(refresher);
        refresher = null;
      }
      return countAfter(contactId, (transaction) => transaction.zRem(key(contactId), socketId));
    },

    /** Whether the visitor has a socket open on any instance. */
    isOnline: (contactId: number) => countAfter(contactId, (transaction) => transaction),

    /** Which of these visitors have a socket open on any instance: one Redis round trip for a page of them. */
    async onlineAmong(contactIds: number[]): Promise<Set<number>> {
      const locally = () => new Set(contactIds.filter(here));
      const client = redisClient(strapi);
      if (!client || contactIds.length === 0) return locally();
      const now = Date.now();
      const transaction = client.multi();
      for (const contactId of contactIds) {
        transaction.zRemRangeByScore(key(contactId), '-inf', now).zCard(key(contactId));
      }
      // Two replies per contact: the expired sockets removed, then the count left.
      const counted = transaction
        .exec()
        .then((replies) => new Set(contactIds.filter((_, index) => Number(replies[index * 2 + 1]) > 0)));
      return inTimeOr(counted, async () => locally()).catch((error: Error) => {
        strapi.log.debug(`livechat visitor presence without redis: ${error.message}`);
        return locally();
      });
    },
  };
}
