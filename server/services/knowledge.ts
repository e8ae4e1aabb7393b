import type { Core } from '@strapi/strapi';
import type { Source } from '../../plugin/contracts/entities';
import { terms } from '../knowledge/text';
import { tables } from '../store';

/** What the bot may say: an answer with its sources, and how sure it is (0–1). */
export interface KnowledgeAnswer {
  text: string;
  sources: Source[];
  confidence: number;
}

/** The seam the bot calls; the embedded lexical answerer below is the default implementation. */
export interface KnowledgeAnswerer {
  answer(question: string): Promise<KnowledgeAnswer | null>;
}

/**
 * Answers from published knowledge entries: the share of the question's content words an entry
 * covers, title and alternative questions counting double. Returns the best entry, or null.
 */
export default ({ strapi }: { strapi: Core.Strapi }): KnowledgeAnswerer => {
  const db = tables(strapi);
  return {
    async answer(question) {
      const wanted = [...new Set(terms(question))];
      if (wanted.length === 0) return null;
      const entries = await db.knowledgeEntries.findMany({ where: { published: true }, limit: 5000 });
      let best: { entry: (typeof entries)[number]; score: number } | null = null;
      for (const entry of entries) {
        const strong = new Set(terms([entry.title, ...(entry.alternativeQuestions ?? [])].join(' ')));
        const weak = new Set(terms(entry.answer));
        const covered = wanted.reduce((sum, term) => sum + (strong.has(term) ? 1 : weak.has(term) ? 0.5 : 0), 0);
        const score = covered / wanted.length;
        if (!best || score > best.score) best = { entry, score };
      }
      if (!best || best.score === 0) return null;
      return {
        text: best.entry.answer,
        sources: [{ id: `knowledge-entry:${best.entry.id}`, title: best.entry.title, url: best.entry.url ?? null }],
        confidence: Math.min(1, best.score),
      };
    },
  };
};
