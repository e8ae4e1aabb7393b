// The embedded knowledge answerer at scale: 10,000 published knowledge entries (by default).
//
//   npm run bench:knowledge -- [--entries N] [--questions Q.json]
//
// Boots the playground (throwaway SQLite, no seed), writes N synthetic published entries plus the 50
// help-centre articles straight into the table (draft and published rows, as the document service
// stores them), then measures through the plugin's knowledge service:
//   - full index build time (the admin's re-index, which reads every published entry through the
//     document service, embeds and indexes it), and the longest stall of the server's event loop meanwhile
//     (how long a visitor's message or an agent's request could wait during a re-index);
//   - RSS of the process before and after the build, after GC: what the index costs, word vectors included;
//   - retrieval + extractive answer latency per question (service.answer(), the bot's own call), p50/p95;
//   - restart: Strapi stopped and booted again on the same database, timed to listening and to the
//     knowledge index being ready (it is rebuilt from the database at bootstrap, in the background).
// The last line is one JSON object with every figure. Run with --expose-gc (the npm script does).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { repoRoot } from './lib/contract.mjs';
import { startPlayground } from './lib/playground.mjs';
import { percentiles, round, stallWatch } from './lib/stats.mjs';
import { insertPublished, syntheticEntries, waitUntilReady } from './lib/synthetic-knowledge.mjs';

/** The memory budget for the knowledge service at 10,000 entries. */
const RSS_BUDGET_MB = 150;

const USAGE = 'usage: npm run bench:knowledge -- [--entries N] [--questions Q.json]';

function parseArgs(argv) {
  const options = { entries: 10_000, questions: path.join(repoRoot, 'bench/data/help-center/questions.json') };
  for (let i = 0; i < argv.length; i += 1) {
    if (argv[i] === '--entries') {
      options.entries = Number(argv[(i += 1)]);
      if (!Number.isInteger(options.entries) || options.entries < 1)
        throw new Error(`--entries needs a count\n${USAGE}`);
    } else if (argv[i] === '--questions') options.questions = path.resolve(argv[(i += 1)]);
    else if (argv[i] === '--help' || argv[i] === '-h') {
      console.log(USAGE);
      process.exit(0);
    } else throw new Error(`unknown argument ${argv[i]}\n${USAGE}`);
  }
  return options;
}

const megabytes = (bytes) => Math.round(bytes / 1e5) / 10;

/** Memory after full garbage collections, so the figures are what stays allocated. */
async function settledMemory() {
  for (let i = 0; i < 3; i += 1) {
    global.gc?.();
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return process.memoryUsage();
}

async function main() {
  const options = parseArgs(process.argv.slice(2));
  if (!global.gc) console.warn('! run with node --expose-gc for stable memory figures');
  const questions = JSON.parse(readFileSync(options.questions, 'utf8'));
  const asked = [...questions.answerable.map((item) => item.q), ...questions.unanswerable];
  const articles = JSON.parse(readFileSync(path.join(repoRoot, 'bench/data/help-center/articles.json'), 'utf8'));
  const entries = [
    ...articles.map((article) => ({ title: article.title, answer: article.body, alternativeQuestions: [] })),
    ...syntheticEntries(options.entries),
  ];

  const first = await startPlayground({ keepDatabase: true });
  const { database } = first;
  let result;
  try {
    let knowledge = first.strapi.plugin('livechat').service('knowledge');
    await knowledge.settled();
    const empty = await settledMemory();

    let started = performance.now();
    await insertPublished(first.strapi, entries);
    const insertMs = performance.now() - started;
    const written = await settledMemory();

    // The server keeps serving visitors and agents while it re-indexes: the longest gap between 10 ms
    // ticks is the longest time a request would have waited.
    const stalls = stallWatch();
    started = performance.now();
    await knowledge.reindex();
    const built = await waitUntilReady(knowledge);
    const buildMs = performance.now() - started;
    const longestStallMs = stalls.stop();
    const indexed = await settledMemory();

    // Warm up once (first question loads nothing new, but JIT compiles the hot loops).
    for (const q of asked.slice(0, 20)) await knowledge.answer(q);
    const latencies = [];
    for (const q of asked) {
      const t = performance.now();
      await knowledge.answer(q);
      latencies.push(performance.now() - t);
    }
    const afterQuestions = await settledMemory();
    await first.stop();

    started = performance.now();
    const second = await startPlayground({ database, keepDatabase: true });
    const listeningMs = performance.now() - started;
    knowledge = second.strapi.plugin('livechat').service('knowledge');
    await knowledge.settled();
    const readyMs = performance.now() - started;
    const restarted = await knowledge.status();
    const t = performance.now();
    await knowledge.answer(asked[0]);
    const firstAnswerMs = performance.now() - t;
    await second.stop();

    result = {
      entries: entries.length,
      insertMs: Math.round(insertMs),
      indexBuildMs: Math.round(buildMs),
      indexedDocuments: built.documents,
      reindexLongestStallMs: round(longestStallMs),
      rssMb: {
        emptyIndex: megabytes(empty.rss),
        afterInsert: megabytes(written.rss),
        indexed: megabytes(indexed.rss),
        afterQuestions: megabytes(afterQuestions.rss),
      },
      knowledgeRssDeltaMb: megabytes(indexed.rss - written.rss),
      knowledgeHeapDeltaMb: megabytes(indexed.heapUsed - written.heapUsed),
      knowledgeExternalDeltaMb: megabytes(indexed.external - written.external),
      answerMs: percentiles(latencies),
      target: {
        rssDeltaMb: {
          limit: RSS_BUDGET_MB,
          value: megabytes(indexed.rss - written.rss),
          pass: megabytes(indexed.rss - written.rss) <= RSS_BUDGET_MB,
        },
      },
      restart: {
        listeningMs: Math.round(listeningMs),
        indexReadyMs: Math.round(readyMs),
        documents: restarted.documents,
        firstAnswerMs: round(firstAnswerMs),
      },
    };
  } finally {
    await database.remove();
  }

  console.log(`knowledge at scale: ${result.entries} published entries`);
  console.log(`  index build (full re-index)   ${result.indexBuildMs} ms, ${result.indexedDocuments} documents`);
  console.log(`  longest stall while indexing   ${result.reindexLongestStallMs} ms (the longest a request waited)`);
  console.log(
    `  memory (RSS after GC)          +${result.knowledgeRssDeltaMb} MB for the index ` +
      `(${result.rssMb.afterInsert} → ${result.rssMb.indexed} MB; JS heap +${result.knowledgeHeapDeltaMb} MB, ` +
      `buffers +${result.knowledgeExternalDeltaMb} MB)`,
  );
  console.log(
    `  memory target                  ${result.target.rssDeltaMb.pass ? 'PASS' : 'FAIL'}: ` +
      `+${result.target.rssDeltaMb.value} MB against +${RSS_BUDGET_MB} MB`,
  );
  console.log(`  retrieval + answer             p50 ${result.answerMs.p50} ms, p95 ${result.answerMs.p95} ms`);
  console.log(
    `  restart                        listening after ${result.restart.listeningMs} ms, ` +
      `index ready after ${result.restart.indexReadyMs} ms (${result.restart.documents} documents)`,
  );
  console.log(JSON.stringify(result));
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(error.stack ?? error.message);
    process.exit(1);
  },
);
