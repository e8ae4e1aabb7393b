// Percentiles, rounding and event-loop stalls for bench figures.
import { performance } from 'node:perf_hooks';

/** Nearest-rank percentiles of `samples` (milliseconds), rounded to microseconds. */
export function percentiles(samples) {
  if (samples.length === 0) return { p50: null, p95: null, p99: null, max: null, mean: null };
  const sorted = Float64Array.from(samples).sort();
  const at = (p) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
  const mean = sorted.reduce((sum, value) => sum + value, 0) / sorted.length;
  return { p50: ms(at(50)), p95: ms(at(95)), p99: ms(at(99)), max: ms(sorted[sorted.length - 1]), mean: ms(mean) };
}

/** Milliseconds to three decimals. */
export const ms = (value) => (value === null || value === undefined ? null : Math.round(value * 1000) / 1000);

/** A rate or ratio to one decimal (or three below 10). */
export const round = (value) =>
  value === null || value === undefined || !Number.isFinite(value)
    ? null
    : Math.abs(value) < 10
      ? Math.round(value * 1000) / 1000
      : Math.round(value * 10) / 10;

/**
 * Ticks every 10 ms; `stop()` answers the longest time between two ticks (or until stop), in ms: how long
 * a request to a server in this process could have waited for it.
 */
export function stallWatch() {
  let last = performance.now();
  let longest = 0;
  const timer = setInterval(() => {
    const now = performance.now();
    longest = Math.max(longest, now - last);
    last = now;
  }, 10);
  return {
    stop() {
      clearInterval(timer);
      return Math.max(longest, performance.now() - last);
    },
  };
}
