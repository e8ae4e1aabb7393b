import { randomUUID } from 'node:crypto';
import type { Core } from '@strapi/strapi';
import type { KnowledgeIndexStatus } from '../../plugin/contracts/knowledge';
import { pluginConfig } from '../config';
import { publish as publishOn, redisClient, subscribe } from '../redis';
import type { KnowledgeIndexer } from './indexer';

/** How often an instance writes its index status to Redis, and how old a status may be before it is dropped. */
const STATUS_EVERY_MS = 1000;
const STATUS_STALE_MS = 10_000;

type Announcement = { kind: 'refresh'; uid: string; documentId: string; locale?: string } | { kind: 'rebuild' };
type SyncMessage = Announcement & { from: string };

export interface KnowledgeSync {
  /** Tells every other instance to rebuild its index too. */
  announceRebuild(): Promise<void>;
  /** Every live instance's index status, this one's first. */
  statuses(): Promise<Array<KnowledgeIndexStatus & { instance: string }>>;
  stop(): Promise<void>;
}

/**
 * Keeps the knowledge index of every instance equal when `redis` is configured. Each instance holds its
 * index in memory (retrieval must not wait on the network), and the database is the source of truth: a
 * change one instance sees through the document service is announced on a Redis channel once its own
 * index has it, and every other instance re-reads that document's published version. A re-index started
 * on one instance rebuilds all of them; each writes its progress to a Redis hash that the status route
 * reads, so the admin sees every instance's progress. Without `redis`, null: one instance, as before.
 */
export async function startKnowledgeSync(
  strapi: Core.Strapi,
  indexer: KnowledgeIndexer,
): Promise<KnowledgeSync | null> {
  const client = redisClient(strapi);
  if (!client) return null;
  const { redisKey } = pluginConfig(strapi);
  const statusKey = `${redisKey}:knowledge:status`;
  const instance = randomUUID();

  const publish = (message: Announcement) =>
    publishOn(strapi, 'knowledge', JSON.stringify({ ...message, from: instance }));

  await subscribe(strapi, 'knowledge', (raw) => {
    let message: SyncMessage;
    try {
      message = JSON.parse(raw) as SyncMessage;
    } catch {
      return;
    }
    if (message.from === instance) return;
    if (message.kind === 'refresh') void indexer.refreshDocument(message.uid, message.documentId, message.locale);
    if (message.kind === 'rebuild') {
      indexer.rebuild().catch((error: Error) => strapi.log.error(`livechat: knowledge re-index: ${error.message}`));
    }
  });

  indexer.onChange(({ uid, documentId, locale }) => void publish({ kind: 'refresh', uid, documentId, locale }));

  // Written every second, changed or not: a live instance never looks stale, a dead one drops out.
  const writeStatus = () =>
    client.hSet(statusKey, instance, JSON.stringify({ status: indexer.status(), at: Date.now() })).then(
      () => undefined,
      () => undefined,
    );
  const timer = setInterval(() => void writeStatus(), STATUS_EVERY_MS);
  timer.unref();
  await writeStatus();

  return {
    announceRebuild: () => publish({ kind: 'rebuild' }),

    async statuses() {
      const own = { ...indexer.status(), instance };
      const stored = await client.hGetAll(statusKey).catch(() => ({}) as Record<string, string>);
      const others = Object.entries(stored).flatMap(([id, raw]) => {
        if (id === instance) return [];
        const { status, at } = JSON.parse(raw) as { status: KnowledgeIndexStatus; at: number };
        return Date.now() - at < STATUS_STALE_MS ? [{ ...status, instance: id }] : [];
      });
      return [own, ...others];
    },

    async stop() {
      clearInterval(timer);
      await client.hDel(statusKey, instance).catch(() => undefined);
    },
  };
}
