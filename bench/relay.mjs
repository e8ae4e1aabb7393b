// Relay benchmark: visitor `message:send` → agent `message:new` through the plugin (playground Strapi on
// SQLite WAL, and on the local PostgreSQL) and through a bare socket.io server, at a fixed rate (phase A)
// and at the highest sustained rate (phase B), and a burst of messages from every visitor at once (phase C);
// SQLite phase B also with the rollback journal.
// Each configuration runs in its own forked process (Strapi keeps global state); the parent prints the
// figures and, as the last line of stdout, one JSON object with all of them.
//   npm run bench:relay -- [--duration S] [--rate N] [--visitors V] [--window W] [--quick] [--profile]
//                          [--only bare,plugin-wal,plugin-postgres,plugin-journal] [--load-process]
// With --load-process the visitor and agent sockets run in a process of their own (as an outside client
// measures), so the server's process does only the server's work; by default they share its process.
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { childArgs, parseArgs } from './lib/args.mjs';
import { runInChild } from './lib/child.mjs';
import { round } from './lib/stats.mjs';

const TARGETS = { p99DeltaMs: 10, pluginPersistedPerSec: 1000 };
const RATE_LIMIT = { messages: 100_000, windowSeconds: 1 };

/** Configurations, each one child process; `phases` says which phases it runs. */
const CONFIGURATIONS = {
  bare: { label: 'bare socket.io', phases: ['A', 'B', 'C'] },
  'plugin-wal': { label: 'plugin, SQLite WAL', phases: ['A', 'B', 'C'], wal: true },
  'plugin-postgres': { label: 'plugin, PostgreSQL', phases: ['A', 'B', 'C'], database: 'postgres' },
  'plugin-journal': { label: 'plugin, SQLite rollback journal', phases: ['B'], wal: false },
};

// ---------------------------------------------------------------------------------------------- child

async function runChild(name, options) {
  const configuration = CONFIGURATIONS[name];
  if (!configuration) throw new Error(`unknown configuration ${name}`);
  const progress = (text) =>
    process.send ? process.send({ type: 'progress', text: `[${name}] ${text}` }) : console.error(`[${name}] ${text}`);

  // Imported here: the parent never loads socket.io, esbuild or Strapi.
  const { connectClients, openConversations } = await import('./lib/load.mjs');
  const { runPhases } = await import('./lib/phases.mjs');
  const started = performance.now();
  let target;
  let store = null;
  const result = { configuration: name, label: configuration.label };

  if (name === 'bare') {
    const { startBareRelay } = await import('./lib/bare-relay.mjs');
    target = await startBareRelay();
  } else {
    const { startPlayground, createAgents, messageStore, openConversation } = await import('./lib/playground.mjs');
    const postgres = configuration.database === 'postgres';
    progress(
      `booting the playground Strapi (${postgres ? 'PostgreSQL' : configuration.wal ? 'WAL' : 'rollback journal'})`,
    );
    const app = await startPlayground({
      config: { rateLimit: RATE_LIMIT },
      wal: configuration.wal,
      database: configuration.database,
    });
    if (postgres) {
      const { rows } = await app.strapi.db.connection.raw('show server_version');
      result.postgresVersion = rows[0].server_version;
    } else {
      const [{ journal_mode: journalMode }] = await app.strapi.db.connection.raw('pragma journal_mode');
      const [{ synchronous }] = await app.strapi.db.connection.raw('pragma synchronous');
      Object.assign(result, { journalMode, synchronous });
    }
    result.bootMs = Math.round(performance.now() - started);
    store = messageStore(app);
    const { watcher, pickerFor } = await createAgents(app, options.visitors);
    target = {
      url: app.url,
      stop: app.stop,
      watcher,
      openConversation: (i) => openConversation(app, pickerFor(i), i),
    };
  }

  progress(`setting up ${options.visitors} visitors with open conversations`);
  const setupStart = performance.now();
  try {
    if (options.loadProcess) {
      const conversations = await openConversations(target, options.visitors);
      const { runLoadProcess } = await import('./lib/load-process.mjs');
      const run = { phases: configuration.phases, store, progress };
      Object.assign(result, await runLoadProcess(target, conversations, options, run));
      result.setupMs = Math.round(performance.now() - setupStart);
    } else {
      const clients = await connectClients(target, options.visitors);
      result.setupMs = Math.round(performance.now() - setupStart);
      try {
        Object.assign(result, await runPhases(clients, options, { phases: configuration.phases, store, progress }));
      } finally {
        clients.close();
      }
    }
  } finally {
    await target.stop();
  }
  result.totalMs = Math.round(performance.now() - started);
  return result;
}

// --------------------------------------------------------------------------------------------- parent

const scriptPath = fileURLToPath(import.meta.url);

function runConfiguration(name, options, profileDir) {
  const execArgv = profileDir && name !== 'bare' ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : [];
  return runInChild(scriptPath, ['--child', name, ...childArgs(options)], {
    name,
    execArgv,
    verbose: options.verbose,
  });
}

const fmt = (value, unit = '') => (value === null || value === undefined ? 'n/a' : `${value}${unit}`);

const latencyText = (l) => `p50 ${fmt(l.p50)} / p95 ${fmt(l.p95)} / p99 ${fmt(l.p99)} / max ${fmt(l.max)} ms`;

const healthText = (phase) =>
  `lost ${phase.lost}, duplicates ${phase.duplicates}, acks ${phase.acksOk} ok / ${phase.acksFailed} failed` +
  (Object.keys(phase.ackErrors).length ? ` ${JSON.stringify(phase.ackErrors)}` : '') +
  `; cpu ${fmt(phase.processCpuPercent, '%')}, ${fmt(phase.cpuMsPerMessage)} ms/msg (machine ${fmt(phase.machineCpuPercent, '%')} of ${os.cpus().length * 100}%), loop delay p99 ${fmt(phase.eventLoopDelayMs.p99)} ms`;

const storageText = (storage) =>
  storage
    ? `db: ${storage.rows} rows for ${storage.distinctClientIds} clientIds; acked missing ${storage.ackedMissing}, ` +
      `stored twice ${storage.storedTwice}, stored without ok ack ${storage.storedNotAcked} → ` +
      (storage.ackedStoredExactlyOnce ? 'every acked message stored exactly once' : 'MISMATCH')
    : null;

function printConfiguration(result) {
  const lines = [];
  const head = `${result.label}`;
  const meta =
    result.journalMode !== undefined
      ? ` (journal_mode=${result.journalMode}, synchronous=${result.synchronous}, boot ${result.bootMs} ms)`
      : result.postgresVersion
        ? ` (PostgreSQL ${result.postgresVersion}, boot ${result.bootMs} ms)`
        : '';
  const where = result.loadProcess ? '; load in its own process (cpu figures are the load process’s)' : '';
  lines.push(`${head}${meta}, setup ${result.setupMs} ms${where}`);
  if (result.A) {
    const a = result.A;
    lines.push(
      `  A  offered ${a.offeredPerSec} msg/s (sent at ${a.achievedSendPerSec}, send lag p99 ${a.sendLagMs.p99} ms): ` +
        `${a.sent} sent, delivered ${a.deliveredPerSec} msg/s, latency ${latencyText(a.latencyMs)}`,
    );
    lines.push(`     latency counted from the schedule (send lag included): ${latencyText(a.latencyFromScheduleMs)}`);
    lines.push(`     ${healthText(a)}`);
    if (a.storage) lines.push(`     ${storageText(a.storage)}`);
  }
  if (result.B) {
    const b = result.B;
    const persisted =
      b.persistedPerSec !== undefined ? `, persisted ${b.persistedPerSec} msg/s (${b.persisted} rows)` : '';
    lines.push(
      `  B  window ${b.window}: ${b.sent} sent in ${b.elapsedMs} ms, delivered ${b.deliveredPerSec} msg/s${persisted}, ` +
        `latency ${latencyText(b.latencyMs)}`,
    );
    lines.push(`     ${healthText(b)}${b.stalled ? `, stalled ${b.stalled}` : ''}`);
    if (b.storage) lines.push(`     ${storageText(b.storage)}`);
  }
  if (result.C) {
    const c = result.C;
    lines.push(
      `  C  burst of ${c.perVisitor} per visitor: ${c.sent} sent, acknowledged ${c.ackedPerSec} msg/s, ` +
        `ack latency ${latencyText(c.ackLatencyMs)}; delivered ${c.deliveredPerSec} msg/s`,
    );
    lines.push(`     ${healthText(c)}`);
    if (c.storage) lines.push(`     ${storageText(c.storage)}`);
  }
  console.log(lines.join('\n'));
}

function comparisons(bare = {}, wal = {}, journal = {}, postgres = {}) {
  const p99Delta = wal.A && bare.A ? round(wal.A.latencyMs.p99 - bare.A.latencyMs.p99) : null;
  const postgresPersisted = postgres.B?.persistedPerSec ?? null;
  const persisted = wal.B?.persistedPerSec ?? null;
  const clean = (phase) => !phase || (phase.lost === 0 && phase.duplicates === 0 && phase.acksFailed === 0);
  const storedOnce = (phase) => !phase?.storage || phase.storage.ackedStoredExactlyOnce;
  const pluginClean = [wal.A, wal.B, wal.C, journal.B, postgres.A, postgres.B, postgres.C].every(
    (phase) => clean(phase) && storedOnce(phase),
  );
  return {
    p99DeltaMs: p99Delta,
    p99DeltaTargetMs: TARGETS.p99DeltaMs,
    p99DeltaMet: p99Delta !== null && p99Delta <= TARGETS.p99DeltaMs,
    pluginPersistedPerSec: persisted,
    pluginPersistedTargetPerSec: TARGETS.pluginPersistedPerSec,
    pluginNoLossNoDuplicates: pluginClean,
    pluginSustainedMet: persisted !== null && persisted >= TARGETS.pluginPersistedPerSec && pluginClean,
    throughputRatioPluginOverBare: round(persisted / bare.B?.deliveredPerSec),
    walPersistedPerSec: persisted,
    journalPersistedPerSec: journal.B?.persistedPerSec ?? null,
    walOverJournal: round(persisted / journal.B?.persistedPerSec),
    postgresPersistedPerSec: postgresPersisted,
    postgresOverSqlite: round(postgresPersisted / persisted),
    postgresP99Ms: postgres.A?.latencyMs.p99 ?? null,
    sqliteP99Ms: wal.A?.latencyMs.p99 ?? null,
    postgresSaturatedP99Ms: postgres.B?.latencyMs.p99 ?? null,
    sqliteSaturatedP99Ms: wal.B?.latencyMs.p99 ?? null,
    // The target's own load: every visitor's burst at once (phase C), acknowledged msg/s and ack p99.
    postgresBurstAckedPerSec: postgres.C?.ackedPerSec ?? null,
    sqliteBurstAckedPerSec: wal.C?.ackedPerSec ?? null,
    postgresBurstOverSqlite: round((postgres.C?.ackedPerSec ?? NaN) / (wal.C?.ackedPerSec ?? NaN)),
    postgresBurstAckP99Ms: postgres.C?.ackLatencyMs.p99 ?? null,
    sqliteBurstAckP99Ms: wal.C?.ackLatencyMs.p99 ?? null,
    postgresAtLeastSqlite:
      postgres.C !== undefined &&
      wal.C !== undefined &&
      postgres.C.ackedPerSec >= wal.C.ackedPerSec &&
      postgres.C.ackLatencyMs.p99 <= wal.C.ackLatencyMs.p99,
  };
}

async function runParent(options) {
  const started = performance.now();
  const profileDir = options.profile ? mkdtempSync(path.join(os.tmpdir(), 'livechat-relay-prof-')) : null;
  const { duration, rate, visitors, window, drain, quick } = options;
  console.log(
    `relay bench: ${visitors} visitors, phase A ${rate} msg/s for ${duration} s, phase B window ${window} for ` +
      `${duration} s, drain ≤ ${drain} s${quick ? ' (quick)' : ''}; node ${process.version}, ${os.cpus().length} cpus`,
  );
  const loadBefore = os.loadavg().map(round);
  if (loadBefore[0] > 0.5) {
    console.log(
      `note: load average ${loadBefore.join(' ')} before the run; other work on the machine skews the figures`,
    );
  }
  const results = {};
  for (const name of options.only ?? Object.keys(CONFIGURATIONS)) {
    results[name] = await runConfiguration(name, options, profileDir);
    printConfiguration(results[name]);
  }
  const ratios = comparisons(
    results.bare,
    results['plugin-wal'],
    results['plugin-journal'],
    results['plugin-postgres'],
  );
  const yes = (met) => (met ? 'met' : 'MISSED');
  console.log(
    [
      'comparison',
      `  p99 latency at ${rate} msg/s: plugin − bare = ${fmt(ratios.p99DeltaMs)} ms ` +
        `(target ≤ ${TARGETS.p99DeltaMs} ms: ${yes(ratios.p99DeltaMet)})`,
      `  plugin sustained: ${fmt(ratios.pluginPersistedPerSec)} persisted msg/s, ` +
        `${ratios.pluginNoLossNoDuplicates ? 'no loss, no duplicates' : 'LOSS, DUPLICATES OR FAILED ACKS'} ` +
        `(target ≥ ${TARGETS.pluginPersistedPerSec} msg/s, 0 lost, 0 duplicates: ${yes(ratios.pluginSustainedMet)})`,
      `  throughput plugin / bare: ${fmt(ratios.throughputRatioPluginOverBare)}`,
      `  SQLite WAL / rollback journal (plugin phase B): ${fmt(ratios.walPersistedPerSec)} / ` +
        `${fmt(ratios.journalPersistedPerSec)} msg/s = ${fmt(ratios.walOverJournal)}`,
      `  PostgreSQL / SQLite WAL (plugin phase B): ${fmt(ratios.postgresPersistedPerSec)} / ` +
        `${fmt(ratios.walPersistedPerSec)} msg/s = ${fmt(ratios.postgresOverSqlite)}; saturated p99 ` +
        `${fmt(ratios.postgresSaturatedP99Ms)} / ${fmt(ratios.sqliteSaturatedP99Ms)} ms; p99 at ${rate} msg/s ` +
        `${fmt(ratios.postgresP99Ms)} / ${fmt(ratios.sqliteP99Ms)} ms`,
      `  PostgreSQL / SQLite WAL (plugin phase C, the burst): ${fmt(ratios.postgresBurstAckedPerSec)} / ` +
        `${fmt(ratios.sqliteBurstAckedPerSec)} acknowledged msg/s = ${fmt(ratios.postgresBurstOverSqlite)}; ack p99 ` +
        `${fmt(ratios.postgresBurstAckP99Ms)} / ${fmt(ratios.sqliteBurstAckP99Ms)} ms ` +
        `(target: PostgreSQL ≥ SQLite, p99 no worse: ${yes(ratios.postgresAtLeastSqlite)})`,
      ...(profileDir ? [`  CPU profiles of the plugin runs: ${profileDir}`] : []),
      `  total ${Math.round((performance.now() - started) / 1000)} s`,
    ].join('\n'),
  );
  console.log(
    JSON.stringify({
      bench: 'relay',
      params: { duration, rate, visitors, window, drain, quick, node: process.version, cpus: os.cpus().length },
      loadAverage: { before: loadBefore, after: os.loadavg().map(round) },
      bare: results.bare,
      plugin: results['plugin-wal'],
      pluginJournal: results['plugin-journal'],
      pluginPostgres: results['plugin-postgres'],
      ratios,
      profileDir,
      totalMs: Math.round(performance.now() - started),
    }),
  );
}

// ----------------------------------------------------------------------------------------------- main

const options = parseArgs(process.argv.slice(2));
if (options.child) {
  try {
    const result = await runChild(options.child, options);
    if (process.send) process.send({ type: 'result', result }, () => process.exit(0));
    else {
      console.log(JSON.stringify(result));
      process.exit(0);
    }
  } catch (error) {
    if (process.send) process.send({ type: 'error', error: error.stack ?? String(error) }, () => process.exit(1));
    else {
      console.error(error);
      process.exit(1);
    }
  }
} else {
  await runParent(options);
}
