// The README's pictures, taken from the playground so they can be kept current: the inbox, a
// conversation and the widget on a desktop and a phone. `npm run screenshots` (after `npm run build`).
// Boots the playground on a throwaway SQLite file with the demo content and users, builds its admin
// panel first, drives Debian's Chromium and writes docs/screenshots/*.png.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const { createStrapi } = require('@strapi/strapi');
const { chromium } = require('playwright-core');

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const playground = path.join(root, 'playground');
const output = path.join(root, 'docs', 'screenshots');
const AGENT = { email: 'agent@livechat.local', password: 'Livechat-demo-1' };
const DESKTOP = { width: 1280, height: 800 };
const PHONE = { width: 390, height: 844 };

/** The playground's .env (written by scripts/setup.mjs) as process environment, without overriding. */
function loadPlaygroundEnv() {
  for (const line of readFileSync(path.join(playground, '.env'), 'utf8').split('\n')) {
    const match = /^([A-Z_][A-Z0-9_]*)=(.*)$/.exec(line.trim());
    if (match && process.env[match[1]] === undefined) process.env[match[1]] = match[2];
  }
}

function buildAdmin() {
  console.log('> npm run build -w playground');
  const result = spawnSync('npm', ['run', 'build', '-w', 'playground'], { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) throw new Error(`the playground admin build failed (exit ${result.status})`);
}

async function startPlayground(databaseFile) {
  Object.assign(process.env, {
    DATABASE_CLIENT: 'sqlite',
    DATABASE_FILENAME: databaseFile,
    SERVE_ADMIN_PANEL: 'true',
    HOST: '127.0.0.1',
    PORT: '0',
    STRAPI_TELEMETRY_DISABLED: 'true',
    LOG_LEVEL: 'warn',
  });
  const strapi = createStrapi({ appDir: playground, distDir: playground, autoReload: false, serveAdminPanel: true });
  await strapi.load();
  await strapi.listen();
  return { strapi, url: `http://127.0.0.1:${strapi.server.httpServer.address().port}` };
}

/** JSON over HTTP, failing loudly: each step of the story must have happened for its picture to be true. */
async function call(url, { method = 'GET', token, body } = {}) {
  const response = await fetch(url, {
    method,
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`${method} ${url} answered ${response.status}: ${await response.text()}`);
  return response.status === 204 ? null : (await response.json()).data;
}

/** Opens the widget on the demo page, asks the bot a question and waits for its answer with sources. */
async function visitorAsks(browser, url, viewport, question) {
  const context = await browser.newContext({ baseURL: url, viewport, isMobile: viewport.width < 600 });
  const page = await context.newPage();
  await page.emulateMedia({ reducedMotion: 'reduce' });
  await page.goto('/index.html');
  await page.getByRole('button', { name: 'Open chat' }).click();
  const box = page.getByRole('textbox', { name: 'Message' });
  await box.fill(question);
  await box.press('Enter');
  await page.locator('livechat-widget .log .sources').first().waitFor();
  return { context, page };
}

async function main() {
  loadPlaygroundEnv();
  // `--skip-admin-build` when the playground's admin is already built from the current sources.
  if (!process.argv.includes('--skip-admin-build')) buildAdmin();
  const scratch = mkdtempSync(path.join(os.tmpdir(), 'livechat-screenshots-'));
  const { strapi, url } = await startPlayground(path.join(scratch, 'data.db'));
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-dev-shm-usage'],
  });
  mkdirSync(output, { recursive: true });
  const shot = async (page, name) => {
    await page.screenshot({ path: path.join(output, `${name}.png`) });
    console.log(`  docs/screenshots/${name}.png`);
  };
  try {
    // The agent signs in first: their open inbox makes them online, so the widget says so.
    const admin = await browser.newContext({ baseURL: url, viewport: DESKTOP });
    const inbox = await admin.newPage();
    await inbox.goto('/admin/plugins/livechat/queue');
    await inbox.locator('input[name="email"]').fill(AGENT.email);
    await inbox.locator('input[name="password"]').fill(AGENT.password);
    await inbox.getByRole('button', { name: 'Login' }).click();
    await inbox.getByText('Live updates on').waitFor();
    // Strapi's own announcement banner is not part of the picture.
    const announcement = inbox.getByText('Introducing the new Media Library');
    if (await announcement.isVisible()) {
      const close = announcement.locator('xpath=ancestor::*[.//button][1]//button').last();
      await close.click({ timeout: 5000 }).catch(() => console.warn("  (Strapi's banner stays in the pictures)"));
    }

    const desktop = await visitorAsks(browser, url, DESKTOP, 'How long does delivery take?');
    await desktop.page.getByText('We are online').first().waitFor();
    await shot(desktop.page, 'widget-desktop');
    const phone = await visitorAsks(browser, url, PHONE, 'Can I return something I bought?');
    await shot(phone.page, 'widget-mobile');

    await desktop.page.getByRole('button', { name: 'Talk to a human' }).first().click();
    const { token } = await call(`${url}/admin/login`, { method: 'POST', body: AGENT });
    const [queued] = (await call(`${url}/livechat/conversations?status=queued`, { token })).results;
    await inbox.locator(`[data-conversation-id="${queued.id}"]`).first().waitFor();
    // The queue with the waiting visitor's conversation open beside it.
    await inbox.goto(`/admin/plugins/livechat/queue/${queued.id}`);
    await inbox
      .getByRole('textbox', { name: 'Reply' })
      .or(inbox.getByRole('button', { name: 'Start chat' }))
      .first()
      .waitFor();
    await shot(inbox, 'inbox');

    await call(`${url}/livechat/conversations/${queued.id}/pick`, { method: 'POST', token, body: {} });
    const reply = 'Hi! Express delivery arrives tomorrow if you order before 2 pm. Shall I add it to your order?';
    await call(`${url}/livechat/conversations/${queued.id}/messages`, {
      method: 'POST',
      token,
      body: { text: reply, clientId: 'screenshot-reply' },
    });
    await inbox.goto(`/admin/plugins/livechat/conversation/${queued.id}`);
    await inbox.getByText(reply).first().waitFor();
    await shot(inbox, 'conversation');
    await desktop.page.locator('livechat-widget .log .msg', { hasText: reply }).waitFor();
    await shot(desktop.page, 'widget-agent-reply');
  } finally {
    await browser.close();
    await strapi.destroy();
    rmSync(scratch, { recursive: true, force: true });
  }
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
