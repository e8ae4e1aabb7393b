import { questionKey } from '../knowledge/text';

/** Two questions whose keys share at least this share of their words (Jaccard) are one group. */
export const SIMILAR_QUESTIONS = 0.6;

/**
 * A question holding every word of a shorter one of at least this many words is that question plus
 * context ("… It is for my mum's birthday."): one group. Shorter keys are too generic to contain.
 */
const CONTAINED_WORDS = 3;

const keyWords = (key: string) => new Set(key.split(' ').filter(Boolean));

/**
 * How alike two question keys are, 0–1: the share of words they have in common (Jaccard), or 1 when one
 * is the other plus extra words.
 */
export function keySimilarity(a: string, b: string): number {
  const left = keyWords(a);
  const right = keyWords(b);
  if (left.size === 0 || right.size === 0) return a === b ? 1 : 0;
  let shared = 0;
  for (const word of left) if (right.has(word)) shared += 1;
  const shorter = Math.min(left.size, right.size);
  if (shared === shorter && shorter >= CONTAINED_WORDS) return 1;
  return shared / (left.size + right.size - shared);
}

/** The group a question joins: the one with the same key, else the most similar one above the bar. */
export function closestGroup<Group extends { normalizedQuestion: string }>(
  question: string,
  groups: Group[],
): Group | null {
  const key = questionKey(question);
  let best: { group: Group; similarity: number } | null = null;
  for (const group of groups) {
    const similarity = group.normalizedQuestion === key ? 1 : keySimilarity(key, group.normalizedQuestion);
    if (similarity >= SIMILAR_QUESTIONS && (!best || similarity > best.similarity)) best = { group, similarity };
  }
  return best?.group ?? null;
}

/** Longest phrasing a group keeps of a question. */
const PHRASING_LENGTH = 500;

/** A question as a group keeps it among its phrasings. */
export const phrasing = (question: string) => question.slice(0, PHRASING_LENGTH);

/** Two phrasings are the same when they match trimmed, in any case. */
export const phrasingKey = (question: string) => phrasing(question).trim().toLowerCase();

/**
 * The group a question asked earlier went to: the one that kept it as a phrasing, else the one it was
 * similar enough to join (a group stops keeping phrasings once it has enough).
 */
export function groupOfAsked<Group extends { normalizedQuestion: string; phrasings: string[] }>(
  question: string,
  groups: Group[],
): Group | null {
  const key = phrasingKey(question);
  return groups.find((group) => group.phrasings.some((p) => phrasingKey(p) === key)) ?? closestGroup(question, groups);
}
