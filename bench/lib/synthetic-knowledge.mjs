// Synthetic knowledge entries for scale benches: help-centre sentences recombined with words drawn from
// the shipped word-vector vocabulary, so the index sees a realistic spread of terms (tens of thousands).
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { repoRoot, uid } from './contract.mjs';

/** A small deterministic PRNG (mulberry32), so every run indexes the same entries. */
export function random(seed) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Vocabulary words by frequency rank, read from the built word-vector table (dist/knowledge). */
function vocabulary() {
  const bytes = readFileSync(path.join(repoRoot, 'dist/knowledge/word-vectors.bin'));
  return bytes.toString('utf8', 20, 20 + bytes.readUInt32LE(16)).split('\n');
}

/** `count` entries { title, answer, alternativeQuestions } built from the help-centre articles. */
export function syntheticEntries(count, seed = 42) {
  const next = random(seed);
  const pick = (list) => list[Math.floor(next() * list.length)];
  const articles = JSON.parse(readFileSync(path.join(repoRoot, 'bench/data/help-center/articles.json'), 'utf8'));
  const sentences = articles.flatMap((article) => article.body.split(/(?<=[.!?])\s+/));
  const words = vocabulary().slice(1000, 40_000);
  const openers = ['How do I', 'Can I', 'What happens if I', 'Why can’t I', 'When will I', 'Where do I'];
  const verbs = ['order', 'return', 'track', 'cancel', 'pay for', 'assemble', 'clean', 'insure', 'collect', 'swap'];
  return Array.from({ length: count }, (_, i) => {
    const topic = `${pick(words)} ${pick(words)}`;
    const body = Array.from({ length: 2 + Math.floor(next() * 4) }, () => pick(sentences));
    body.splice(1, 0, `This applies to the ${topic} range (reference ${i}) and to ${pick(words)} orders.`);
    return {
      title: `${pick(openers)} ${pick(verbs)} a ${topic}?`,
      answer: body.join(' '),
      alternativeQuestions: [`${pick(verbs)} my ${topic}`, `${pick(openers)} ${pick(verbs)} the ${pick(words)}?`],
    };
  });
}

/**
 * Writes entries as the document service stores a published document (a draft row and a published
 * row), straight into the table: fast, and seen by the index at the next full re-index only.
 */
export async function insertPublished(strapi, entries) {
  const table = strapi.db.query(uid('knowledge-entry'));
  const now = new Date().toISOString();
  for (let i = 0; i < entries.length; i += 500) {
    const rows = entries.slice(i, i + 500).flatMap((entry) => {
      const common = {
        ...entry,
        documentId: randomUUID().replace(/-/g, '').slice(0, 24),
        createdAt: now,
        updatedAt: now,
      };
      return [
        { ...common, publishedAt: null },
        { ...common, publishedAt: now },
      ];
    });
    await table.createMany({ data: rows });
  }
}

/** Resolves with the knowledge status once no full index is running. */
export async function waitUntilReady(knowledge) {
  for (;;) {
    const status = await knowledge.status();
    if (status.state === 'ready') return status;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
