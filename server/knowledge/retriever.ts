import { Document } from '@langchain/core/documents';
import { BaseRetriever } from '@langchain/core/retrievers';
import { confidence } from './confidence';
import { semanticValue, type HybridIndex } from './hybrid-index';

/** What each retrieved LangChain document carries besides its passage text. */
export interface PassageMetadata {
  /** `knowledge-entry:<documentId>` or `<uid>:<documentId>`. */
  id: string;
  title: string;
  url: string | null;
  /** Ranking score within this retrieval. */
  score: number;
  /** The retrieval's calibrated confidence (the same on every document of one retrieval). */
  confidence: number;
  /** The same model applied to this document alone: how likely it answers the question. */
  documentConfidence: number;
  /** Raw signals, for logs and evaluation. */
  coverage: number;
  semantic: number;
  bm25: number;
}

/**
 * A LangChain retriever over the hybrid index: `invoke(question)` answers the best `k` passages as
 * Documents. Use it in any LangChain chain; the bot's own path goes through it too.
 */
export class KnowledgeRetriever extends BaseRetriever<PassageMetadata> {
  lc_namespace = ['livechat', 'knowledge'];

  constructor(
    private readonly index: () => Promise<HybridIndex>,
    private readonly k = 3,
  ) {
    super();
  }

  async _getRelevantDocuments(question: string): Promise<Document<PassageMetadata>[]> {
    const index = await this.index();
    const prepared = await index.prepare(question);
    const ranked = index.search(prepared, this.k);
    const sure = confidence(ranked[0], prepared.terms);
    return ranked.map(
      (hit) =>
        new Document<PassageMetadata>({
          id: hit.document.id,
          pageContent: index.bestPassage(prepared, hit.document),
          metadata: {
            id: hit.document.id,
            title: hit.document.title,
            url: hit.document.url,
            score: hit.score,
            confidence: sure,
            documentConfidence: confidence(hit, prepared.terms),
            coverage: hit.coverage,
            semantic: semanticValue(hit.semantic),
            bm25: hit.bm25,
          },
        }),
    );
  }
}
