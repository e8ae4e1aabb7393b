import { semanticValue, type RankedDocument } from './hybrid-index';

/**
 * Confidence is a logistic model over three raw signals of the top document — never over the fused
 * score, which is relative to the other candidates:
 *   coverage  share of the question's words the document covers (term-matcher, 0–~1.2)
 *   semantic  cosine of the question's embedding with the document's headline or best passage
 *   gap       how far the top document's fused score is ahead of the second one
 * The four constants were fitted (class-balanced logistic regression) on the help-centre data set in
 * bench/data: 151 answerable and 40 out-of-scope questions. On that scale 0.5 means "as likely
 * answerable as not"; `botConfidenceThreshold` compares against it. They hold for the embedded word
 * vectors; with other embeddings the cosine has another range and the threshold needs re-tuning.
 */
export const CONFIDENCE = { coverage: 4.65, semantic: 8.74, gap: 0.67, intercept: -10.95 };

/** The calibrated 0–1 confidence that the first of `ranked` answers the question. */
export function confidence(ranked: RankedDocument[]): number {
  const [top, second] = ranked;
  if (!top) return 0;
  const gap = second ? top.score - second.score : top.score;
  const logit =
    CONFIDENCE.coverage * top.coverage +
    CONFIDENCE.semantic * semanticValue(top.semantic) +
    CONFIDENCE.gap * gap +
    CONFIDENCE.intercept;
  return 1 / (1 + Math.exp(-logit));
}
