import { Embeddings } from '@langchain/core/embeddings';
import type { KnowledgeEmbeddingsConfig } from '../../plugin/config';
import { isStopWord, words } from './text';
import { sharedWordVectors, sifWeight, type WordVectors } from './word-vectors';

/**
 * LangChain embeddings from the shipped word vectors: a SIF-weighted average of the text's content
 * words (Arora et al. 2017). No network, no key; the ~11 MB table loads on first use.
 */
export class WordVectorEmbeddings extends Embeddings {
  constructor(readonly vectors: () => WordVectors = sharedWordVectors) {
    super({});
  }

  /** The text's vector, not normalised; all zeros when no word of it has a vector. */
  embed(text: string): Float32Array {
    const table = this.vectors();
    const sum = new Float32Array(table.dimensions);
    for (const word of words(text)) {
      if (isStopWord(word)) continue;
      const rank = table.rank(word);
      if (rank !== undefined) table.addInto(sum, rank, sifWeight(rank));
    }
    return sum;
  }

  async embedDocuments(texts: string[]): Promise<number[][]> {
    return texts.map((text) => Array.from(this.embed(text)));
  }

  async embedQuery(text: string): Promise<number[]> {
    return Array.from(this.embed(text));
  }
}

/** The configured embeddings: the shipped word vectors, or an OpenAI-compatible embeddings API. */
export async function createEmbeddings(config: KnowledgeEmbeddingsConfig): Promise<Embeddings> {
  if (config === 'embedded') return new WordVectorEmbeddings(sharedWordVectors);
  // Loaded only when configured: most sites never pay for the OpenAI client.
  const { OpenAIEmbeddings } = await import('@langchain/openai');
  return new OpenAIEmbeddings({
    model: config.model,
    apiKey: config.apiKey,
    ...(config.dimensions ? { dimensions: config.dimensions } : {}),
    configuration: config.baseURL ? { baseURL: config.baseURL } : undefined,
    // A failed build backs off and tries again later (indexer); many retries here would only delay that.
    maxRetries: 1,
  });
}
