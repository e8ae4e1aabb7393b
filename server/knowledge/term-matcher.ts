import { isStopWord, stem, words } from './text';
import { sifWeight, type WordVectors } from './word-vectors';

/**
 * Soft term matching: each content word of the question finds its best match among a document's
 * words, exact (same stem) or by word-vector similarity, so "parcel" meets "package" and "refudn"
 * meets "refund". Constants fitted on the help-centre data set (README, Knowledge answers).
 */
export const MATCHING = {
  /** Word-vector cosine at or below which two different words do not match at all. */
  minSimilarity: 0.3,
  /** How much a matched word's repetition in the document adds: 1 + repetition · (n − 1) / (n + 1.2). */
  repetition: 0.5,
  /** Extra weight of a match in the title or an alternative question. */
  headlineBoost: 0.25,
  /** Weight of a number in the question (most numbers are dates, amounts or counts, not topics). */
  numberWeight: 0.2,
  /** Words rarer than this GloVe rank (or without a vector) may be typos of a document word. */
  typoRank: 30_000,
};

const NO_VECTOR = -1;

/** Content words a stored question needs before containing it counts as asking it (see `contains`). */
const PARAPHRASE_WORDS = 2;

interface CorpusWord {
  text: string;
  stem: string;
  rank: number;
  /** In how many documents it occurs (typo correction only considers words still in use). */
  documents: number;
}

// A document's words packed one per int: word id · 256 + min(count, 127) · 2 + (in headline ? 1 : 0).
const pack = (wordId: number, count: number, headline: boolean) =>
  wordId * 256 + Math.min(count, 127) * 2 + (headline ? 1 : 0);

/** One content word of a question, after typo correction. */
export interface QueryTerm {
  text: string;
  stem: string;
  weight: number;
  unit: Float32Array | null;
  /** Similarity to corpus words by id (NaN until needed), filled as documents are scored. */
  similarity: Float32Array;
}

/** How much of a question a document covers, read two ways. */
export interface Coverage {
  /** Each question word's best match by similarity alone: what the confidence was calibrated on. */
  share: number;
  /** The same with a near match counting no more than the document word says: what ranks documents. */
  ranking: number;
}

export interface AnalysedQuestion {
  terms: QueryTerm[];
  totalWeight: number;
}

/** Damerau–Levenshtein distance, or `limit + 1` as soon as it exceeds `limit`. */
function editDistance(a: string, b: string, limit: number): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  let before = new Array<number>(b.length + 1).fill(0);
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i += 1) {
    const current = [i];
    let rowBest = i;
    for (let j = 1; j <= b.length; j += 1) {
      let value = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) value = Math.min(value, before[j - 2] + 1);
      current.push(value);
      rowBest = Math.min(rowBest, value);
    }
    if (rowBest > limit) return limit + 1;
    before = previous;
    previous = current;
  }
  return previous[b.length];
}

const isNumber = (word: string) => /^\p{N}+$/u.test(word);
const contentWords = (text: string) => words(text).filter((word) => !isStopWord(word));

export class TermMatcher {
  private readonly vocabulary: CorpusWord[] = [];
  private readonly ids = new Map<string, number>();
  private readonly stemsInUse = new Map<string, number>();
  private readonly byInitial = new Map<string, Set<number>>();
  private readonly documents = new Map<string, Int32Array>();

  constructor(private readonly vectors: () => WordVectors) {}

  private wordId(text: string): number {
    let id = this.ids.get(text);
    if (id === undefined) {
      id = this.vocabulary.length;
      this.vocabulary.push({ text, stem: stem(text), rank: this.vectors().rank(text) ?? NO_VECTOR, documents: 0 });
      this.ids.set(text, id);
    }
    return id;
  }

  private use(id: number, change: 1 | -1) {
    const word = this.vocabulary[id];
    word.documents += change;
    this.stemsInUse.set(word.stem, (this.stemsInUse.get(word.stem) ?? 0) + change);
    const initial = word.text[0];
    if (!this.byInitial.has(initial)) this.byInitial.set(initial, new Set());
    if (word.documents > 0) this.byInitial.get(initial)?.add(id);
    else this.byInitial.get(initial)?.delete(id);
  }

  /** Indexes a document's headline (title and alternative questions) and body words. */
  upsert(id: string, headline: string, body: string) {
    this.delete(id);
    const counts = new Map<number, number>();
    const inHeadline = new Set<number>();
    for (const word of contentWords(headline)) {
      const wordId = this.wordId(word);
      inHeadline.add(wordId);
      counts.set(wordId, (counts.get(wordId) ?? 0) + 1);
    }
    for (const word of contentWords(body)) {
      const wordId = this.wordId(word);
      counts.set(wordId, (counts.get(wordId) ?? 0) + 1);
    }
    const packed = new Int32Array(counts.size);
    let at = 0;
    for (const [wordId, count] of counts) {
      this.use(wordId, 1);
      packed[at++] = pack(wordId, count, inHeadline.has(wordId));
    }
    this.documents.set(id, packed);
  }

  delete(id: string) {
    const packed = this.documents.get(id);
    if (!packed) return;
    packed.forEach((value) => this.use(Math.floor(value / 256), -1));
    this.documents.delete(id);
  }

  /** About how many documents contain a word with this stem. */
  documentFrequency(wordStem: string) {
    return this.stemsInUse.get(wordStem) ?? 0;
  }

  /** A document word the question word is probably a typo of ("pasword" → "password"), if any. */
  private correction(word: string): string | undefined {
    const limit = word.length >= 7 ? 2 : 1;
    let best: CorpusWord | undefined;
    let bestDistance = limit + 1;
    for (const id of this.byInitial.get(word[0]) ?? []) {
      const candidate = this.vocabulary[id];
      const distance = editDistance(word, candidate.text, limit);
      if (distance > limit) continue;
      if (!best || distance < bestDistance || (distance === bestDistance && candidate.documents > best.documents)) {
        best = candidate;
        bestDistance = distance;
      }
    }
    return best?.text;
  }

  /** The question's content words with their weights, typos of document words corrected. */
  analyse(question: string): AnalysedQuestion {
    const table = this.vectors();
    const terms: QueryTerm[] = [];
    const seen = new Set<string>();
    for (const original of contentWords(question)) {
      let text = original;
      const known = (this.stemsInUse.get(stem(text)) ?? 0) > 0;
      const rank = table.rank(text);
      if (!known && text.length >= 4 && !isNumber(text) && (rank === undefined || rank > MATCHING.typoRank)) {
        text = this.correction(text) ?? text;
      }
      if (seen.has(text)) continue;
      seen.add(text);
      const vectorRank = table.rank(text);
      terms.push({
        text,
        stem: stem(text),
        weight: isNumber(text) ? MATCHING.numberWeight : vectorRank === undefined ? 1 : sifWeight(vectorRank),
        unit: vectorRank === undefined ? null : table.unit(vectorRank),
        similarity: new Float32Array(this.vocabulary.length).fill(Number.NaN),
      });
    }
    return { terms, totalWeight: terms.reduce((sum, term) => sum + term.weight, 0) };
  }

  private similarity(term: QueryTerm, wordId: number): number {
    // Words first seen after the question was analysed have no cache slot: compute them each time.
    let value = wordId < term.similarity.length ? term.similarity[wordId] : Number.NaN;
    if (Number.isNaN(value)) {
      const word = this.vocabulary[wordId];
      if (word.stem === term.stem) value = 1;
      else if (term.unit && word.rank !== NO_VECTOR) value = this.vectors().cosine(term.unit, word.rank);
      else value = 0;
      if (wordId < term.similarity.length) term.similarity[wordId] = value;
    }
    return value;
  }

  private termScore(similarity: number, count: number, headline: boolean) {
    const { minSimilarity, repetition, headlineBoost } = MATCHING;
    if (similarity <= minSimilarity) return 0;
    return (
      ((similarity - minSimilarity) / (1 - minSimilarity)) *
      (1 + (repetition * (count - 1)) / (count + 1.2)) *
      (headline ? 1 + headlineBoost : 1)
    );
  }

  /**
   * How much of the question a document covers: the weighted mean over question words of their
   * best match in the document (0 none, 1 every word found as is, a little more for repeated or
   * headline words). Raw and comparable across questions. Read two ways (`Coverage`): the confidence was
   * calibrated on similarity alone; ranking also weighs what a near match lands on.
   */
  score(question: AnalysedQuestion, id: string): Coverage {
    const packed = this.documents.get(id);
    if (!packed || question.totalWeight === 0) return { share: 0, ranking: 0 };
    let share = 0;
    let ranking = 0;
    for (const term of question.terms) {
      let best = 0;
      let bestRanking = 0;
      for (let i = 0; i < packed.length; i += 1) {
        const value = packed[i];
        const wordId = Math.floor(value / 256);
        const similarity = this.similarity(term, wordId);
        if (similarity <= MATCHING.minSimilarity) continue;
        const matched = this.termScore(similarity, (value & 255) >> 1, (value & 1) === 1);
        if (matched > best) best = matched;
        const informative = similarity < 1 ? matched * this.informativeness(term, wordId) : matched;
        if (informative > bestRanking) bestRanking = informative;
      }
      share += term.weight * best;
      ranking += term.weight * bestRanking;
    }
    return { share: share / question.totalWeight, ranking: ranking / question.totalWeight };
  }

  /**
   * How much of a question word a similar document word can stand for: no more than it says itself
   * (its SIF weight against the question word's). "start" landing on "time", a word of any text, counts
   * about half; "sunday" landing on "monday" nearly in full.
   */
  private informativeness(term: QueryTerm, wordId: number) {
    const { rank } = this.vocabulary[wordId];
    return rank === NO_VECTOR || term.weight === 0 ? 1 : Math.min(1, sifWeight(rank) / term.weight);
  }

  /** The same measure for a passage of text (answer extraction), each word counted once. */
  scoreText(question: AnalysedQuestion, text: string): number {
    if (question.totalWeight === 0) return 0;
    const matches = this.textMatches(question, text);
    return (
      question.terms.reduce((total, term, index) => total + term.weight * matches[index], 0) / question.totalWeight
    );
  }

  /**
   * The question without what `text` already says: each word's weight shrinks by how well the text matches
   * it. A passage is read under its document's title, so the words the title answers do not tell its
   * passages apart; the rest of the question does.
   */
  beyond(question: AnalysedQuestion, text: string): AnalysedQuestion {
    const matches = this.textMatches(question, text);
    const terms = question.terms.map((term, index) => ({
      ...term,
      weight: term.weight * (1 - Math.min(1, matches[index])),
    }));
    return { terms, totalWeight: terms.reduce((sum, term) => sum + term.weight, 0) };
  }

  /**
   * How much of a stored question (a knowledge entry's alternative question) the visitor's question
   * contains, on the scale of `score` (0–1.25): "Can I get my money back on a lamp I bought?" contains all of "Can I get my money
   * back?". Null when the stored question has fewer than `PARAPHRASE_WORDS` content words: one shared word
   * says little.
   */
  contains(question: AnalysedQuestion, stored: string): number | null {
    const storedWords = [...new Set(contentWords(stored))];
    if (storedWords.length < PARAPHRASE_WORDS) return null;
    // Exact words only: near neighbours ("send" for "fix") make almost any question contain a two-word one.
    const asked = new Set(question.terms.map((term) => term.stem));
    let total = 0;
    let matched = 0;
    for (const word of storedWords) {
      const weight = this.wordWeight(word);
      total += weight;
      if (asked.has(stem(word))) matched += weight;
    }
    // Its words are headline words: matched, they count as `score` counts headline matches.
    return total > 0 ? (matched / total) * (1 + MATCHING.headlineBoost) : null;
  }

  /** A word's weight in a question: SIF from its frequency, less for numbers, full for words without a vector. */
  private wordWeight(word: string) {
    const rank = this.vectors().rank(word);
    return isNumber(word) ? MATCHING.numberWeight : rank === undefined ? 1 : sifWeight(rank);
  }

  /** Each question word's best match among the words of `text` (0–1). */
  private textMatches(question: AnalysedQuestion, text: string): number[] {
    const ids = [...new Set(contentWords(text))].map((word) => this.ids.get(word)).filter((id) => id !== undefined);
    return question.terms.map((term) => {
      let best = 0;
      for (const wordId of ids) best = Math.max(best, this.termScore(this.similarity(term, wordId), 1, false));
      return best;
    });
  }
}
