import type { EmbeddingsInterface } from '@langchain/core/embeddings';
import type { Core, UID } from '@strapi/strapi';
import type { KnowledgeIndexStatus } from '../../plugin/contracts/knowledge';
import { nextTurn } from '../next-turn';
import { HybridIndex } from './hybrid-index';
import { documentKey, sourceFields, toKnowledgeDocument, type KnowledgeSource } from './sources';
import type { WordVectors } from './word-vectors';

type StoredDocument = Record<string, unknown> & { documentId: string };

/** The part of Strapi's document service the indexer uses, with loose params (uids come from config). */
interface DocumentReader {
  findMany(params: Record<string, unknown>): Promise<StoredDocument[]>;
  findOne(params: Record<string, unknown>): Promise<StoredDocument | null>;
  count(params: Record<string, unknown>): Promise<number>;
}

/** Document-service actions that can change what is published. */
const CHANGES = new Set(['create', 'update', 'delete', 'publish', 'unpublish', 'discardDraft']);
const PAGE_SIZE = 500;
/**
 * Documents indexed between two turns of the event loop in a full build (~30 ms of work for the shipped
 * word vectors on a slow core): a build of 10,000 documents takes seconds, and the server keeps serving
 * visitors and agents meanwhile.
 */
const BUILD_SLICE = 50;
/** How long a question waits for the first build before the bot offers a human instead. */
export const FIRST_BUILD_WAIT_MS = 5000;
/** After a failed build, the next attempt waits this long, doubling up to the maximum. */
const RETRY_AFTER_MS = 30_000;
const RETRY_AFTER_MAX_MS = 10 * 60_000;

/** The index cannot answer now (first build still running, or failed and backing off): not a content gap. */
export class KnowledgeUnavailableError extends Error {
  name = 'KnowledgeUnavailableError';
}

/** Called after a document's published version is (re)indexed. */
export type IndexedListener = (source: KnowledgeSource, documentId: string) => Promise<void> | void;

/** A change this instance saw through the document service, once its refresh is applied (after commit). */
export type ChangeListener = (change: { uid: string; documentId: string; locale?: string }) => void;

/**
 * Keeps the index equal to the published content of every source: a full build (at bootstrap and
 * on demand, with progress) and a refresh of one document after each change through Strapi's
 * document service. Only published versions are ever read.
 */
export class KnowledgeIndexer {
  private current: HybridIndex | undefined;
  private firstBuild: Promise<void> | undefined;
  private building: Promise<void> | undefined;
  /** Documents changed while a build runs: re-read into the new index once it is complete. */
  private changedDuringBuild: Array<[KnowledgeSource, string]> | undefined;
  private queue: Promise<void> = Promise.resolve();
  private progress = { done: 0, total: 0 };
  private lastIndexedAt: string | null = null;
  private stopWatching: (() => void) | undefined;
  private failures = 0;
  private retryAt = 0;
  private lastError = '';
  private readonly listeners: IndexedListener[] = [];
  private readonly changeListeners: ChangeListener[] = [];

  constructor(
    private readonly strapi: Core.Strapi,
    private readonly sources: KnowledgeSource[],
    private readonly embeddings: EmbeddingsInterface,
    private readonly wordVectors: () => WordVectors,
    /** Documents read per query by a full build. */
    private readonly pageSize = PAGE_SIZE,
  ) {}

  private reader(source: KnowledgeSource) {
    return this.strapi.documents(source.uid as UID.ContentType) as unknown as DocumentReader;
  }

  /**
   * The index, once the first build is complete. Waits at most `waitMs` for a build under way; after a
   * failed build, the next question starts another only once the back-off has passed, so a broken
   * embeddings API is not asked to embed the whole corpus again for every visitor message.
   */
  async index(waitMs = FIRST_BUILD_WAIT_MS): Promise<HybridIndex> {
    if (this.current) return this.current;
    if (!this.firstBuild) {
      if (Date.now() < this.retryAt) {
        throw new KnowledgeUnavailableError(`the knowledge index failed to build: ${this.lastError}; retrying later`);
      }
      this.firstBuild = this.rebuild().then(
        () => {
          this.failures = 0;
        },
        (error: Error) => {
          this.firstBuild = undefined;
          this.failures += 1;
          this.lastError = error.message;
          this.retryAt = Date.now() + Math.min(RETRY_AFTER_MS * 2 ** (this.failures - 1), RETRY_AFTER_MAX_MS);
          throw error;
        },
      );
    }
    let timer: NodeJS.Timeout | undefined;
    const waited = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new KnowledgeUnavailableError(`the knowledge index is still being built after ${waitMs} ms`)),
        waitMs,
      );
    });
    try {
      await Promise.race([this.firstBuild, waited]);
    } catch (error) {
      if (error instanceof KnowledgeUnavailableError) throw error;
      throw new KnowledgeUnavailableError(`the knowledge index failed to build: ${(error as Error).message}`);
    } finally {
      clearTimeout(timer);
    }
    if (!this.current) throw new KnowledgeUnavailableError('the knowledge index failed to build');
    return this.current;
  }

  /** Resolves when the first build is complete, however long it takes (bootstrap, tests, benches). */
  async built(): Promise<HybridIndex> {
    return this.index(2 ** 31 - 1);
  }

  /** Registers a listener for changes seen here, called once the index has them (other instances follow). */
  onChange(listener: ChangeListener) {
    this.changeListeners.push(listener);
  }

  /**
   * The sources a change to `uid` in `locale` concerns: one content type may be configured once per
   * locale; a change that names no locale (deleting all locales) concerns every source of the uid.
   */
  sourcesFor(uid: string, locale?: string) {
    return this.sources.filter(
      (source) => source.uid === uid && (!locale || locale === '*' || !source.locale || source.locale === locale),
    );
  }

  /** Re-reads one document into the index for every source it belongs to. */
  refreshDocument(uid: string, documentId: string, locale?: string) {
    return Promise.all(this.sourcesFor(uid, locale).map((source) => this.refresh(source, documentId)));
  }

  /** Registers a listener for documents whose published version was just indexed. */
  onIndexed(listener: IndexedListener) {
    this.listeners.push(listener);
  }

  status(): KnowledgeIndexStatus {
    return {
      state: this.building || !this.current ? 'indexing' : 'ready',
      done: this.progress.done,
      total: this.progress.total,
      documents: this.current?.size ?? 0,
      lastIndexedAt: this.lastIndexedAt,
    };
  }

  /**
   * Reads every published document of every source into a fresh index, then swaps it in; answers
   * keep using the previous index meanwhile. A second call while one runs joins the running one.
   */
  rebuild(): Promise<void> {
    this.building ??= this.build().finally(() => {
      this.building = undefined;
    });
    return this.building;
  }

  private async build() {
    this.changedDuringBuild = [];
    // Until the sources are counted, a status reads "0 of 0", never the previous build's figures.
    this.progress = { done: 0, total: 0 };
    try {
      await this.fill();
    } finally {
      this.changedDuringBuild = undefined;
    }
  }

  private async fill() {
    const next = new HybridIndex(this.embeddings, this.wordVectors);
    const totals = await Promise.all(this.sources.map((source) => this.reader(source).count(this.published(source))));
    this.progress = { done: 0, total: totals.reduce((sum, count) => sum + count, 0) };
    for (const source of this.sources) {
      for (let start = 0; ; start += this.pageSize) {
        const page = await this.reader(source).findMany({
          ...this.published(source),
          fields: sourceFields(source),
          sort: 'id:asc',
          start,
          limit: this.pageSize,
        });
        for (let at = 0; at < page.length; at += BUILD_SLICE) {
          const slice = page.slice(at, at + BUILD_SLICE).map((document) => toKnowledgeDocument(source, document));
          await next.upsert(slice.filter((document) => document !== null));
          this.progress.done += slice.length;
          await nextTurn();
        }
        if (page.length < this.pageSize) break;
      }
    }
    next.compact();
    const changed = this.changedDuringBuild ?? [];
    this.changedDuringBuild = undefined;
    this.current = next;
    this.lastIndexedAt = new Date().toISOString();
    await Promise.all(changed.map(([source, documentId]) => this.refresh(source, documentId)));
  }

  private published(source: KnowledgeSource) {
    return { status: 'published', ...(source.locale ? { locale: source.locale } : {}) };
  }

  /** Re-reads one document's published version into the index (or removes it); changes apply in order. */
  refresh(source: KnowledgeSource, documentId: string): Promise<void> {
    this.changedDuringBuild?.push([source, documentId]);
    const run = async () => {
      const index = this.current;
      if (!index) return;
      const stored = await this.reader(source).findOne({
        documentId,
        ...this.published(source),
        fields: sourceFields(source),
      });
      const document = stored && toKnowledgeDocument(source, stored);
      if (!document) return index.delete(documentKey(source, documentId));
      await index.upsert([document]);
      for (const listener of this.listeners) {
        try {
          await listener(source, documentId);
        } catch (error) {
          this.strapi.log.error(`livechat: after indexing ${source.uid} ${documentId}: ${(error as Error).message}`);
        }
      }
    };
    this.queue = this.queue.then(run).catch((error: Error) => {
      this.strapi.log.error(`livechat: re-indexing ${source.uid} ${documentId} failed: ${error.message}`);
    });
    return this.queue;
  }

  /**
   * Follows changes made through Strapi's document service (Content Manager, REST, GraphQL, code):
   * after a change to a source commits, the document is re-read. Writes that bypass the document
   * service (raw `strapi.db.query`) are seen at the next rebuild only.
   */
  watch() {
    this.stopWatching = this.strapi.documents.use(async (context, next) => {
      const result = await next();
      if (!CHANGES.has(context.action)) return result;
      const params = context.params as { documentId?: string; locale?: string };
      if (this.sourcesFor(context.uid, params.locale).length === 0) return result;
      const documentId = params.documentId ?? (result as { documentId?: string } | null)?.documentId;
      if (!documentId) return result;
      const change = { uid: context.uid, documentId, ...(params.locale ? { locale: params.locale } : {}) };
      const refresh = async () => {
        await this.refreshDocument(change.uid, change.documentId, change.locale);
        for (const listener of this.changeListeners) listener(change);
      };
      if (this.strapi.db.inTransaction()) {
        // Not visible to other reads until the transaction commits (and not at all if it rolls back).
        void this.strapi.db.transaction(({ onCommit }) => {
          onCommit(() => void refresh());
        });
      } else {
        // Outside a transaction the caller gets control back with the index already up to date.
        await refresh();
      }
      return result;
    }) as unknown as () => void;
  }

  /** Stops following changes and waits for work under way (the database is about to close). */
  async stop() {
    this.stopWatching?.();
    this.stopWatching = undefined;
    await Promise.allSettled([this.building, this.queue]);
  }

  /** Resolves when every queued refresh has been applied. */
  settled() {
    return this.queue;
  }
}
