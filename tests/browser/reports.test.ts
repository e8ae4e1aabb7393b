// The Reports page in a real browser: figures for the filtered conversations, the chart, the CSV.
import { readFileSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { actionId } from '../../plugin';
import { launchBrowser, logIn, openAdminPage, type AdminPage } from '../helpers/browser';
import { as, openConversation, startConversation, startVisitor } from '../helpers/chat';
import { createAgent, startStrapi, type TestAgent, type TestApp } from '../helpers/strapi';

const REPORTS = '/admin/plugins/livechat/reports';
const today = new Date().toISOString().slice(0, 10);

let app: TestApp;
let browser: Browser;
let supervisor: TestAgent;
let agent: TestAgent;
let admin: AdminPage;
let endReason: string;

const figure = (id: string) => admin.page.locator(`[data-figure="${id}"]`);

beforeAll(async () => {
  app = await startStrapi({ admin: true });
  supervisor = await createAgent(app);
  // Reads and replies, but may not export: no Reports page.
  agent = await createAgent(app, { actions: (['read', 'reply'] as const).map(actionId) });
  const reasons = (await as(app, supervisor).get('/end-reasons').expect(200)).body.data.results as Array<{
    id: number;
    label: string;
  }>;
  for (const name of ['Ada', 'Grace', 'Edsger']) await startConversation(app, await startVisitor(app, { name }));
  const { conversation } = await openConversation(app, supervisor, 'Barbara');
  await as(app, supervisor)
    .post(`/conversations/${conversation.id}/messages`, { clientId: 'answer', text: 'Done for you.' })
    .expect(201);
  await as(app, supervisor).post(`/conversations/${conversation.id}/end`, { reasonId: reasons[0].id }).expect(200);
  endReason = reasons[0].label;
  browser = await launchBrowser();
  admin = await openAdminPage(browser, app.url);
}, 600_000);

afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

it('shows volume, bot containment, speed, end reasons and the day chart for the conversations', async () => {
  await logIn(admin.page, supervisor.email, supervisor.password, REPORTS);
  await figure('conversations').getByText('4', { exact: true }).waitFor();
  await figure('containment').getByText('75 %').waitFor();
  await figure('agents').getByText('1', { exact: true }).waitFor();
  await figure('answer-feedback').getByText('0 👍 · 0 👎').waitFor();
  await admin.page.getByRole('grid', { name: 'End reasons' }).getByText(endReason).waitFor();
  const bar = admin.page.getByRole('list', { name: 'Conversations per day' }).locator(`[data-day="${today}"]`);
  expect(await bar.getAttribute('aria-label')).toMatch(/4 conversations, 3 by the bot alone/);
  // The chart has a scale (0, 2, 4 for a busiest day of 4) and each bar its count.
  expect(await bar.locator('[data-count]').textContent()).toBe('4');
  for (const tick of ['0', '2', '4']) await admin.page.locator(`[data-tick="${tick}"]`).waitFor();
  expect(admin.errors).toEqual([]);
});

it('a status filter narrows the figures, and the CSV holds the same conversations', async () => {
  const { page } = admin;
  await page.getByRole('combobox', { name: 'Status', exact: true }).click();
  await page.getByRole('option', { name: 'Ended' }).click();
  await figure('conversations').getByText('1', { exact: true }).waitFor();
  await page.waitForURL(/status=ended/);

  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Export report (CSV)' }).click(),
  ]);
  const rows = readFileSync((await download.path())!, 'utf8')
    .trim()
    .split('\n');
  expect(rows).toHaveLength(2);
  expect(rows[1]).toContain('Barbara');
  expect(admin.errors).toEqual([]);
});

it('an agent without the export permission has no Reports link and is refused the page', async () => {
  const own = await openAdminPage(browser, app.url);
  await logIn(own.page, agent.email, agent.password, '/admin/plugins/livechat/queue');
  await own.page.getByText('Live updates on').waitFor();
  expect(await own.page.getByRole('link', { name: 'Reports' }).count()).toBe(0);
  await own.page.goto(`${app.url}${REPORTS}`);
  await own.page.getByText(/don't have the permissions/i).waitFor();
  expect(own.errors).toEqual([]);
  await own.context.close();
});
