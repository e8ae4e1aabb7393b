import type { EmbeddingsInterface } from '@langchain/core/embeddings';
import { WordVectorEmbeddings } from './embeddings';
import { LexicalIndex } from './lexical-index';
import { passages, plainText } from './passages';
import { TermMatcher, type AnalysedQuestion } from './term-matcher';
import type { KnowledgeDocument } from './types';
import type { WordVectors } from './word-vectors';
import { normalise, VectorIndex, type SemanticMatch } from './vector-index';

/** What the index keeps per document besides its index entries (the body lives in the lexical index). */
export type IndexedDocument = Pick<KnowledgeDocument, 'id' | 'title' | 'url'>;

/** One ranked document with the raw signals the confidence is calibrated on. */
export interface RankedDocument {
  document: IndexedDocument;
  /** The fused ranking score; for ordering within one question only. */
  score: number;
  /** Share of the question's words the document covers, exactly or by similar words (term-matcher). */
  coverage: number;
  /** Raw BM25 from Orama over headline and body; 0 when no question term occurs in the document. */
  bm25: number;
  /** Cosine of the question's embedding with the document's headline and best passage. */
  semantic: SemanticMatch;
}

/** How the three signals mix into the ranking; fitted on the help-centre data set (README). */
export const RANKING = {
  /** Weight of the embedding cosine (headline or best passage) next to the word coverage (weight 1). */
  semanticWeight: 1,
  /** Weight of Orama's BM25, divided by the question's best BM25. */
  lexicalWeight: 0.1,
  /** Candidates each of BM25 and embeddings contributes before the fusion. */
  candidates: 100,
  /**
   * Question words found in more documents than this are left out of the BM25 query: they carry
   * little weight (idf < 2.4 at 10,000 documents), and Orama's lookup grows with the square of a
   * word's document count. Word coverage still counts them.
   */
  commonWordDocuments: 1000,
};

/** A document's embedding score: its best-matching row, headline or passage. */
export const semanticValue = (match: SemanticMatch) => Math.max(match.headline, match.passage);

/** A question prepared once for ranking and for choosing the answer passage. */
export interface PreparedQuestion {
  text: string;
  terms: AnalysedQuestion;
  vector: Float32Array;
}

/**
 * The knowledge index: Orama BM25 and embeddings find candidates, word coverage (exact stems and
 * word-vector neighbours) ranks them together with the embedding cosine. Published documents only.
 */
export class HybridIndex {
  private readonly documents = new Map<string, IndexedDocument>();
  /** Alternative questions of the documents that have some. */
  private readonly questions = new Map<string, string[]>();
  private readonly lexical = new LexicalIndex();
  private readonly vectors = new VectorIndex();
  private readonly matcher: TermMatcher;

  constructor(
    private readonly embeddings: EmbeddingsInterface,
    wordVectors: () => WordVectors,
  ) {
    this.matcher = new TermMatcher(wordVectors);
  }

  get size() {
    return this.documents.size;
  }

  get(id: string) {
    return this.documents.get(id);
  }

  ids() {
    return this.documents.keys();
  }

  /** Adds or replaces documents; their embeddings are requested in one batch. */
  async upsert(batch: KnowledgeDocument[]) {
    const prepared = batch.map(({ text, ...document }) => ({ ...document, body: plainText(text) }));
    const cut = prepared.map(({ body }) => passages(body));
    const rows = prepared.map((document, index) => [headline(document), ...cut[index]]);
    // The shipped word vectors skip LangChain's number[] round trip (a build embeds ~40,000 rows).
    const vectors =
      this.embeddings instanceof WordVectorEmbeddings
        ? rows.flat().map((row) => (this.embeddings as WordVectorEmbeddings).embed(row))
        : await this.embeddings.embedDocuments(rows.flat());
    let next = 0;
    prepared.forEach(({ body, ...document }, index) => {
      this.delete(document.id);
      this.documents.set(document.id, { id: document.id, title: document.title, url: document.url });
      this.lexical.upsert(document.id, { headline: headline(document), body });
      this.vectors.upsert(document.id, vectors.slice(next, next + rows[index].length));
      this.matcher.upsert(document.id, headline(document), body);
      if (document.questions.length > 0) this.questions.set(document.id, document.questions);
      next += rows[index].length;
    });
  }

  /** How fully the question contains one of the document's alternative questions (0 without any). */
  private paraphrase(question: PreparedQuestion, id: string): number {
    let best = 0;
    for (const stored of this.questions.get(id) ?? [])
      best = Math.max(best, this.matcher.contains(question.terms, stored) ?? 0);
    return best;
  }

  /** Releases memory kept for growth; call after loading many documents at once. */
  compact() {
    this.vectors.trim();
  }

  delete(id: string) {
    if (!this.documents.delete(id)) return;
    this.questions.delete(id);
    this.lexical.delete(id);
    this.vectors.delete(id);
    this.matcher.delete(id);
  }

  /** Analyses and embeds a question once. */
  async prepare(question: string): Promise<PreparedQuestion> {
    const vector = normalise(Float32Array.from(await this.embeddings.embedQuery(question)));
    return { text: question, terms: this.matcher.analyse(question), vector };
  }

  /** The best `limit` documents for the question, with their raw signals. */
  search(question: PreparedQuestion, limit: number): RankedDocument[] {
    if (this.documents.size === 0) return [];
    const lexicalQuery = question.terms.terms
      .filter((term) => this.matcher.documentFrequency(term.stem) <= RANKING.commonWordDocuments)
      .map((term) => term.text)
      .join(' ');
    const lexicalHits = this.lexical.search(lexicalQuery, RANKING.candidates);
    const semanticHits = this.vectors.search(question.vector, RANKING.candidates);
    const topBm25 = lexicalHits[0]?.score ?? 0;
    const bm25 = new Map(lexicalHits.map((hit) => [hit.id, hit.score]));
    const semantic = new Map(semanticHits.map((match) => [match.id, match]));
    const ranked: RankedDocument[] = [];
    for (const id of new Set([...bm25.keys(), ...semantic.keys()])) {
      const document = this.documents.get(id);
      const match = semantic.get(id) ?? this.vectors.match(id, question.vector);
      if (!document || !match) continue;
      const raw = bm25.get(id) ?? 0;
      const paraphrase = this.paraphrase(question, id);
      const matched = this.matcher.score(question.terms, id);
      const coverage = Math.max(matched.share, paraphrase);
      const score =
        Math.max(matched.ranking, paraphrase) +
        RANKING.semanticWeight * semanticValue(match) +
        RANKING.lexicalWeight * (topBm25 > 0 ? raw / topBm25 : 0);
      ranked.push({ document, score, coverage, bm25: raw, semantic: match });
    }
    return ranked.sort((a, b) => b.score - a.score).slice(0, limit);
  }

  /**
   * The passage of a document that best answers the question (the whole text when short): the one that
   * covers most of what the question asks beyond the document's title. "Which payment methods do you
   * accept?" under "Billing and payment methods" is about *accept*, not the paragraph that repeats the
   * title's words; when the title says it all ("What are your opening hours?"), the lead passage.
   */
  bestPassage(question: PreparedQuestion, document: IndexedDocument): string {
    const cut = passages(this.lexical.body(document.id) ?? '');
    if (cut.length <= 1) return cut[0] ?? '';
    const rest = this.matcher.beyond(question.terms, document.title);
    let best = cut[0];
    let bestScore = 0;
    for (const passage of cut) {
      const value = this.matcher.scoreText(rest, passage);
      // Strictly better only: on a tie the earlier passage, the lead, stays.
      if (value > bestScore) {
        best = passage;
        bestScore = value;
      }
    }
    return best;
  }
}

/** The title and alternative questions: what the document is about, in the words of a question. */
const headline = (document: Pick<KnowledgeDocument, 'title' | 'questions'>) =>
  [document.title, ...document.questions].join('\n');
