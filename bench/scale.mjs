// Scale benchmark on the local PostgreSQL and Redis, as production runs:
//  1. throughput: one instance, then two sharing PostgreSQL and Redis (visitors spread over both): persisted
//     msg/s, ack p50 / p99, lost, duplicates; and, with every visitor on B and the agent on A, the
//     cross-instance delivery p99 at a fixed rate;
//  2. idle sockets: N visitor sockets (10,000) connect to one instance, then to a bare socket.io server in
//     the same run: connects per second and RSS per socket; then every one reconnects at once (a deploy),
//     and the time until all are back.
// Each part runs in a forked child (Strapi keeps global state); the load runs in processes of its own.
// The last line of stdout is one JSON object.
//   npm run bench:scale -- [--sockets N] [--clients K] [--duration S] [--rate N] [--visitors V] [--window W]
//                          [--quick] [--only throughput,sockets] [--profile] [--verbose]
import { fork } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { runInChild } from './lib/child.mjs';
import { measureCpuShare } from './lib/cpu-share.mjs';
import { round } from './lib/stats.mjs';

const TARGETS = {
  twoOverOne: 1.6,
  crossInstanceP99Ms: 20,
  connectsOverBare: 0.6,
  memoryOverBare: 1.2,
  stormBackMs: 10_000,
};
const RATE_LIMIT = { messages: 100_000, windowSeconds: 1 };
const scriptPath = fileURLToPath(import.meta.url);

const USAGE = `usage: node bench/scale.mjs [--sockets N] [--clients K] [--duration S] [--rate N] [--visitors V]
                            [--window W] [--quick] [--only throughput,sockets] [--profile] [--verbose]
  --sockets N   idle visitor sockets on one instance and on bare socket.io (default 10000; 1000 with --quick)
  --clients K   processes the idle sockets are spread over (default 4)
  --duration S  seconds per throughput phase (default 10; 3 with --quick)
  --rate N      fixed rate of the cross-instance phase, msg/s (default 200)
  --visitors V  visitors with an open conversation in the throughput phases (default 50; 20 with --quick)
  --window W    messages in flight in the max-rate phase (default 128)
  --only NAMES  throughput, sockets
  --profile     V8 CPU profile (--cpu-prof) of the process holding the instance in the sockets part
  --verbose     stream the children's Strapi logs to stderr`;

function parseArgs(argv) {
  const numeric = {
    '--sockets': 'sockets',
    '--clients': 'clients',
    '--duration': 'duration',
    '--rate': 'rate',
    '--visitors': 'visitors',
    '--window': 'window',
  };
  const given = {};
  const flags = { quick: false, profile: false, verbose: false, only: null, child: null, role: null };
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i];
    if (arg in numeric) {
      const value = Number(argv[(i += 1)]);
      if (!Number.isFinite(value) || value <= 0) throw new Error(`${arg} needs a positive number\n${USAGE}`);
      given[numeric[arg]] = Math.round(value);
    } else if (arg === '--quick') flags.quick = true;
    else if (arg === '--profile') flags.profile = true;
    else if (arg === '--verbose') flags.verbose = true;
    else if (arg === '--only') flags.only = argv[(i += 1)].split(',');
    else if (arg === '--child') flags.child = argv[(i += 1)];
    else if (arg === '--role') flags.role = argv[(i += 1)];
    else if (arg === '--help' || arg === '-h') {
      console.log(USAGE);
      process.exit(0);
    } else throw new Error(`unknown argument ${arg}\n${USAGE}`);
  }
  const defaults = flags.quick
    ? { sockets: 1000, clients: 4, duration: 3, rate: 200, visitors: 20, window: 128, drain: 5, burst: 1 }
    : { sockets: 10_000, clients: 4, duration: 10, rate: 200, visitors: 50, window: 128, drain: 5, burst: 1 };
  return { ...defaults, ...given, ...flags };
}

const childArgs = (options) =>
  ['sockets', 'clients', 'duration', 'rate', 'visitors', 'window'].flatMap((name) => [
    `--${name}`,
    String(options[name]),
  ]);

// ------------------------------------------------------------------------------------- throughput child

/** One instance (`instances: 1`) or two: conversations, then the phases from a load process. */
async function runThroughput(options, instances, progress) {
  const { cluster, strapiHarness } = await import('./lib/harness.mjs');
  const { createAgents, messageStore, openConversation } = await import('./lib/playground.mjs');
  const { openConversations } = await import('./lib/load.mjs');
  const { runLoadProcess } = await import('./lib/load-process.mjs');
  const config = { rateLimit: RATE_LIMIT, ...cluster.sharedRedis() };
  progress(`booting ${instances} instance(s) on PostgreSQL with Redis`);
  const a = await strapiHarness.startStrapi({ database: 'postgres', config, quiet: true });
  const b =
    instances === 2
      ? await cluster.startStrapiProcess().catch(async (error) => {
          await a.stop();
          throw error;
        })
      : null;
  try {
    const urls = b ? [a.url, b.url] : [a.url];
    const { watcher, pickerFor } = await createAgents(a, options.visitors);
    progress(`opening ${options.visitors} conversations, spread over ${urls.length} instance(s)`);
    const conversations = await openConversations(
      { openConversation: (i) => openConversation({ url: urls[i % urls.length] }, pickerFor(i), i) },
      options.visitors,
    );
    const store = messageStore(a);
    const target = { url: a.url, watcher };
    const spread = conversations.map((conversation, i) => ({ ...conversation, url: urls[i % urls.length] }));
    const result = { instances };
    // How the cores were shared during phase B: each instance, the load process, PostgreSQL and Redis.
    let share = null;
    const onProgress = (text, loadPid) => {
      if (text.includes('phase B: closed loop')) {
        share = measureCpuShare({ instanceA: [process.pid], ...(b ? { instanceB: [b.pid] } : {}), load: [loadPid] });
      }
      if (text.includes('phase B: done')) result.cpuPercent = share?.stop();
    };
    Object.assign(
      result,
      await runLoadProcess(target, spread, options, { phases: ['B'], store, progress, onProgress }),
    );
    if (b) {
      // Every visitor on B, the agent on A: each message crosses from one instance to the other.
      const onB = conversations.map((conversation) => ({ ...conversation, url: b.url }));
      const crossing = await runLoadProcess(target, onB, options, { phases: ['A'], store, progress });
      result.A = crossing.A;
    }
    return result;
  } finally {
    await b?.stop();
    await a.stop();
  }
}

// ----------------------------------------------------------------------------------------- socket client

/** A process holding its share of the idle visitor sockets; the sockets child drives it over IPC. */
async function runSocketClient() {
  const { strapiHarness, contract } = await import('./lib/harness.mjs');
  let sockets = [];
  const connectAll = async ({ url, tokens, window }) => {
    const started = performance.now();
    let next = 0;
    let failed = 0;
    let retried = 0;
    const reasons = {};
    const opened = [];
    // A socket that fails tries again after socket.io-client's own reconnection delay (1 s ± 50 %), as
    // a widget does; a visitor counts as back once connected, and as failed after RETRIES attempts.
    const attempt = async (token, tries) => {
      try {
        opened.push(await strapiHarness.connectSocket(url, contract.VISITOR_NAMESPACE, token, { timeout: 20_000 }));
      } catch (error) {
        reasons[error.message] = (reasons[error.message] ?? 0) + 1;
        if (tries >= RETRIES) {
          failed += 1;
          return;
        }
        retried += 1;
        await new Promise((resolve) => setTimeout(resolve, 500 + Math.random() * 1000));
        await attempt(token, tries + 1);
      }
    };
    const worker = async () => {
      while (next < tokens.length) {
        const token = tokens[next];
        next += 1;
        await attempt(token, 1);
      }
    };
    await Promise.all(Array.from({ length: Math.min(window, tokens.length) }, worker));
    sockets = opened;
    return { connected: opened.length, failed, retried, reasons, ms: performance.now() - started };
  };
  process.on('message', async (message) => {
    if (message.type === 'connect') process.send({ type: 'connected', ...(await connectAll(message)) });
    if (message.type === 'drop') {
      for (const socket of sockets) socket.disconnect();
      sockets = [];
      process.send({ type: 'dropped' });
    }
    if (message.type === 'close') {
      for (const socket of sockets) socket.disconnect();
      process.exit(0);
    }
  });
  process.send({ type: 'ready' });
}

/** The next IPC message of `type` from `child`. */
const nextMessage = (child, type) =>
  new Promise((resolve) => {
    const listener = (message) => {
      if (message.type !== type) return;
      child.off('message', listener);
      resolve(message);
    };
    child.on('message', listener);
  });

/** Forks `count` socket clients and gives each its share of `tokens`; `connect(url, window)` connects them all. */
async function startSocketClients(count, tokens) {
  const clients = await Promise.all(
    Array.from({ length: count }, () => {
      const child = fork(scriptPath, ['--role', 'socket-client'], {
        stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
        execArgv: [],
      });
      return new Promise((resolve, reject) => {
        child.once('message', () => resolve(child));
        child.once('exit', (code) => reject(new Error(`socket client exited with ${code}`)));
      });
    }),
  );
  const share = (i) => tokens.filter((_, index) => index % count === i);
  const ask = (child, message, answer) => {
    const reply = nextMessage(child, answer);
    child.send(message);
    return reply;
  };
  return {
    /** Every client connects its share, `window` at a time each; resolves with the totals and the wall time. */
    async connect(url, window) {
      const started = performance.now();
      const replies = await Promise.all(
        clients.map((child, i) => ask(child, { type: 'connect', url, tokens: share(i), window }, 'connected')),
      );
      return {
        connected: replies.reduce((sum, reply) => sum + reply.connected, 0),
        failed: replies.reduce((sum, reply) => sum + reply.failed, 0),
        retried: replies.reduce((sum, reply) => sum + reply.retried, 0),
        reasons: Object.assign({}, ...replies.map((reply) => reply.reasons)),
        ms: performance.now() - started,
      };
    },
    drop: () => Promise.all(clients.map((child) => ask(child, { type: 'drop' }, 'dropped'))),
    close: () => clients.forEach((child) => child.connected && child.send({ type: 'close' })),
  };
}

// ------------------------------------------------------------------------------------ bare server child

/** The baseline in a process of its own, so its memory is its own: bare socket.io on the plugin's path. */
async function runBareServer() {
  const { startBareRelay } = await import('./lib/bare-relay.mjs');
  const bare = await startBareRelay();
  const answers = {
    memory: async () => settledMemory(),
    cpu: async () => cpuMs(),
    connections: () => openConnections(bare.httpServer),
  };
  process.on('message', async (message) => {
    if (message.type in answers) process.send({ type: message.type, value: await answers[message.type]() });
    if (message.type === 'stop') bare.stop().then(() => process.exit(0));
  });
  process.send({ type: 'ready', url: bare.url });
}

/** Memory after a full collection (the process runs with --expose-gc): resident, and what the JS heap holds. */
function settledMemory() {
  global.gc?.();
  global.gc?.();
  const { rss, heapUsed, external } = process.memoryUsage();
  return { rss, heap: heapUsed + external };
}

/** CPU time this process has used so far, user and system, in ms. */
function cpuMs() {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}

/** TCP connections the HTTP server holds (the sockets' WebSockets; nothing else connects in this part). */
const openConnections = (httpServer) =>
  new Promise((resolve, reject) =>
    httpServer.getConnections((error, count) => (error ? reject(error) : resolve(count))),
  );

async function startBareServer() {
  const child = fork(scriptPath, ['--role', 'bare-server'], {
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    execArgv: ['--expose-gc'],
  });
  const next = (type) => nextMessage(child, type);
  const { url } = await next('ready');
  const ask = (type) => {
    const answer = next(type);
    child.send({ type });
    return answer.then((message) => message.value);
  };
  return {
    url,
    memory: () => ask('memory'),
    cpuMs: () => ask('cpu'),
    connections: () => ask('connections'),
    stop: () => {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.send({ type: 'stop' });
      return exited;
    },
  };
}

// ---------------------------------------------------------------------------------------- sockets child

const CONNECT_WINDOW = 100;
/** Reconnect storms per server; the median one is reported. */
const STORMS = 3;
/** Attempts a visitor socket makes before it counts as failed. */
const RETRIES = 5;
const CONTACT_CHUNK = 500;

/** `count` contacts with a visitor token each, written straight to the database (sessions are rate limited). */
async function createVisitors(app, count) {
  const { uid } = await import('./lib/contract.mjs');
  const tokens = app.strapi.plugin('livechat').service('visitor-tokens');
  const ids = [];
  for (let start = 0; start < count; start += CONTACT_CHUNK) {
    const data = Array.from({ length: Math.min(CONTACT_CHUNK, count - start) }, (_, i) => ({
      name: `Idle visitor ${start + i}`,
    }));
    const created = await app.strapi.db.query(uid('contact')).createMany({ data });
    ids.push(...created.ids);
  }
  return ids.map((id) => tokens.issue(id));
}

/** One round of connects: how many, how long, how fast, and the server's CPU per connect. */
const phaseFigures = (result, cpuMs) => ({
  connected: result.connected,
  failed: result.failed,
  retried: result.retried,
  failures: result.reasons,
  ms: Math.round(result.ms),
  connectsPerSec: round((result.connected / result.ms) * 1000),
  cpuMsPerConnect: round(cpuMs / Math.max(1, result.connected)),
});

/** After the last connection closed: the plugin's disconnect work (presence, last seen) holds memory until done. */
const SETTLE_MS = 2000;

/**
 * Resolves once the server holds no connection (a dropped client's close reaches the server later) and the
 * work the disconnects started is done (Redis answers time out after 1 s at the most).
 */
async function drained(server) {
  while ((await server.connections()) > 0) await new Promise((resolve) => setTimeout(resolve, 50));
  await new Promise((resolve) => setTimeout(resolve, SETTLE_MS));
}

/**
 * Against `url`: every socket connects (`CONNECT_WINDOW` at a time per client process), all drop, then all
 * reconnect at once (a deploy). CPU is the server process's own time per connect, which other work on the
 * machine moves far less than a rate. Memory is measured around the reconnect, once the first round warmed
 * the server up (JIT, pools, buffers) and the server has let go of every dropped socket: what is left is
 * what the sockets hold. `server` reads the server's process: `memory()`, `cpuMs()`, `connections()`.
 */
async function socketFigures(clients, url, server, count, progress, name) {
  progress(`${name}: ${count} sockets connecting, ${CONNECT_WINDOW} at a time per client process`);
  const cpuBefore = await server.cpuMs();
  const connect = await clients.connect(url, CONNECT_WINDOW);
  const cpuConnect = (await server.cpuMs()) - cpuBefore;
  await clients.drop();
  await drained(server);
  const before = await server.memory();
  // The storm's all-back time moves in steps of TCP's SYN retransmits (1, 3, 7, 15 s) once the listen
  // backlog (511) overflows, so one storm says little: the median of STORMS, each figure kept.
  const storms = [];
  let after;
  for (let round = 1; round <= STORMS; round += 1) {
    progress(`${name}: every socket reconnecting at once (${round} of ${STORMS})`);
    const stormCpuBefore = await server.cpuMs();
    const storm = await clients.connect(url, count);
    const cpuStorm = (await server.cpuMs()) - stormCpuBefore;
    after ??= await server.memory();
    await clients.drop();
    await drained(server);
    storms.push({ storm, cpuStorm });
  }
  const perSocketKb = (bytes) => round(bytes / 1024 / Math.max(1, storms[0].storm.connected));
  const rounds = storms.map(({ storm, cpuStorm }) => {
    const { connected, ms, ...rest } = phaseFigures(storm, cpuStorm);
    return { back: connected, allBackMs: ms, ...rest };
  });
  // The median round; a round where someone never came back counts as the slowest.
  const backAfter = (storm) => (storm.back === count ? storm.allBackMs : Infinity);
  const ranked = [...rounds].sort((x, y) => backAfter(x) - backAfter(y));
  const { ms: connectMs, ...connected } = phaseFigures(connect, cpuConnect);
  return {
    ...connected,
    connectMs,
    rssBeforeMb: round(before.rss / 2 ** 20),
    rssAfterMb: round(after.rss / 2 ** 20),
    rssPerSocketKb: perSocketKb(after.rss - before.rss),
    heapPerSocketKb: perSocketKb(after.heap - before.heap),
    storm: ranked[Math.floor(ranked.length / 2)],
    storms: rounds,
  };
}

async function runSockets(options, progress) {
  const { cluster } = await import('./lib/harness.mjs');
  const { startPlayground } = await import('./lib/playground.mjs');
  progress('booting one instance on PostgreSQL with Redis');
  const app = await startPlayground({ database: 'postgres', config: cluster.sharedRedis(), quiet: true });
  let clients;
  try {
    progress(`creating ${options.sockets} contacts with visitor tokens`);
    const tokens = await createVisitors(app, options.sockets);
    clients = await startSocketClients(options.clients, tokens);
    const here = {
      memory: async () => settledMemory(),
      cpuMs: async () => cpuMs(),
      connections: () => openConnections(app.strapi.server.httpServer),
    };
    const plugin = await socketFigures(clients, app.url, here, tokens.length, progress, 'plugin');
    const bareServer = await startBareServer();
    try {
      const bare = await socketFigures(clients, bareServer.url, bareServer, tokens.length, progress, 'bare');
      return { sockets: tokens.length, clientProcesses: options.clients, plugin, bare };
    } finally {
      await bareServer.stop();
    }
  } finally {
    clients?.close();
    await app.stop();
  }
}

async function runChild(name, options) {
  const progress = (text) => process.send?.({ type: 'progress', text: `[${name}] ${text}` });
  if (name === 'one') return runThroughput(options, 1, progress);
  if (name === 'two') return runThroughput(options, 2, progress);
  if (name === 'sockets') return runSockets(options, progress);
  throw new Error(`unknown part ${name}`);
}

// ------------------------------------------------------------------------------------------------ parent

const fmt = (value, unit = '') => (value === null || value === undefined ? 'n/a' : `${value}${unit}`);
const ratio = (a, b) => (a && b ? round(a / b) : null);
const yes = (met) => (met ? 'met' : 'MISSED');

const cpuLine = (shares) =>
  Object.entries(shares)
    .map(([label, percent]) => `${label} ${percent}`)
    .join(', ');

function throughputLine(label, result) {
  const b = result?.B;
  if (!b) return `${label}: n/a`;
  return (
    `${label}: persisted ${b.persistedPerSec} msg/s (${b.persisted} rows in ${b.elapsedMs} ms), ` +
    `ack p50 ${b.ackLatencyMs.p50} / p99 ${b.ackLatencyMs.p99} ms, lost ${b.lost}, duplicates ${b.duplicates}, ` +
    `acks failed ${b.acksFailed}, ${b.storage?.ackedStoredExactlyOnce ? 'every acked message stored once' : 'STORAGE MISMATCH'}` +
    (result.cpuPercent
      ? `
    CPU, % of one core: ${cpuLine(result.cpuPercent)}`
      : '')
  );
}

async function runParent(options) {
  const started = performance.now();
  const loadBefore = os.loadavg().map(round);
  const parts = options.only ?? ['throughput', 'sockets'];
  console.error(`note: load average ${loadBefore.join(' ')} before the run, ${os.cpus().length} cores`);
  const profileDir = options.profile ? mkdtempSync(path.join(os.tmpdir(), 'livechat-scale-profile-')) : null;
  // Each part's figures go to stderr as soon as it ends, so a run cut short still shows them.
  const run = async (name, execArgv = []) => {
    const result = await runInChild(scriptPath, ['--child', name, ...childArgs(options)], {
      name,
      execArgv: ['--expose-gc', ...execArgv],
      verbose: options.verbose,
    });
    console.error(`[${name}] ${JSON.stringify(result)}`);
    return result;
  };

  const results = {};
  if (parts.includes('throughput')) {
    results.one = await run('one');
    results.two = await run('two');
  }
  if (parts.includes('sockets')) {
    results.sockets = await run('sockets', profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : []);
  }

  const one = results.one?.B;
  const two = results.two?.B;
  const crossing = results.two?.A;
  const plugin = results.sockets?.plugin;
  const bare = results.sockets?.bare;
  const ratios = {
    twoOverOne: ratio(two?.persistedPerSec, one?.persistedPerSec),
    crossInstanceP99Ms: crossing?.latencyMs.p99 ?? null,
    lost: one && two ? one.lost + two.lost + (crossing?.lost ?? 0) : null,
    duplicates: one && two ? one.duplicates + two.duplicates + (crossing?.duplicates ?? 0) : null,
    connectsOverBare: ratio(plugin?.connectsPerSec, bare?.connectsPerSec),
    // The same comparison by the server's own CPU per connect (bare / plugin, so above 1 is cheaper than bare).
    connectCpuBareOverPlugin: ratio(bare?.cpuMsPerConnect, plugin?.cpuMsPerConnect),
    // What the sockets hold in the JS heap (and buffers outside it), after a full collection. The RSS delta is
    // printed too, but a Strapi process keeps tens of MB of freed heap pages: new sockets fill those before
    // RSS grows, so its delta reads low (even negative) and says more about the collector than the sockets.
    memoryOverBare: ratio(plugin?.heapPerSocketKb, bare?.heapPerSocketKb),
    stormBackMs: plugin && plugin.storm.back === results.sockets.sockets ? plugin.storm.allBackMs : null,
  };
  const met = {
    twoOverOne: ratios.twoOverOne !== null && ratios.twoOverOne >= TARGETS.twoOverOne,
    crossInstanceP99: ratios.crossInstanceP99Ms !== null && ratios.crossInstanceP99Ms <= TARGETS.crossInstanceP99Ms,
    noLossNoDuplicates: ratios.lost === 0 && ratios.duplicates === 0,
    connects: ratios.connectsOverBare !== null && ratios.connectsOverBare >= TARGETS.connectsOverBare,
    // A negative delta (the heap shrank more than the sockets grew it) measures nothing.
    memory: ratios.memoryOverBare > 0 && ratios.memoryOverBare <= TARGETS.memoryOverBare,
    storm: ratios.stormBackMs !== null && ratios.stormBackMs <= TARGETS.stormBackMs,
  };

  const lines = ['scale on PostgreSQL and Redis'];
  if (results.one) {
    lines.push(
      `  ${throughputLine('one instance ', results.one)}`,
      `  ${throughputLine('two instances', results.two)}`,
      `  two / one: ${fmt(ratios.twoOverOne)} (target ≥ ${TARGETS.twoOverOne}: ${yes(met.twoOverOne)}); ` +
        `lost ${fmt(ratios.lost)}, duplicates ${fmt(ratios.duplicates)} (target 0: ${yes(met.noLossNoDuplicates)})`,
      `  cross-instance delivery at ${options.rate} msg/s (visitors on B, agent on A): p50 ${fmt(crossing?.latencyMs.p50)} / ` +
        `p99 ${fmt(crossing?.latencyMs.p99)} ms (target ≤ ${TARGETS.crossInstanceP99Ms} ms: ${yes(met.crossInstanceP99)})`,
      `  cores: ${os.cpus().length}, shared without pinning by instance A (with the bench's bookkeeping), instance B, ` +
        'the load process, PostgreSQL and Redis',
    );
  }
  if (results.sockets) {
    const { sockets, clientProcesses } = results.sockets;
    const side = (label, figures) =>
      `  ${label}: ${figures.connected} connected (${figures.failed} failed, ${figures.retried} retries) in ${figures.connectMs} ms = ` +
      `${figures.connectsPerSec}/s, ${figures.cpuMsPerConnect} ms of server CPU each; ` +
      `RSS ${figures.rssBeforeMb} → ${figures.rssAfterMb} MB = ${figures.rssPerSocketKb} KB a socket (heap ${figures.heapPerSocketKb} KB); ` +
      `all reconnecting at once: ${figures.storm.back} back (${figures.storm.failed} failed, ${figures.storm.retried} retries) in ${figures.storm.allBackMs} ms ` +
      `(median of ${figures.storms.map((storm) => storm.allBackMs).join(', ')} ms)` +
      (figures.failed + figures.storm.failed
        ? ` ${JSON.stringify({ ...figures.failures, ...figures.storm.failures })}`
        : '');
    lines.push(
      `  ${sockets} idle visitor sockets from ${clientProcesses} client processes`,
      side('plugin     ', plugin),
      side('bare socket.io', bare),
      `  connects plugin / bare: ${fmt(ratios.connectsOverBare)} (target ≥ ${TARGETS.connectsOverBare}: ${yes(met.connects)}; ` +
        `by server CPU per connect, bare / plugin: ${fmt(ratios.connectCpuBareOverPlugin)}); ` +
        `heap a socket plugin / bare: ${fmt(ratios.memoryOverBare)} (target ≤ ${TARGETS.memoryOverBare}: ${yes(met.memory)}); ` +
        `reconnect storm all back in ${fmt(ratios.stormBackMs)} ms (target ≤ ${TARGETS.stormBackMs} ms: ${yes(met.storm)})`,
    );
    if (profileDir) lines.push(`  CPU profile of the instance's process: ${profileDir}`);
  }
  lines.push(
    `  total ${Math.round((performance.now() - started) / 1000)} s, load average after ${os.loadavg().map(round).join(' ')}`,
  );
  console.log(lines.join('\n'));
  console.log(
    JSON.stringify({
      bench: 'scale',
      params: {
        sockets: options.sockets,
        clients: options.clients,
        duration: options.duration,
        rate: options.rate,
        visitors: options.visitors,
        window: options.window,
        quick: options.quick,
        node: process.version,
        cpus: os.cpus().length,
      },
      loadAverage: { before: loadBefore, after: os.loadavg().map(round) },
      ...results,
      ratios,
      targets: TARGETS,
      met,
      profileDir,
      totalMs: Math.round(performance.now() - started),
    }),
  );
}

// -------------------------------------------------------------------------------------------------- main

const options = parseArgs(process.argv.slice(2));
if (options.role === 'socket-client') await runSocketClient();
else if (options.role === 'bare-server') await runBareServer();
else if (options.child) {
  try {
    const result = await runChild(options.child, options);
    process.send({ type: 'result', result }, () => process.exit(0));
  } catch (error) {
    process.send({ type: 'error', error: error.stack ?? String(error) }, () => process.exit(1));
  }
} else await runParent(options);
