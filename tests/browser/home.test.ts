// Beyond the Live chat pages: the waiting count on the main navigation's Live chat icon, and the Strapi
// home page's Live chat widget (queue, my open chats, today's figures), at both screen sizes.
import type { Browser } from 'playwright-core';
import { actionId } from '../../plugin';
import { launchBrowser, logIn, openAdminPage, type AdminPage } from '../helpers/browser';
import { as, openConversation, queuedConversation } from '../helpers/chat';
import { createAgent, startStrapi, type TestAgent, type TestApp } from '../helpers/strapi';

const SIZES = [
  { width: 1280, height: 800 },
  { width: 1024, height: 700 },
];

let app: TestApp;
let browser: Browser;
let supervisor: TestAgent;
let agent: TestAgent;

beforeAll(async () => {
  app = await startStrapi({ admin: true });
  supervisor = await createAgent(app);
  // Reads and replies, but may not export: the widget leaves today's figures out.
  agent = await createAgent(app, { actions: (['read', 'reply'] as const).map(actionId) });
  await queuedConversation(app, 'Ada');
  await queuedConversation(app, 'Grace');
  browser = await launchBrowser();
}, 600_000);

afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

const navBadge = (admin: AdminPage) => admin.page.getByRole('status', { name: /visitors? waiting/ });

it('the Live chat icon in the main navigation shows how many visitors wait, and follows the queue', async () => {
  const admin = await openAdminPage(browser, app.url);
  await logIn(admin.page, supervisor.email, supervisor.password);
  await admin.page.setViewportSize(SIZES[0]);
  await admin.page.getByRole('status', { name: '2 visitors waiting' }).waitFor();
  expect(await navBadge(admin).textContent()).toBe('2');
  // At 1024 px Strapi moves the Live chat link into its menu: the count is on the icon there.
  await admin.page.setViewportSize(SIZES[1]);
  await admin.page.getByRole('button', { name: 'Menu' }).click();
  await admin.page.getByRole('status', { name: '2 visitors waiting' }).waitFor();
  await admin.page.keyboard.press('Escape');
  await admin.page.setViewportSize(SIZES[0]);
  await queuedConversation(app, 'Edsger');
  // The count is read again every 10 s while the admin is open.
  await admin.page.getByRole('status', { name: '3 visitors waiting' }).waitFor({ timeout: 20_000 });
  expect(admin.errors).toEqual([]);
  await admin.context.close();
}, 120_000);

it('the home page widget shows the queue, my open chats with links, and today’s figures to supervisors', async () => {
  const { conversation } = await openConversation(app, supervisor, 'Barbara');
  await as(app, supervisor)
    .post(`/conversations/${conversation.id}/messages`, { clientId: 'hello', text: 'Hello Barbara' })
    .expect(201);
  const admin = await openAdminPage(browser, app.url);
  await logIn(admin.page, supervisor.email, supervisor.password);
  for (const size of SIZES) {
    await admin.page.setViewportSize(size);
    const waiting = admin.page.getByTestId('home-waiting');
    await waiting.getByText('3', { exact: true }).waitFor();
    await admin.page.getByTestId('home-mine').getByText('1', { exact: true }).waitFor();
    await admin.page.getByTestId('home-today').getByText('4', { exact: true }).waitFor();
    expect(await admin.page.getByTestId('home-today-detail').textContent()).toMatch(/Bot containment 0 %/);
    await admin.page.getByRole('link', { name: 'Barbara' }).scrollIntoViewIfNeeded();
    expect(await admin.page.getByRole('link', { name: 'Barbara' }).isVisible()).toBe(true);
  }
  await admin.page.getByRole('link', { name: 'Barbara' }).click();
  // The old conversation address takes the agent to the conversation in its list (My chats).
  await admin.page.waitForURL(`**/plugins/livechat/mine/${conversation.id}`);
  await admin.page.getByText('Hello Barbara').first().waitFor();
  expect(admin.errors).toEqual([]);
  await admin.context.close();
}, 120_000);

it('an agent who may not read reports sees the queue and their chats, without today’s figures', async () => {
  const admin = await openAdminPage(browser, app.url);
  await logIn(admin.page, agent.email, agent.password);
  await admin.page.getByTestId('home-waiting').getByText('3', { exact: true }).waitFor();
  await admin.page.getByTestId('home-mine').getByText('0', { exact: true }).waitFor();
  expect(await admin.page.getByTestId('home-today').count()).toBe(0);
  expect(admin.errors).toEqual([]);
  await admin.context.close();
}, 120_000);
