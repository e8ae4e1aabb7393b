import { create, getByID, insert, remove, search, type Orama, type Tokenizer } from '@orama/orama';
import { terms } from './text';

/** What the lexical index holds per document. */
export interface LexicalFields {
  /** The title and the alternative questions, one per line. */
  headline: string;
  body: string;
}

// Orama's index finds words by prefix ("car" also finds "card"); a closing mark on every term makes
// each lookup match that term only, so a stem never pulls in unrelated longer words.
const END = '\u0001';

// One indexed field, headline and body together: a second field costs Orama a second tree and a second
// set of per-document term maps (~7 MB at 10,000 entries), and the term matcher already weighs headline
// words higher. The body is read back from the stored text by its offset.
const schema = { text: 'string' } as const;
type LexicalSchema = typeof schema;

/** The document as Orama stores it: the indexed text, and where the body starts in it. */
interface StoredDocument {
  id: string;
  text: string;
  bodyStart: number;
}

/** Orama's tokenizer contract, filled with our own analysis: stop words out, Snowball stems, unique terms. */
const tokenizer: Tokenizer = {
  language: 'english',
  normalizationCache: new Map(),
  tokenize: (raw: string) => [...new Set(terms(raw))].map((term) => term + END),
};

/**
 * BM25 over the headline (title and alternative questions) and the body with Orama: stemming and stop
 * words. Orama's scores are raw BM25 sums, comparable within one query only.
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
    const document: StoredDocument = {
      id,
      text: `${fields.headline}\n${fields.body}`,
      bodyStart: fields.headline.length + 1,
    };
    void insert(this.orama, document);
    this.ids.add(id);
  }

  delete(id: string) {
    if (!this.ids.delete(id)) return;
    void remove(this.orama, id);
  }

  /** A document's body as indexed (Orama keeps the fields it indexed; no second copy is held). */
  body(id: string): string | undefined {
    const stored = getByID(this.orama, id) as StoredDocument | undefined;
    return stored?.text.slice(stored.bodyStart);
  }

  /** Document ids with their raw BM25 score, best first. */
  search(query: string, limit: number): Array<{ id: string; score: number }> {
    if (this.ids.size === 0 || terms(query).length === 0) return [];
    const results = search(this.orama, {
      term: query,
      properties: ['text'],
      limit,
    });
    if (results instanceof Promise) throw new Error('livechat: the lexical index must search synchronously');
    return results.hits.map((hit) => ({ id: hit.id, score: hit.score }));
  }
}
