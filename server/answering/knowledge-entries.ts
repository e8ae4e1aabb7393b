import type { Core, UID } from '@strapi/strapi';
import type { KnowledgeEntrySummary } from '../../plugin/contracts/failed-responses';
import { uid } from '../../plugin/id';
import { questionKey } from '../knowledge/text';

/** A knowledge entry as the document service returns it. */
interface EntryDocument {
  documentId: string;
  title: string;
  answer: string;
  /** A JSON field: editors can store anything in it through the Content Manager. */
  alternativeQuestions: unknown;
  url: string | null;
}

/** The entry's alternative questions: only the string items of whatever the JSON field holds. */
const phrasingsOf = (entry: EntryDocument): string[] =>
  Array.isArray(entry.alternativeQuestions)
    ? entry.alternativeQuestions.filter((q): q is string => typeof q === 'string' && q.trim() !== '')
    : [];

/**
 * Knowledge entries as the failed-response review writes them, through Strapi's document service so
 * drafts, publishing and the indexing hooks behave exactly as in the Content Manager.
 */
export function knowledgeEntries(strapi: Core.Strapi) {
  // The plugin's uids are not in Strapi's generated registry, so the uid is cast once, here.
  const documents = () => strapi.documents(uid('knowledge-entry') as UID.ContentType);

  const find = async (documentId: string, status: 'draft' | 'published') =>
    (await documents().findOne({ documentId, status })) as unknown as EntryDocument | null;

  const summary = (entry: EntryDocument, published: boolean): KnowledgeEntrySummary => ({
    documentId: entry.documentId,
    title: entry.title,
    answer: entry.answer,
    alternativeQuestions: phrasingsOf(entry),
    published,
  });

  /** Questions not already asked in other words (compared by their grouping key). */
  const mergePhrasings = (existing: string[], added: string[], title: string) => {
    const seen = new Set([title, ...existing].map(questionKey));
    const merged = [...existing];
    for (const phrasing of added) {
      const key = questionKey(phrasing);
      if (seen.has(key)) continue;
      seen.add(key);
      merged.push(phrasing);
    }
    return merged;
  };

  return {
    /** The entry with whether it is published, or null when there is none with that id. */
    async get(documentId: string): Promise<KnowledgeEntrySummary | null> {
      const [draft, published] = await Promise.all([find(documentId, 'draft'), find(documentId, 'published')]);
      const entry = draft ?? published;
      return entry ? summary(entry, published !== null) : null;
    },

    /** A new entry, a draft unless `publish`; publishing makes the bot answer from it at once. */
    async create(input: {
      title: string;
      answer: string;
      alternativeQuestions: string[];
      url?: string;
      /** The failed-response group the entry answers, if any. */
      failedResponseId: number | null;
      publish: boolean;
    }): Promise<KnowledgeEntrySummary> {
      const created = (await documents().create({
        data: {
          title: input.title,
          answer: input.answer,
          alternativeQuestions: mergePhrasings([], input.alternativeQuestions, ''),
          url: input.url ?? null,
          failedResponseId: input.failedResponseId,
        } as never,
      })) as unknown as EntryDocument;
      if (input.publish) await documents().publish({ documentId: created.documentId });
      return summary(created, input.publish);
    },

    /**
     * Adds questions as alternative phrasings of an entry; a published entry is published again so the
     * bot answers them at once. Null when there is no such entry.
     */
    async addPhrasings(documentId: string, phrasings: string[]): Promise<KnowledgeEntrySummary | null> {
      const [draft, published] = await Promise.all([find(documentId, 'draft'), find(documentId, 'published')]);
      const entry = draft ?? published;
      if (!entry) return null;
      const alternativeQuestions = mergePhrasings(phrasingsOf(entry), phrasings, entry.title);
      const updated = (await documents().update({
        documentId,
        data: { alternativeQuestions } as never,
      })) as unknown as EntryDocument;
      if (published) await documents().publish({ documentId });
      return summary(updated, published !== null);
    },

    /** Entries whose title matches `q`, most recently changed first (drafts included). */
    async search(q: string | undefined, limit = 20): Promise<KnowledgeEntrySummary[]> {
      const filters = q ? { title: { $containsi: q } } : {};
      const drafts = (await documents().findMany({
        filters,
        status: 'draft',
        sort: 'updatedAt:desc',
        limit,
      } as never)) as unknown as EntryDocument[];
      if (drafts.length === 0) return [];
      const published = (await documents().findMany({
        filters: { documentId: { $in: drafts.map((d) => d.documentId) } },
        status: 'published',
        fields: ['documentId'],
      } as never)) as unknown as Array<{ documentId: string }>;
      const live = new Set(published.map((p) => p.documentId));
      return drafts.map((entry) => summary(entry, live.has(entry.documentId)));
    },
  };
}
