import type { Source } from '../../plugin/contracts/entities';
import { passageSource as toSource } from '../knowledge/extractive';
import type { Passage } from './types';

/** One source per piece of content (several passages may come from one entry), in order. */
const distinct = (sources: Source[]) => [...new Map(sources.map((source) => [source.id, source])).values()];

/**
 * The sources of an answer: the passages it cites as `[n]`, in the order of their numbers. Empty when
 * it cites none that exist: such an answer is not grounded in the passages and must not be sent.
 */
export function citedSources(text: string, passages: Passage[]): Source[] {
  const numbers = [...text.matchAll(/\[(\d{1,3})\]/g)]
    .map((match) => Number(match[1]))
    .filter((n) => n >= 1 && n <= passages.length);
  return distinct([...new Set(numbers)].sort((a, b) => a - b).map((n) => toSource(passages[n - 1])));
}
