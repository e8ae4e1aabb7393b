import { readFileSync } from 'node:fs';
import path from 'node:path';

/**
 * The word-vector table written at build time by scripts/build-word-vectors.mjs (layout documented
 * there): GloVe 100d vectors of the most frequent English words, int8 with one scale per word.
 * ~11 MB on disk and in memory, against ~1.3 GB for the source JSON loaded whole.
 */
export interface WordVectors {
  dimensions: number;
  size: number;
  /** The word's frequency rank (0 = most frequent), or undefined when it has no vector. */
  rank(word: string): number | undefined;
  /** Adds `weight` × the word's vector at `rank` into `into`. */
  addInto(into: Float32Array, rank: number, weight: number): void;
  /** The word's vector scaled to unit length. */
  unit(rank: number): Float32Array;
  /** Cosine between a unit vector and the word at `rank`. */
  cosine(unitVector: Float32Array, rank: number): number;
}

// SIF weighting (Arora et al. 2017): a / (a + p(w)) with a = 1e-3. The table is in frequency order,
// so p(w) follows Zipf's law from the rank, p ≈ 1 / ((rank + 1) · 13.5), and the weight becomes
// (rank + 1) / (rank + 1 + 74): "the" counts 0.01, a word of rank 1,000 0.93.
const SIF_RANK = 74;

/** How much a word says, from its frequency rank (SIF). */
export const sifWeight = (rank: number) => (rank + 1) / (rank + 1 + SIF_RANK);

/** Where the build puts the table: dist/knowledge/, next to dist/server/ that holds this code. */
export const defaultWordVectorsFile = () => path.resolve(__dirname, '..', 'knowledge', 'word-vectors.bin');

const encoder = new TextEncoder();

/** FNV-1a over bytes `from`..`to` of `bytes`. */
const hashBytes = (bytes: Uint8Array, from: number, to: number) => {
  let hash = 0x811c9dc5;
  for (let i = from; i < to; i += 1) hash = Math.imul(hash ^ bytes[i], 0x01000193);
  return hash >>> 0;
};

/**
 * Word → rank over the table's own vocabulary bytes (open addressing): ~1.5 MB where a Map of
 * 100,000 strings takes ~7 MB.
 */
function vocabularyIndex(vocabulary: Uint8Array, size: number): (word: string) => number | undefined {
  const starts = new Int32Array(size + 1);
  for (let i = 0, word = 1; i < vocabulary.length; i += 1) if (vocabulary[i] === 10) starts[word++] = i + 1;
  starts[size] = vocabulary.length + 1;
  const mask = (1 << Math.ceil(Math.log2(size * 2))) - 1;
  const slots = new Int32Array(mask + 1).fill(-1);
  for (let rank = 0; rank < size; rank += 1) {
    let slot = hashBytes(vocabulary, starts[rank], starts[rank + 1] - 1) & mask;
    while (slots[slot] !== -1) slot = (slot + 1) & mask;
    slots[slot] = rank;
  }
  const find = (bytes: ArrayLike<number>, length: number, hash: number) => {
    let slot = hash & mask;
    for (let rank = slots[slot]; rank !== -1; rank = slots[(slot = (slot + 1) & mask)]) {
      const start = starts[rank];
      if (starts[rank + 1] - 1 - start !== length) continue;
      let same = true;
      for (let i = 0; same && i < length; i += 1) same = vocabulary[start + i] === bytes[i];
      if (same) return rank;
    }
    return undefined;
  };
  const codes = new Uint8Array(64);
  return (word) => {
    // ASCII words (nearly all) hash their char codes directly; others go through UTF-8.
    if (word.length <= codes.length && /^[\x00-\x7f]*$/.test(word)) {
      for (let i = 0; i < word.length; i += 1) codes[i] = word.charCodeAt(i);
      return find(codes, word.length, hashBytes(codes, 0, word.length));
    }
    const bytes = encoder.encode(word);
    return find(bytes, bytes.length, hashBytes(bytes, 0, bytes.length));
  };
}

/** Reads the table; throws naming the file when it is missing or not a word-vector table. */
export function loadWordVectors(file: string): WordVectors {
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch (error) {
    throw new Error(`livechat: word vectors not found at ${file} (run the build): ${(error as Error).message}`);
  }
  if (bytes.toString('ascii', 0, 4) !== 'LCWV' || bytes.readUInt32LE(4) !== 1) {
    throw new Error(`livechat: ${file} is not a word-vector table of version 1`);
  }
  const dimensions = bytes.readUInt32LE(8);
  const size = bytes.readUInt32LE(12);
  const vocabularyBytes = bytes.readUInt32LE(16);
  const rank = vocabularyIndex(bytes.subarray(20, 20 + vocabularyBytes), size);
  const scalesAt = Math.ceil((20 + vocabularyBytes) / 4) * 4;
  // A typed view needs an aligned offset; copy only in the unlikely case the buffer is not aligned.
  const scales =
    (bytes.byteOffset + scalesAt) % 4 === 0
      ? new Float32Array(bytes.buffer, bytes.byteOffset + scalesAt, size)
      : new Float32Array(bytes.buffer.slice(bytes.byteOffset + scalesAt, bytes.byteOffset + scalesAt + size * 4));
  const components = new Int8Array(bytes.buffer, bytes.byteOffset + scalesAt + size * 4, size * dimensions);
  // 1 / length of each stored (int8) row, so a cosine needs one pass over the row.
  const inverseLengths = new Float32Array(size);
  for (let rank = 0; rank < size; rank += 1) {
    let sum = 0;
    for (let d = rank * dimensions; d < (rank + 1) * dimensions; d += 1) sum += components[d] * components[d];
    inverseLengths[rank] = sum > 0 ? 1 / Math.sqrt(sum) : 0;
  }

  return {
    dimensions,
    size,
    rank,
    addInto(into, rank, weight) {
      const factor = weight * scales[rank];
      const start = rank * dimensions;
      for (let d = 0; d < dimensions; d += 1) into[d] += factor * components[start + d];
    },
    unit(rank) {
      const out = new Float32Array(dimensions);
      const start = rank * dimensions;
      for (let d = 0; d < dimensions; d += 1) out[d] = components[start + d] * inverseLengths[rank];
      return out;
    },
    cosine(unitVector, rank) {
      const start = rank * dimensions;
      let sum = 0;
      for (let d = 0; d < dimensions; d += 1) sum += unitVector[d] * components[start + d];
      return sum * inverseLengths[rank];
    },
  };
}

let shared: WordVectors | undefined;

/** The table from the build output, loaded once per process (several Strapi apps in one process share it). */
export const sharedWordVectors = (): WordVectors => {
  shared ??= loadWordVectors(defaultWordVectorsFile());
  return shared;
};
