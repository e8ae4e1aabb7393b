// Browser helpers: the playground's admin build, Debian's Chromium driven by playwright-core, console errors, login.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

const root = path.resolve(__dirname, '..', '..');
const playground = path.join(root, 'playground');
const stampFile = path.join(playground, 'build', '.livechat-admin-stamp');

/** Everything the admin build is made of: our bundle, the playground's admin customisation and config, Strapi. */
function adminBuildInputs(): string {
  const files = [
    path.join(root, 'dist', 'admin', 'index.mjs'),
    path.join(playground, 'package.json'),
    path.join(playground, 'config', 'admin.js'),
    path.join(root, 'node_modules', '@strapi', 'strapi', 'package.json'),
    ...readdirSync(path.join(playground, 'src', 'admin')).map((name) => path.join(playground, 'src', 'admin', name)),
  ];
  const hash = createHash('sha256');
  for (const file of files) hash.update(file).update(existsSync(file) ? readFileSync(file) : 'missing');
  return hash.digest('hex');
}

/**
 * Builds the playground's admin panel (`strapi build`, about a minute) unless the last build was made
 * from the same inputs. Run after `npm run build`: the admin bundles the plugin's `dist/admin`.
 */
export function ensureAdminBuild() {
  if (!existsSync(path.join(root, 'dist', 'admin', 'index.mjs'))) {
    throw new Error('dist/admin is missing: run `npm run build` first');
  }
  const inputs = adminBuildInputs();
  if (existsSync(stampFile) && readFileSync(stampFile, 'utf8') === inputs) return;
  const result = spawnSync('npm', ['run', 'build', '-w', 'playground'], {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, NODE_ENV: 'production' },
  });
  if (result.status !== 0) throw new Error(`The playground admin build failed (exit ${result.status})`);
  writeFileSync(stampFile, inputs);
}

/** Debian's Chromium (installed by `node scripts/setup.mjs --browser`). */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** The flags every browser test runs Chromium with: headless, no sandbox (root in CI), nothing phoning home. */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Starts headless Chromium. */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_ARGS });
}

export interface AdminPage {
  context: BrowserContext;
  page: Page;
  /** Console errors and uncaught exceptions seen so far, with where they came from. */
  errors: string[];
}

/** A fresh browser context (own cookies and storage) with one page whose console errors are collected. */
export async function openAdminPage(
  browser: Browser,
  baseURL: string,
  options: { timezoneId?: string } = {},
): Promise<AdminPage> {
  const context = await browser.newContext({
    baseURL,
    acceptDownloads: true,
    viewport: { width: 1440, height: 900 },
    ...options,
  });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() !== 'error') return;
    const { url, lineNumber } = message.location();
    errors.push(`${message.text()}${url ? ` (${url}:${lineNumber})` : ''}`);
  });
  page.on('pageerror', (error) => errors.push(`Uncaught: ${error.message}`));
  return { context, page, errors };
}

/**
 * Opens `target` in the admin signed out, signs in through the login form Strapi redirects to, and waits
 * until the admin brings the agent back to `target` (as a bookmarked inbox does).
 */
export async function logIn(page: Page, email: string, password: string, target = '/admin') {
  await page.goto(target);
  await page.locator('input[name="email"]').fill(email);
  await page.locator('input[name="password"]').fill(password);
  await page.getByRole('button', { name: 'Login' }).click();
  await page.waitForURL((url) => url.pathname === target, { timeout: 30_000 });
}
