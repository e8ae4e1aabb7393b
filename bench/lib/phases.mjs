// One configuration's run: warm-up, phase A (fixed rate, open loop), phase B (max rate, closed loop),
// each with CPU and event-loop figures, and for the plugin a check of every message against the database.
import os from 'node:os';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { runBurst, runClosedLoop, runOpenLoop } from './load.mjs';
import { round } from './stats.mjs';

const WARM_UP_MS = 1000;
const LOOP_RESOLUTION_MS = 2;

const lateness = (nanoseconds) => round(Math.max(0, nanoseconds / 1e6 - LOOP_RESOLUTION_MS));

/** Busy CPU time of the whole machine so far (all cores), in milliseconds. */
const machineBusyMs = () =>
  os.cpus().reduce((sum, { times }) => sum + times.user + times.nice + times.sys + times.irq, 0);

/** Runs `phase` while sampling this process's CPU time and event-loop delay. */
async function measured(phase) {
  const loopDelay = monitorEventLoopDelay({ resolution: LOOP_RESOLUTION_MS });
  loopDelay.enable();
  const cpuBefore = process.cpuUsage();
  const machineBefore = machineBusyMs();
  const start = performance.now();
  const result = await phase();
  const wallMs = performance.now() - start;
  const cpu = process.cpuUsage(cpuBefore);
  const machineBusy = machineBusyMs() - machineBefore;
  loopDelay.disable();
  return {
    ...result,
    processCpuPercent: round(((cpu.user + cpu.system) / 1000 / wallMs) * 100),
    // Server and clients together; contention on the machine moves it far less than a rate.
    cpuMsPerMessage: round((cpu.user + cpu.system) / 1000 / Math.max(1, result.received)),
    // Busy time of every core together, in percent of one core: above this process's own figure means
    // something else on the machine competed for the cores during the phase.
    machineCpuPercent: round((machineBusy / wallMs) * 100),
    // The histogram holds the sampling interval itself; what is left over is the loop's delay.
    eventLoopDelayMs: {
      p50: lateness(loopDelay.percentile(50)),
      p99: lateness(loopDelay.percentile(99)),
      max: lateness(loopDelay.max),
    },
  };
}

/**
 * Which sent messages the database holds, and how often: every acknowledged message must be stored
 * exactly once; a message whose ack failed may or may not be stored, but never twice.
 */
async function storedCheck(store, log) {
  const counts = await store.countByClientId(log.prefix);
  let storedTwice = 0;
  let storedNotAcked = 0;
  for (const [clientId, count] of counts) {
    if (count > 1) storedTwice += 1;
    if (!log.acked.has(clientId)) storedNotAcked += 1;
  }
  let ackedMissing = 0;
  for (const clientId of log.acked) if (!counts.has(clientId)) ackedMissing += 1;
  return {
    rows: [...counts.values()].reduce((sum, n) => sum + n, 0),
    distinctClientIds: counts.size,
    ackedMissing,
    storedTwice,
    storedNotAcked,
    ackedStoredExactlyOnce: ackedMissing === 0 && storedTwice === 0,
  };
}

const publicFigures = ({ log: _log, ...figures }) => figures;

/**
 * Runs the phases named in `phases` ('A', 'B') against connected clients. `store` (plugin only) counts
 * message rows; without it the relay keeps nothing and there is nothing to check.
 */
export async function runPhases(clients, options, { phases, store, progress }) {
  const figures = {};
  const durationMs = options.duration * 1000;
  const drainMs = options.drain * 1000;

  progress(`warm-up: ${WARM_UP_MS} ms at ${options.rate} msg/s`);
  await runOpenLoop(clients, { prefix: 'W', rate: options.rate, durationMs: WARM_UP_MS, drainMs });

  if (phases.includes('A')) {
    progress(`phase A: ${options.rate} msg/s for ${options.duration} s over ${clients.visitors.length} visitors`);
    const a = await measured(() => runOpenLoop(clients, { prefix: 'A', rate: options.rate, durationMs, drainMs }));
    figures.A = { ...publicFigures(a), ...(store ? { storage: await storedCheck(store, a.log) } : {}) };
  }

  if (phases.includes('B')) {
    progress(`phase B: closed loop, ${options.window} in flight, ${options.duration} s`);
    const before = store ? await store.countAll() : 0;
    const b = await measured(() =>
      runClosedLoop(clients, { prefix: 'B', window: options.window, durationMs, drainMs }),
    );
    progress('phase B: done');
    figures.B = publicFigures(b);
    if (store) {
      const persisted = (await store.countAll()) - before;
      figures.B.persisted = persisted;
      figures.B.persistedPerSec = round((persisted / b.elapsedMs) * 1000);
      figures.B.storage = await storedCheck(store, b.log);
    }
  }
  if (phases.includes('C')) {
    progress(`phase C: a burst of ${options.burst} messages from each of ${clients.visitors.length} visitors at once`);
    const c = await measured(() => runBurst(clients, { prefix: 'C', perVisitor: options.burst, drainMs }));
    figures.C = { ...publicFigures(c), ...(store ? { storage: await storedCheck(store, c.log) } : {}) };
  }
  return figures;
}
