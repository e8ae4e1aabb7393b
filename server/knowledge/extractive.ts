import type { KnowledgeAnswer, KnowledgePassage, KnowledgeRetrieval } from './types';

/** A passage as a source: the document it came from. */
export const passageSource = ({ id, title, url }: KnowledgePassage) => ({ id, title, url });

/**
 * The extractive answer: the best passage of the best document, quoted, and that document as its only
 * source (the answer uses nothing else); null when nothing was retrieved.
 */
export function quoteTopPassage(retrieval: KnowledgeRetrieval): KnowledgeAnswer | null {
  const [top] = retrieval.passages;
  if (!top) return null;
  return { text: top.text, sources: [passageSource(top)], confidence: retrieval.confidence };
}
