import { create, getByID, insert, remove, search, type Orama, type Tokenizer } from '@orama/orama';
import { terms } from './text';

/** What the lexical index holds per document: the fields it matches on, weighted by `LEXICAL_BOOSTS`. */
export interface LexicalFields {
  /** The title and the alternative questions, one per line. */
  headline: string;
  body: string;
}

/** Field weights: a word in the title or an alternative question says more than one in the body. */
export const LEXICAL_BOOSTS = { headline: 2, body: 1 } as const;

// Orama's index finds words by prefix ("car" also finds "card"); a closing mark on every term makes
// each lookup match that term only, so a stem never pulls in unrelated longer words.
const END = '\u0001';

const schema = { headline: 'string', body: 'string' } as const;
type LexicalSchema = typeof schema;

/** Orama's tokenizer contract, filled with our own analysis: stop words out, Snowball stems, unique terms. */
const tokenizer: Tokenizer = {
  language: 'english',
  normalizationCache: new Map(),
  tokenize: (raw: string) => [...new Set(terms(raw))].map((term) => term + END),
};

/**
 * BM25 over the headline (title and alternative questions) and the body with Orama: stemming, stop
 * words, the headline boosted. Orama's scores are raw BM25 sums, comparable within one query only.
 */
export class LexicalIndex {
  // No sort index: results are only ever ordered by score.
  private readonly orama: Orama<LexicalSchema> = create({
    schema,
    components: { tokenizer },
    sort: { enabled: false },
  });
  private readonly ids = new Set<string>();

  get size() {
    return this.ids.size;
  }

  /** Adds or replaces a document. */
  upsert(id: string, fields: LexicalFields) {
    this.delete(id);
    void insert(this.orama, { id, ...fields });
    this.ids.add(id);
  }

  delete(id: string) {
    if (!this.ids.delete(id)) return;
    void remove(this.orama, id);
  }

  /** A document's body as indexed (Orama keeps the fields it indexed; no second copy is held). */
  body(id: string): string | undefined {
    return getByID(this.orama, id)?.body;
  }

  /** Document ids with their raw BM25 score, best first. */
  search(query: string, limit: number): Array<{ id: string; score: number }> {
    if (this.ids.size === 0 || terms(query).length === 0) return [];
    const results = search(this.orama, {
      term: query,
      properties: ['headline', 'body'],
      boost: { ...LEXICAL_BOOSTS },
      limit,
    });
    if (results instanceof Promise) throw new Error('livechat: the lexical index must search synchronously');
    return results.hits.map((hit) => ({ id: hit.id, score: hit.score }));
  }
}
