// How the machine's cores were shared during a phase: CPU time per process (or group of processes), read
// from /proc (Linux). PostgreSQL and Redis count all processes of that name: the server and its backends.
import { readdirSync, readFileSync } from 'node:fs';

const TICK_MS = 10; // USER_HZ is 100 on Linux

/** CPU time (user + system) a process has used so far, in ms; 0 once it is gone. */
function processCpuMs(pid) {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name, which is in parentheses and may hold spaces.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) * TICK_MS;
  } catch {
    return 0;
  }
}

/** Ids of the running processes whose command name is `name`. */
function processesNamed(name) {
  const pids = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (readFileSync(`/proc/${entry}/comm`, 'utf8').trim() === name) pids.push(Number(entry));
    } catch {
      // gone meanwhile
    }
  }
  return pids;
}

/** Busy time of every core together, in ms (the first line of /proc/stat). */
function machineBusyMs() {
  const [, ...ticks] = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).map(Number);
  // user nice system idle iowait irq softirq steal: busy is all but idle and iowait.
  const busy = ticks.slice(0, 8).reduce((sum, value, i) => (i === 3 || i === 4 ? sum : sum + value), 0);
  return busy * TICK_MS;
}

/**
 * Starts measuring: `groups` maps a label to process ids. `stop()` answers each label's share in percent of
 * one core over the interval, with `postgres`, `redis` and `other` (the rest of the machine) added.
 */
export function measureCpuShare(groups) {
  const named = { postgres: processesNamed('postgres'), redis: processesNamed('redis-server') };
  const all = { ...groups, ...named };
  const read = () => ({
    machine: machineBusyMs(),
    wall: performance.now(),
    groups: Object.fromEntries(
      Object.entries(all).map(([label, pids]) => [label, pids.reduce((sum, pid) => sum + processCpuMs(pid), 0)]),
    ),
  });
  const start = read();
  return {
    stop() {
      const end = read();
      const wall = end.wall - start.wall;
      const percent = (ms) => Math.round((ms / wall) * 1000) / 10;
      const shares = Object.fromEntries(
        Object.keys(all).map((label) => [label, percent(end.groups[label] - start.groups[label])]),
      );
      const machine = percent(end.machine - start.machine);
      const counted = Object.values(shares).reduce((sum, value) => sum + value, 0);
      return { ...shares, other: Math.max(0, Math.round((machine - counted) * 10) / 10), machine };
    },
  };
}
