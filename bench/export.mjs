// Export benchmark: the conversations CSV report for 100,000 conversations, streamed over HTTP by the plugin
// (`GET /livechat/conversations/report.csv`: paged reads of 250 rows piped through csv-stringify), against
// a baseline that buffers the whole report (every row read at once, stringified synchronously). Each variant
// also reports the longest stall of the server's event loop meanwhile: how long a visitor's message or an
// agent's request could wait while someone exports.
// Each variant runs in its own forked process on its own freshly seeded SQLite playground, so one variant's
// heap cannot inflate the other's figures. Peak RSS is sampled every 5 ms during the export and compared with
// the RSS just before it (after a GC). The streamed child then times the Reports page's summary route over the
// same conversations. The parent prints the figures and, as the last line, one JSON object.
//   npm run bench:export -- [--conversations N] [--messages M] [--quick]
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { runInChild } from './lib/child.mjs';
import { round, stallWatch } from './lib/stats.mjs';

const USAGE = `usage: node --expose-gc bench/export.mjs [--conversations N] [--messages M] [--quick]
  --conversations N  conversations to seed (default 100000; 10000 with --quick)
  --messages M       messages per conversation (default 2)
  --quick            short smoke run`;

const VARIANTS = {
  streamed: 'plugin: streamed over HTTP (paged reads → csv-stringify → response)',
  buffered: 'baseline: everything read at once, stringified in memory',
};

const MB = 1024 * 1024;
const mb = (bytes) => Math.round((bytes / MB) * 10) / 10;

function parseArgs(argv) {
  const options = { conversations: null, messages: 2, quick: false, child: null };
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i];
    if (arg === '--conversations' || arg === '--messages') {
      const value = Number(argv[(i += 1)]);
      if (!Number.isInteger(value) || value < 0) throw new Error(`${arg} needs a whole number\n${USAGE}`);
      options[arg.slice(2)] = value;
    } else if (arg === '--quick') options.quick = true;
    else if (arg === '--child') options.child = argv[(i += 1)];
    else if (arg === '--help' || arg === '-h') {
      console.log(USAGE);
      process.exit(0);
    } else throw new Error(`unknown argument ${arg}\n${USAGE}`);
  }
  options.conversations ??= options.quick ? 10_000 : 100_000;
  return options;
}

// ---------------------------------------------------------------------------------------------- child

/** Bulk-inserts contacts, tags, conversations (with tags) and messages straight through knex. */
async function seed(strapi, agentId, { conversations, messages }) {
  const { uid } = await import('./lib/contract.mjs');
  const knex = strapi.db.connection;
  const meta = (name) => strapi.db.metadata.get(uid(name));
  const now = Date.now();
  const at = (msAgo) => new Date(now - msAgo);
  const doc = () => randomUUID().replace(/-/g, '').slice(0, 24);
  const insert = (table, rows) => knex.batchInsert(table, rows, 500);

  const contactCount = Math.max(1, Math.ceil(conversations / 10));
  await insert(
    meta('contact').tableName,
    Array.from({ length: contactCount }, (_, i) => ({
      document_id: doc(),
      name: i % 97 === 0 ? `=Visitor ${i}` : `Visitor ${i}`,
      email: `visitor${i}@example.com`,
      created_at: at(i * 1000),
      updated_at: at(i * 1000),
      published_at: at(i * 1000),
    })),
  );
  const [{ first: firstContact }] = await knex(meta('contact').tableName).min({ first: 'id' });

  await insert(
    meta('tag').tableName,
    ['vip', 'billing', 'returns'].map((name) => ({ document_id: doc(), name, color: '#4945ff', kind: 'manual' })),
  );
  const tagIds = (await knex(meta('tag').tableName).select('id')).map((row) => row.id);

  const statuses = ['ended', 'ended', 'ended', 'open', 'queued', 'bot'];
  const CHUNK = 10_000;
  for (let start = 0; start < conversations; start += CHUNK) {
    const rows = [];
    for (let i = start; i < Math.min(conversations, start + CHUNK); i += 1) {
      const status = statuses[i % statuses.length];
      const created = at((conversations - i) * 60_000);
      const withAgent = status === 'ended' || status === 'open';
      rows.push({
        document_id: doc(),
        status,
        channel: 'web',
        contact_id: firstContact + (i % contactCount),
        assignee_id: withAgent ? agentId : null,
        end_reason: status === 'ended' ? 'Customer issue resolved' : null,
        unread_by_agent: 0,
        unread_by_visitor: 0,
        last_message_preview: 'Thanks, that helps',
        queued_at: status === 'bot' ? null : created,
        assigned_at: withAgent ? created : null,
        first_response_at: withAgent ? created : null,
        last_message_at: created,
        ended_at: status === 'ended' ? created : null,
        created_at: created,
        updated_at: created,
        published_at: created,
      });
    }
    await insert(meta('conversation').tableName, rows);
  }
  const [{ first: firstConversation }] = await knex(meta('conversation').tableName).min({ first: 'id' });

  const link = meta('conversation').attributes.tags.joinTable;
  const links = [];
  for (let i = 0; i < conversations; i += 3) {
    links.push({
      [link.joinColumn.name]: firstConversation + i,
      [link.inverseJoinColumn.name]: tagIds[i % tagIds.length],
      [link.orderColumnName]: 1,
    });
  }
  await insert(link.name, links);

  for (let start = 0; start < conversations; start += CHUNK) {
    const rows = [];
    for (let i = start; i < Math.min(conversations, start + CHUNK); i += 1) {
      for (let m = 0; m < messages; m += 1) {
        const visitor = m % 2 === 0;
        rows.push({
          document_id: doc(),
          conversation_id: firstConversation + i,
          author_kind: visitor ? 'visitor' : 'agent',
          author_id: visitor ? null : agentId,
          text: visitor ? 'Where is my order?' : 'Thanks, that helps',
          created_at: at((conversations - i) * 60_000 - m * 1000),
          updated_at: at((conversations - i) * 60_000 - m * 1000),
          published_at: at((conversations - i) * 60_000 - m * 1000),
        });
      }
    }
    await insert(meta('message').tableName, rows);
  }
}

/** Samples this process's RSS and heap every 5 ms until stopped; `peak()` also takes one sample now. */
function memorySampler() {
  let rss = 0;
  let heap = 0;
  const sample = () => {
    const usage = process.memoryUsage();
    rss = Math.max(rss, usage.rss);
    heap = Math.max(heap, usage.heapUsed);
  };
  sample();
  const timer = setInterval(sample, 5);
  return {
    peak() {
      sample();
      return { rss, heap };
    },
    stop() {
      clearInterval(timer);
      sample();
      return { rss, heap };
    },
  };
}

/** Reads the streamed report over HTTP, counting rows and bytes and keeping nothing. */
function downloadReport(url, token) {
  return new Promise((resolve, reject) => {
    const request = http.get(
      `${url}/livechat/conversations/report.csv`,
      { headers: { authorization: `Bearer ${token}` } },
      (response) => {
        if (response.statusCode !== 200) {
          reject(new Error(`report.csv answered ${response.statusCode}`));
          response.resume();
          return;
        }
        let bytes = 0;
        let lines = 0;
        response.on('data', (chunk) => {
          bytes += chunk.length;
          for (let i = chunk.indexOf(10); i !== -1; i = chunk.indexOf(10, i + 1)) lines += 1;
        });
        response.on('end', () => resolve({ bytes, rows: lines - 1 }));
        response.on('error', reject);
      },
    );
    request.on('error', reject);
  });
}

/** `GET /livechat/reports/summary` (the Reports page's figures over every conversation), parsed. */
function reportSummary(url, token) {
  return new Promise((resolve, reject) => {
    const request = http.get(
      `${url}/livechat/reports/summary`,
      { headers: { authorization: `Bearer ${token}` } },
      (response) => {
        const chunks = [];
        response.on('data', (chunk) => chunks.push(chunk));
        response.on('end', () => {
          if (response.statusCode !== 200) reject(new Error(`reports/summary answered ${response.statusCode}`));
          else resolve(JSON.parse(Buffer.concat(chunks).toString('utf8')).data);
        });
        response.on('error', reject);
      },
    );
    request.on('error', reject);
  });
}

/** The naive export: every conversation, contact, tag and count loaded at once, then one big string. */
async function bufferedReport(strapi) {
  const { uid, REPORT_COLUMNS } = await import('./lib/contract.mjs');
  const { stringify } = await import('csv-stringify/sync');
  // No `populate`: for 100,000 rows it would bind every id in one IN list (past SQLite's limit).
  const conversations = await strapi.db.query(uid('conversation')).findMany({ orderBy: { id: 'asc' } });
  const link = strapi.db.metadata.get(uid('conversation')).attributes.tags.joinTable;
  const tagTable = strapi.db.metadata.get(uid('tag')).tableName;
  const tagLinks = await strapi.db
    .connection(link.name)
    .join(tagTable, `${tagTable}.id`, `${link.name}.${link.inverseJoinColumn.name}`)
    .select({ conversationId: `${link.name}.${link.joinColumn.name}`, name: `${tagTable}.name` });
  const tagsById = new Map();
  for (const row of tagLinks) tagsById.set(row.conversationId, [...(tagsById.get(row.conversationId) ?? []), row.name]);
  const contacts = await strapi.db.query(uid('contact')).findMany({ select: ['id', 'name', 'email'] });
  const agents = await strapi.db.query('admin::user').findMany({});
  const teams = await strapi.db.query(uid('team')).findMany({});
  const messages = strapi.db.metadata.get(uid('message'));
  const counts = await strapi.db
    .connection(messages.tableName)
    .select({ conversationId: 'conversation_id', authorKind: 'author_kind' })
    .count({ n: '*' })
    .groupBy('conversation_id', 'author_kind');
  const contactById = new Map(contacts.map((c) => [c.id, c]));
  const agentById = new Map(agents.map((a) => [a.id, [a.firstname, a.lastname].filter(Boolean).join(' ')]));
  const teamById = new Map(teams.map((t) => [t.id, t.name]));
  const countById = new Map();
  for (const row of counts) {
    const entry = countById.get(row.conversationId) ?? { total: 0, visitor: 0, agent: 0 };
    entry.total += Number(row.n);
    if (row.authorKind === 'visitor') entry.visitor += Number(row.n);
    if (row.authorKind === 'agent') entry.agent += Number(row.n);
    countById.set(row.conversationId, entry);
  }
  const iso = (value) => (value ? new Date(value).toISOString() : '');
  const records = conversations.map((row) => {
    const contact = contactById.get(row.contactId);
    const count = countById.get(row.id) ?? { total: 0, visitor: 0, agent: 0 };
    return [
      row.id,
      contact?.name ?? '',
      contact?.email ?? '',
      row.assigneeId ? (agentById.get(row.assigneeId) ?? '') : '',
      row.teamId ? (teamById.get(row.teamId) ?? '') : '',
      (tagsById.get(row.id) ?? []).join(', '),
      row.status,
      row.endReason ?? '',
      iso(row.createdAt),
      iso(row.firstResponseAt),
      iso(row.endedAt),
      count.total,
      count.visitor,
      count.agent,
    ];
  });
  const header = REPORT_COLUMNS.map((column) => column.header);
  const csv = stringify([header, ...records], {
    bom: true,
    cast: { string: (value) => (/^[=+\-@\t\r]/.test(value) ? `'${value}` : value) },
  });
  return { bytes: Buffer.byteLength(csv), rows: records.length };
}

const settle = async () => {
  for (let i = 0; i < 3; i += 1) {
    global.gc?.();
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
};

async function runChild(variant, options) {
  const progress = (text) => process.send?.({ type: 'progress', text: `[${variant}] ${text}` });
  const { startPlayground, createAgents } = await import('./lib/playground.mjs');
  progress('booting the playground Strapi');
  const app = await startPlayground();
  try {
    const { watcher: agent } = await createAgents(app, 1);
    progress(`seeding ${options.conversations} conversations with ${options.messages} messages each`);
    const seedStart = performance.now();
    await seed(app.strapi, agent.id, options);
    const seedSeconds = (performance.now() - seedStart) / 1000;

    await settle();
    const before = process.memoryUsage();
    progress('exporting');
    const sampler = memorySampler();
    const stalls = stallWatch();
    const started = performance.now();
    const result =
      variant === 'streamed' ? await downloadReport(app.url, agent.token) : await bufferedReport(app.strapi);
    const seconds = (performance.now() - started) / 1000;
    const longestStallMs = stalls.stop();
    const peak = sampler.stop();
    if (result.rows !== options.conversations) {
      throw new Error(`${variant}: ${result.rows} rows for ${options.conversations} conversations`);
    }
    // The Reports page reads the same conversations (figures only): timed and sampled the same way.
    let summary = null;
    if (variant === 'streamed') {
      await settle();
      const beforeSummary = process.memoryUsage();
      progress('reports summary');
      const summarySampler = memorySampler();
      const summaryStalls = stallWatch();
      const summaryStarted = performance.now();
      const figures = await reportSummary(app.url, agent.token);
      const summarySeconds = (performance.now() - summaryStarted) / 1000;
      const summaryStallMs = summaryStalls.stop();
      const summaryPeak = summarySampler.stop();
      if (figures.conversations !== options.conversations) {
        throw new Error(`summary: ${figures.conversations} conversations for ${options.conversations}`);
      }
      summary = {
        conversations: figures.conversations,
        seconds: Math.round(summarySeconds * 100) / 100,
        longestStallMs: round(summaryStallMs),
        rssGrowthMB: mb(summaryPeak.rss - beforeSummary.rss),
        heapGrowthMB: mb(summaryPeak.heap - beforeSummary.heapUsed),
      };
    }
    return {
      variant,
      label: VARIANTS[variant],
      seedSeconds: Math.round(seedSeconds * 10) / 10,
      rows: result.rows,
      bytes: result.bytes,
      seconds: Math.round(seconds * 100) / 100,
      rowsPerSec: Math.round(result.rows / seconds),
      longestStallMs: round(longestStallMs),
      rssBeforeMB: mb(before.rss),
      rssPeakMB: mb(peak.rss),
      rssGrowthMB: mb(peak.rss - before.rss),
      heapBeforeMB: mb(before.heapUsed),
      heapPeakMB: mb(peak.heap),
      heapGrowthMB: mb(peak.heap - before.heapUsed),
      summary,
    };
  } finally {
    await app.stop();
  }
}

// --------------------------------------------------------------------------------------------- parent

const scriptPath = fileURLToPath(import.meta.url);

function runVariant(variant, options) {
  const args = [
    '--child',
    variant,
    '--conversations',
    String(options.conversations),
    '--messages',
    String(options.messages),
  ];
  return runInChild(scriptPath, args, { name: variant, execArgv: ['--expose-gc'], tailLines: 30 });
}

const line = (r) =>
  `${r.label}\n  ${r.rows} rows, ${mb(r.bytes)} MB of CSV in ${r.seconds} s (${r.rowsPerSec} rows/s); ` +
  `RSS ${r.rssBeforeMB} → peak ${r.rssPeakMB} MB (+${r.rssGrowthMB} MB), heap ${r.heapBeforeMB} → peak ${r.heapPeakMB} MB (+${r.heapGrowthMB} MB); ` +
  `longest server stall ${r.longestStallMs} ms; seeded in ${r.seedSeconds} s`;

async function runParent(options) {
  console.log(
    `export bench: ${options.conversations} conversations × ${options.messages} messages, SQLite (WAL); ` +
      `node ${process.version}, ${os.cpus().length} cpus`,
  );
  const streamed = await runVariant('streamed', options);
  const buffered = await runVariant('buffered', options);
  console.log(line(streamed));
  console.log(line(buffered));
  const { summary: figures } = streamed;
  console.log(
    `reports summary (GET /livechat/reports/summary) over the same ${figures.conversations} conversations: ` +
      `${figures.seconds} s, RSS +${figures.rssGrowthMB} MB, heap +${figures.heapGrowthMB} MB, ` +
      `longest server stall ${figures.longestStallMs} ms`,
  );
  const ratio = (a, b) => (b > 0 ? Math.round((a / b) * 10) / 10 : null);
  const summary = {
    bench: 'export',
    conversations: options.conversations,
    messagesPerConversation: options.messages,
    streamed,
    buffered,
    rssGrowthRatioBufferedOverStreamed: ratio(buffered.rssGrowthMB, streamed.rssGrowthMB),
    rssPeakRatioBufferedOverStreamed: ratio(buffered.rssPeakMB, streamed.rssPeakMB),
  };
  console.log(
    `buffering grows RSS ${summary.rssGrowthRatioBufferedOverStreamed}× as much as streaming ` +
      `(peak ${buffered.rssPeakMB} vs ${streamed.rssPeakMB} MB)`,
  );
  console.log(JSON.stringify(summary));
}

const options = parseArgs(process.argv.slice(2));
if (options.child) {
  runChild(options.child, options)
    .then((result) => new Promise((resolve) => process.send({ type: 'result', result }, resolve)))
    .then(() => process.exit(0))
    .catch((error) => {
      console.error(error.stack ?? String(error));
      process.exit(1);
    });
} else {
  runParent(options).catch((error) => {
    console.error(error.message);
    process.exit(1);
  });
}
