import type { Core } from '@strapi/strapi';
import type { QueuePosition, QueuePositionPayload } from '../../plugin/contracts/routing';
import { OFFLINE_CHANNEL } from '../../plugin/contracts/visitor';
import { pluginConfig } from '../config';
import { inTimeOr, redisClient } from '../redis';
import { tables } from '../store';
import type { ConversationRow } from '../store/rows';
import { toMillis } from '../store/sql';
import type { LivechatEvents } from './events';
import { uses } from './registry';

/** Expected wait per place in the queue before any pick-up has been seen. */
const DEFAULT_PICKUP_SECONDS = 120;
/** Pick-ups the average is taken over. */
const PICKUP_SAMPLES = 20;
/** Waiting conversations read at most to place visitors. */
const QUEUE_SCAN_LIMIT = 5000;

type QueuedRow = Pick<ConversationRow, 'id' | 'contactId' | 'teamId' | 'queuedAt' | 'channel'>;

/**
 * The queue as visitors see it: their place in their team's queue (oldest first) and the expected wait,
 * from the average of recent pick-up times. Positions are pushed to the visitor's sockets when they change.
 * With `redis`, recent pick-up times are a Redis list every instance adds to and reads (a chat queued on
 * one instance and picked on another counts once, and every instance quotes the same wait); without it,
 * or while Redis does not answer, this instance's own.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const { events } = uses(strapi, ['events']);
  const db = tables(strapi);
  const pickupSeconds: number[] = [];
  /** When each waiting conversation joined the queue this time (its `queuedAt` may keep an older place). */
  const joinedAt = new Map<number, number>();
  /** The last position pushed per conversation, so only changes are sent. */
  const pushed = new Map<number, string>();

  let pushes: Promise<void> = Promise.resolve();
  let pushRequested = false;
  let unsubscribe: Array<() => void> = [];

  const pickupsKey = () => `${pluginConfig(strapi).redisKey}:queue:pickups`;

  const recordPickup = (seconds: number) => {
    pickupSeconds.push(seconds);
    if (pickupSeconds.length > PICKUP_SAMPLES) pickupSeconds.shift();
    const client = redisClient(strapi);
    if (!client) return;
    client
      .multi()
      .lPush(pickupsKey(), String(seconds))
      .lTrim(pickupsKey(), 0, PICKUP_SAMPLES - 1)
      .exec()
      .catch(() => undefined);
  };

  const recentPickups = async (): Promise<number[]> => {
    const client = redisClient(strapi);
    if (!client) return pickupSeconds;
    return inTimeOr(
      client.lRange(pickupsKey(), 0, PICKUP_SAMPLES - 1).then((values) => values.map(Number)),
      async () => pickupSeconds,
    ).catch(() => pickupSeconds);
  };

  const averagePickupSeconds = async () => {
    const samples = await recentPickups();
    return samples.length === 0
      ? DEFAULT_PICKUP_SECONDS
      : samples.reduce((sum, seconds) => sum + seconds, 0) / samples.length;
  };

  /** Waiting conversations grouped by queue (team id, or null for the general queue), oldest first. */
  const queues = async () => {
    const rows = (await db.conversations.findMany({
      where: { status: 'queued' },
      select: ['id', 'contactId', 'teamId', 'queuedAt', 'channel'],
      orderBy: [{ queuedAt: 'asc' }, { id: 'asc' }],
      limit: QUEUE_SCAN_LIMIT,
    })) as QueuedRow[];
    const byTeam = new Map<number | null, QueuedRow[]>();
    for (const row of rows) {
      const team = row.teamId ?? null;
      const queue = byTeam.get(team);
      if (queue) queue.push(row);
      else byTeam.set(team, [row]);
    }
    return byTeam;
  };

  const placeAt = (index: number, waiting: number, average: number): QueuePosition => ({
    position: index + 1,
    waiting,
    expectedWaitSeconds: Math.round(average * (index + 1)),
  });

  const push = async () => {
    const seen = new Set<number>();
    const average = await averagePickupSeconds();
    for (const queue of (await queues()).values()) {
      queue.forEach((row, index) => {
        // An offline message is answered by email: its visitor is promised no place in the queue.
        if (row.channel === OFFLINE_CHANNEL) return;
        seen.add(row.id);
        const position: QueuePositionPayload = { conversationId: row.id, ...placeAt(index, queue.length, average) };
        const key = JSON.stringify(position);
        if (pushed.get(row.id) === key) return;
        pushed.set(row.id, key);
        events().emit('queue:position', { contactId: row.contactId, position });
      });
    }
    for (const id of pushed.keys()) if (!seen.has(id)) pushed.delete(id);
  };

  const requestPush = () => {
    if (pushRequested) return;
    pushRequested = true;
    pushes = pushes.then(async () => {
      pushRequested = false;
      try {
        await push();
      } catch (error) {
        strapi.log.error(`livechat queue: position push failed: ${(error as Error).message}`);
      }
    });
  };

  const onConversationChanged = ({ conversation, previousStatus }: LivechatEvents['conversation:changed'][0]) => {
    const { id, status } = conversation;
    if (status === 'queued' && previousStatus !== 'queued') joinedAt.set(id, Date.now());
    if (previousStatus === 'queued' && status !== 'queued') {
      const joined = joinedAt.get(id) ?? toMillis(conversation.queuedAt);
      joinedAt.delete(id);
      if (status === 'open' && joined !== null) recordPickup(Math.max(0, (Date.now() - joined) / 1000));
    }
    if (status === 'queued' || previousStatus === 'queued') requestPush();
  };

  return {
    /** The conversation's place in its queue; `position` is null when it is not waiting, or is an offline message. */
    async positionOf(conversation: ConversationRow): Promise<QueuePosition> {
      const queue = (await queues()).get(conversation.teamId ?? null) ?? [];
      const index = queue.findIndex((row) => row.id === conversation.id);
      if (conversation.status !== 'queued' || conversation.channel === OFFLINE_CHANNEL || index < 0) {
        return { position: null, waiting: queue.length, expectedWaitSeconds: null };
      }
      return placeAt(index, queue.length, await averagePickupSeconds());
    },

    /** Starts following the queue (called at bootstrap). */
    start() {
      const bus = events();
      unsubscribe = [
        bus.on('conversation:changed', onConversationChanged),
        bus.on('conversation:removed', ({ id }) => {
          joinedAt.delete(id);
          requestPush();
        }),
      ];
    },

    /** Stops following the queue and waits for a push under way. */
    async stop() {
      unsubscribe.forEach((off) => off());
      unsubscribe = [];
      await pushes;
    },
  };
};
