// Widget benchmark: the size of the drop-in script and the time from page load to a usable launcher on
// the playground's demo page, in headless Debian Chromium. Each load is a fresh browser context (cold
// HTTP cache, no stored session), then the same number of reloads in one context (warm: 304s).
// "Usable" is the first animation frame in which the launcher button exists in the shadow root, has a
// size, and is enabled, timed with the page's own clock from navigation start.
// The last line of stdout is one JSON object with every figure.
//   npm run bench:widget -- [--loads N]
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { browserHarness, repoRoot } from './lib/harness.mjs';
import { startPlayground } from './lib/playground.mjs';
import { percentiles, round } from './lib/stats.mjs';

const BUDGET_GZIP = 35 * 1024;
const loadsFlag = process.argv.indexOf('--loads');
const loads = loadsFlag > 0 ? Number(process.argv[loadsFlag + 1]) : 20;
if (!Number.isInteger(loads) || loads < 1) throw new Error('--loads needs a positive whole number');

const script = readFileSync(path.join(repoRoot, 'dist/widget/widget.js'));
const gzipBytes = gzipSync(script, { level: 9 }).length;
const kb = (bytes) => `${(bytes / 1024).toFixed(1)} kB`;
console.log(`widget.js: ${kb(script.length)} minified, ${kb(gzipBytes)} gzip (budget ${kb(BUDGET_GZIP)})`);

/** Resolves, inside the page, with performance.now() of the first frame the launcher is usable. */
const launcherUsableAt = () =>
  new Promise((resolve) => {
    const check = () => {
      const button = document.querySelector('livechat-widget')?.shadowRoot?.querySelector('[data-livechat-launcher]');
      if (button && !button.disabled && button.getBoundingClientRect().width > 0) resolve(performance.now());
      else requestAnimationFrame(check);
    };
    check();
  });

/** One navigation: the launcher time, and the page's own DOMContentLoaded and load times. */
async function measure(page, url) {
  if (process.env.BENCH_DEBUG) console.error('measure', url);
  await page.goto(url, { waitUntil: 'commit' });
  const launcher = await Promise.race([
    page.evaluate(launcherUsableAt),
    new Promise((_, reject) => setTimeout(() => reject(new Error(`no usable launcher on ${url} within 15 s`)), 15_000)),
  ]);
  await page.waitForLoadState('load');
  const [navigation] = await page.evaluate(() => performance.getEntriesByType('navigation').map((e) => e.toJSON()));
  return { launcher, domContentLoaded: navigation.domContentLoadedEventEnd, load: navigation.loadEventEnd };
}

const app = await startPlayground();
const browser = await browserHarness.launchBrowser();
const url = `${app.url}/index.html`;
const cold = [];
const warm = [];
try {
  // One unmeasured load: the first request after boot pays for Strapi's lazy work, not the widget's.
  const warmup = await browser.newContext();
  await measure(await warmup.newPage(), url);
  await warmup.close();

  for (let i = 0; i < loads; i += 1) {
    const context = await browser.newContext();
    cold.push(await measure(await context.newPage(), url));
    await context.close();
  }
  const context = await browser.newContext();
  const page = await context.newPage();
  await measure(page, url);
  for (let i = 0; i < loads; i += 1) warm.push(await measure(page, url));
  await context.close();
} finally {
  await browser.close();
  await app.stop();
}

const summary = (samples, key) => {
  const { p50, p95, max } = percentiles(samples.map((s) => s[key]));
  return { medianMs: round(p50), p95Ms: round(p95), maxMs: round(max) };
};
const figures = {
  bench: 'widget',
  loads,
  scriptBytes: script.length,
  gzipBytes,
  budgetGzipBytes: BUDGET_GZIP,
  withinBudget: gzipBytes <= BUDGET_GZIP,
  cold: {
    launcher: summary(cold, 'launcher'),
    domContentLoaded: summary(cold, 'domContentLoaded'),
    load: summary(cold, 'load'),
  },
  warm: {
    launcher: summary(warm, 'launcher'),
    domContentLoaded: summary(warm, 'domContentLoaded'),
    load: summary(warm, 'load'),
  },
};
for (const [name, runs] of [
  ['cold (new context each load)', figures.cold],
  ['warm (reload, cached script)', figures.warm],
]) {
  console.log(
    `launcher usable after navigation start, ${name}, ${loads} loads: median ${runs.launcher.medianMs} ms, ` +
      `p95 ${runs.launcher.p95Ms} ms (page load event: median ${runs.load.medianMs} ms)`,
  );
}
console.log(JSON.stringify(figures));
process.exit(0);
