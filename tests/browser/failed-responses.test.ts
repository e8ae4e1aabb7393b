// The content editor's loop in a real browser: a question the bot refused, grouped with its rephrasing,
// turned into a published knowledge entry from the Failed responses page; the bot then answers it.
import type { Browser } from 'playwright-core';
import { actionId } from '../../plugin';
import { launchBrowser, logIn, openAdminPage, type AdminPage } from '../helpers/browser';
import { startConversation, startVisitor } from '../helpers/chat';
import { askBot, importEntries } from '../helpers/knowledge';
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

for (const viewport of [
  { width: 1280, height: 800 },
  { width: 1024, height: 700 },
]) {
  it(`an answer voted 👎 is listed under its kind with the answer, its source and Edit this entry (${viewport.width}×${viewport.height})`, async () => {
    const visitor = await startVisitor(app);
    const conversationId = (await startConversation(app, visitor)).id;
    const { reply } = await askBot(app, visitor, conversationId, 'Do you deliver to the Shetland Islands quickly?');
    expect(reply.sources[0].title).toBe(QUESTION);
    await app.request
      .post(`/api/livechat/conversations/${conversationId}/messages/${reply.id}/feedback`)
      .set(visitor.auth)
      .send({ helpful: false })
      .expect(200);

    const { page } = admin;
    await page.setViewportSize(viewport);
    await page.goto(`${app.url}${LIST}`);
    await page.getByRole('combobox', { name: 'Kind' }).click();
    await page.getByRole('option', { name: 'Answer not helpful (👎)' }).click();
    await page.waitForURL(/kind=unhelpful/);
    const row = page.locator('tbody tr', { hasText: 'Shetland Islands quickly' });
    await row.getByText('Answer not helpful (👎)').waitFor();
    // The refused phrasings of the first test are another kind: not in this list.
    expect(await page.locator('tbody tr').count()).toBe(1);
    await row.getByRole('button', { name: /Shetland Islands quickly/ }).click();

    const answered = page.getByRole('heading', { name: 'What the bot answered' });
    await answered.waitFor();
    expect(await answered.locator('xpath=following-sibling::p[1]').textContent()).toBe(reply.text);
    await page.getByRole('heading', { name: 'Answered from' }).waitFor();
    const edit = page.getByRole('link', { name: 'Edit this entry' });
    const entryId = reply.sources[0].id.split(':')[1];
    expect(await edit.getAttribute('href')).toBe(
      `/admin/content-manager/collection-types/plugin::livechat.knowledge-entry/${entryId}`,
    );
    await page.getByRole('button', { name: 'Map to entry' }).waitFor();
    expect(admin.errors).toEqual([]);
  });
}

it('Re-index on the page shows its progress, then the new document count', async () => {
  // Imported (only a re-index sees them), and enough of them, with answers of a few sentences, that the build
  // lasts long enough for the page to read its progress.
  const imported = 8000;
  const vocabulary = (
    'delivery parcel refund voucher sofa cushion warranty invoice account password basket ' +
    'courier label return exchange fabric oak drawer assembly recycling membership discount student business'
  ).split(' ');
  const sentence = (i: number, k: number) =>
    Array.from({ length: 12 }, (_, j) => vocabulary[(i * 7 + k * 5 + j * 3) % vocabulary.length]).join(' ');
  await importEntries(
    app,
    'pageimport',
    Array.from({ length: imported }, (_, i) => ({
      title: `Imported note ${i}`,
      answer: [0, 1, 2, 3, 4].map((k) => `${sentence(i, k)} in note ${i}.`).join(' '),
    })),
  );
  const { page } = admin;
  await page.goto(`${app.url}${LIST}`);
  const index = page.getByRole('region', { name: 'Knowledge index' });
  const counts = (text: string | null) => (text ?? '').match(/\d+/g)?.map(Number) ?? [];
  const [before] = counts(await index.getByText(/documents, indexed/).textContent());
  expect(before).toBeGreaterThan(0);

  // Strapi shares this process with Playwright, so while the build keeps it busy the test cannot watch
  // the page; the page records every progress reading it shows.
  await page.evaluate(() => {
    const seen: string[] = [];
    (window as unknown as { progressSeen: string[] }).progressSeen = seen;
    new MutationObserver(() => {
      for (const element of document.querySelectorAll('section p, section span')) {
        const text = element.textContent ?? '';
        if (/^\d+ of \d+$/.test(text) && !seen.includes(text)) seen.push(text);
      }
    }).observe(document.body, { subtree: true, childList: true, characterData: true });
  });
  await index.getByRole('button', { name: 'Re-index' }).click();
  await index.getByText(`${before + imported} documents, indexed`).waitFor({ timeout: 60_000 });
  const seen = await page.evaluate(() => (window as unknown as { progressSeen: string[] }).progressSeen);
  expect(seen.length).toBeGreaterThan(0);
  for (const reading of seen) {
    const [done, total] = counts(reading);
    expect(total).toBe(before + imported);
    expect(done).toBeLessThanOrEqual(total);
  }
  expect(await index.getByRole('progressbar').count()).toBe(0);
  expect(admin.errors).toEqual([]);
});
