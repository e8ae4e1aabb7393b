// The content editor's loop in a real browser: a question the bot refused, grouped with its rephrasing,
// turned into a published knowledge entry from the Failed responses page; the bot then answers it.
import type { Browser } from 'playwright-core';
import { actionId } from '../../plugin';
import { launchBrowser, logIn, openAdminPage, type AdminPage } from '../helpers/browser';
import { startConversation, startVisitor } from '../helpers/chat';
import { askBot } from '../helpers/knowledge';
import { createAgent, startStrapi, type TestAgent, type TestApp } from '../helpers/strapi';

const LIST = '/admin/plugins/livechat-failed-responses';
const QUESTION = 'Do you deliver to the Shetland Islands?';
const ANSWER = 'Yes: parcels to the Shetland Islands arrive in 3 to 5 working days.';

let app: TestApp;
let browser: Browser;
let editor: TestAgent;
let admin: AdminPage;

const ask = async (text: string) => {
  const visitor = await startVisitor(app);
  return (await askBot(app, visitor, (await startConversation(app, visitor)).id, text)).reply;
};

beforeAll(async () => {
  app = await startStrapi({ admin: true });
  // Manages knowledge only: no inbox permissions at all.
  editor = await createAgent(app, { actions: [actionId('manageKnowledge')] });
  expect((await ask(QUESTION)).offerHuman).toBe(true);
  expect((await ask('do you deliver to the shetland islands')).offerHuman).toBe(true);
  browser = await launchBrowser();
  admin = await openAdminPage(browser, app.url);
}, 600_000);

afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

it('the refused question is listed once with its count, and becomes a published entry in one step', async () => {
  const { page } = admin;
  await logIn(page, editor.email, editor.password, LIST);
  const row = page.locator('tr', { hasText: QUESTION });
  await row.getByText('2', { exact: true }).waitFor();
  await row.getByText('2 ways of asking').waitFor();
  await row.getByRole('button', { name: QUESTION }).click();

  await page.getByRole('button', { name: 'Add to knowledge base' }).click();
  const form = page.getByRole('form', { name: 'New knowledge entry' });
  expect(await form.getByRole('textbox', { name: 'Title' }).inputValue()).toBe(QUESTION);
  await form.getByRole('button', { name: 'Save and publish' }).click();
  await form.getByText('Write the answer the bot should give.').waitFor();

  await form.getByRole('textbox', { name: /^Answer/ }).fill(ANSWER);
  await form.getByRole('button', { name: 'Save and publish' }).click();
  await page.getByText('Published: the bot answers this question from now on.').waitFor();
  expect(admin.errors).toEqual([]);
});

it('the bot now answers the question, citing the new entry', async () => {
  const reply = await ask('Can you deliver to the Shetland islands?');
  expect(reply.offerHuman).toBeFalsy();
  expect(reply.text).toContain('Shetland Islands arrive in 3 to 5 working days');
  expect(reply.sources[0].title).toBe(QUESTION);
});
