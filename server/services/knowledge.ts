import type { Core } from '@strapi/strapi';
import type { KnowledgeIndexStatus } from '../../plugin/contracts/knowledge';
import { pluginConfig } from '../config';
import { createEmbeddings } from '../knowledge/embeddings';
import {
  FIRST_BUILD_WAIT_MS,
  KnowledgeIndexer,
  KnowledgeUnavailableError,
  type IndexedListener,
} from '../knowledge/indexer';
import { quoteTopPassage } from '../knowledge/extractive';
import { KnowledgeRetriever } from '../knowledge/retriever';
import { knowledgeSources } from '../knowledge/sources';
import { startKnowledgeSync, type KnowledgeSync } from '../knowledge/sync';
import type { KnowledgeAnswer, KnowledgeRetrieval } from '../knowledge/types';
import { sharedWordVectors } from '../knowledge/word-vectors';

export type { KnowledgeAnswer, KnowledgeRetrieval } from '../knowledge/types';

/**
 * A retrieval (waiting for the first build, embedding the question with a remote API) that takes longer
 * than a visitor should wait ends as unavailable: the bot offers a human instead.
 */
async function withinWait<T>(work: Promise<T>, waitMs = FIRST_BUILD_WAIT_MS): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const waited = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new KnowledgeUnavailableError(`no retrieval within ${waitMs} ms`)), waitMs);
  });
  try {
    return await Promise.race([work, waited]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * What the bot knows: published knowledge entries and configured content types, indexed for hybrid
 * retrieval (server/knowledge). Retrieval is a LangChain retriever; answers are extractive.
 */
/** Every instance's progress as one: indexing while any builds, counts added up, the oldest full index. */
const combined = (all: NonNullable<KnowledgeIndexStatus['instances']>): KnowledgeIndexStatus => {
  const indexedAt = all.map((s) => s.lastIndexedAt);
  return {
    state: all.some((s) => s.state === 'indexing') ? 'indexing' : 'ready',
    done: all.reduce((sum, s) => sum + s.done, 0),
    total: all.reduce((sum, s) => sum + s.total, 0),
    documents: all[0].documents,
    lastIndexedAt: indexedAt.includes(null) ? null : ([...indexedAt].sort()[0] ?? null),
    instances: all,
  };
};

export default ({ strapi }: { strapi: Core.Strapi }) => {
  let indexer: KnowledgeIndexer | undefined;
  let sync: KnowledgeSync | null = null;
  const indexedListeners = new Set<IndexedListener>();

  /** Built on first use: sources are checked against the content types, which exist only after load. */
  const ready = async () => {
    if (!indexer) {
      const config = pluginConfig(strapi).knowledge;
      const sources = knowledgeSources(strapi, config.sources);
      indexer = new KnowledgeIndexer(strapi, sources, await createEmbeddings(config.embeddings), sharedWordVectors);
      indexer.onIndexed(async (source, documentId) => {
        for (const listener of indexedListeners) await listener(source, documentId);
      });
    }
    return indexer;
  };

  /** A LangChain retriever over the index; `k` passages per question. */
  const retriever = async (k = 3) => {
    const current = await ready();
    return new KnowledgeRetriever(() => current.index(), k);
  };

  const retrieve = async (question: string, { k = 3 }: { k?: number } = {}): Promise<KnowledgeRetrieval> => {
    const documents = await withinWait((await retriever(k)).invoke(question));
    return {
      passages: documents.map(({ pageContent, metadata }) => ({
        id: metadata.id,
        title: metadata.title,
        url: metadata.url,
        text: pageContent,
        score: metadata.score,
        confidence: metadata.documentConfidence,
      })),
      confidence: documents[0]?.metadata.confidence ?? 0,
    };
  };

  return {
    /** Checks the sources, follows content changes and builds the index in the background. */
    async start() {
      const current = await ready();
      current.watch();
      current.built().catch((error: Error) => strapi.log.error(`livechat: knowledge index: ${error.message}`));
      // With Redis, changes seen here reach every other instance's index, and theirs reach this one.
      sync = await startKnowledgeSync(strapi, current);
    },

    async stop() {
      await sync?.stop();
      sync = null;
      await indexer?.stop();
    },

    /**
     * Calls `listener` once a document's published version is indexed; `settled()` waits for it. Returns
     * the unsubscribe function.
     */
    onIndexed(listener: IndexedListener) {
      indexedListeners.add(listener);
      return () => {
        indexedListeners.delete(listener);
      };
    },

    retriever,

    /** The best `k` passages for a question, best first, with the calibrated confidence of the first. */
    retrieve,

    /** The extractive answer: the best passage of the best document, with that document as its source. */
    async answer(question: string): Promise<KnowledgeAnswer | null> {
      return quoteTopPassage(await retrieve(question, { k: 1 }));
    },

    /** Starts a full re-index here and on every other instance (answers keep using the current index until it completes). */
    async reindex(): Promise<KnowledgeIndexStatus> {
      const current = await ready();
      current.rebuild().catch((error: Error) => strapi.log.error(`livechat: knowledge re-index: ${error.message}`));
      await sync?.announceRebuild();
      return sync ? combined(await sync.statuses()) : current.status();
    },

    /** Nothing published to answer from: the first index is built and holds no document. */
    async isEmpty() {
      const { lastIndexedAt, documents } = (await ready()).status();
      return lastIndexedAt !== null && documents === 0;
    },

    /** This instance's index status; with Redis, every live instance's, added up. */
    async status(): Promise<KnowledgeIndexStatus> {
      const current = await ready();
      return sync ? combined(await sync.statuses()) : current.status();
    },

    /** Resolves once the first index is built and every pending change is applied (tests, benches). */
    async settled() {
      const current = await ready();
      await current.built();
      await current.settled();
    },
  };
};
