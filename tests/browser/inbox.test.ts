// The agent inbox in a real browser: headless Chromium against the playground's built admin.
import { readFileSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import type { AgentSummary, Conversation, Message, Tag } from '../../plugin';
import { launchBrowser, logIn, openAdminPage, type AdminPage } from '../helpers/browser';
import { as, eventually, startConversation, startVisitor, type TestVisitor } from '../helpers/chat';
import { createAgent, startStrapi, type TestAgent, type TestApp } from '../helpers/strapi';

const QUEUE = '/admin/plugins/livechat/queue';
const ESCALATIONS = '/admin/plugins/livechat/escalations';
const CANNED_TEXT = 'Refunds reach your card within 5 business days.';
const NOTE_TEXT = 'Asked twice already, handle with care';

let app: TestApp;
let browser: Browser;
let alice: TestAgent;
let bob: TestAgent;
let bobName: string;
let first: AdminPage;
let second: AdminPage;
let visitor: TestVisitor;
let conversationId: number;

/** The console errors a page logged; each test ends by requiring none. */
const consoleErrors = (...pages: AdminPage[]) => pages.flatMap((page) => page.errors);

const visitorMessages = async () => {
  const response = await app.request
    .get(`/api/livechat/conversations/${conversationId}/messages`)
    .set(visitor.auth)
    .expect(200);
  return (response.body.data.results as Message[]).map((message) => message.text);
};

const conversationAs = async (agent: TestAgent) =>
  (await as(app, agent).get(`/conversations/${conversationId}`).expect(200)).body.data as Conversation;

beforeAll(async () => {
  app = await startStrapi({ admin: true });
  alice = await createAgent(app);
  bob = await createAgent(app);
  await as(app, alice).post('/tags', { name: 'vip', color: '#328048' }).expect(201);
  await as(app, alice)
    .post('/canned-messages', { shortcut: 'refund', title: 'Refund delay', text: CANNED_TEXT })
    .expect(201);
  const agents = (await as(app, alice).get('/agents').expect(200)).body.data.results as AgentSummary[];
  bobName = agents.find((agent) => agent.id === bob.id)!.name;
  browser = await launchBrowser();
  first = await openAdminPage(browser, app.url);
  second = await openAdminPage(browser, app.url);
}, 600_000);

afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

it('a visitor who asks for a human appears live in the queue, and still after a reload', async () => {
  const { page } = first;
  await logIn(page, alice.email, alice.password, QUEUE);
  await page.getByText('Live updates on').waitFor();

  visitor = await startVisitor(app, { name: 'Marie Curie', email: 'marie@example.com' });
  conversationId = (await startConversation(app, visitor)).id;
  await app.request
    .post(`/api/livechat/conversations/${conversationId}/messages`)
    .set(visitor.auth)
    .send({ clientId: 'first', text: 'My refund has not arrived' })
    .expect(201);
  await app.request.post(`/api/livechat/conversations/${conversationId}/human`).set(visitor.auth).expect(200);

  const row = page.locator(`li[data-conversation-id="${conversationId}"]`);
  await row.getByText('Marie Curie').waitFor({ timeout: 5000 });
  await page.getByRole('link', { name: /Queue/ }).getByText('1').waitFor();

  await page.reload();
  await row.getByText('Marie Curie').waitFor();
  expect(consoleErrors(first)).toEqual([]);
});

it('the agent picks it, replies with a canned message, adds an internal note and a tag', async () => {
  const { page } = first;
  await page
    .locator(`li[data-conversation-id="${conversationId}"]`)
    .getByRole('button', { name: 'Start chat' })
    .click();
  // Picked, it is one of My chats: the workspace opens it there.
  await page.waitForURL(`**/plugins/livechat/mine/${conversationId}`);
  expect((await conversationAs(alice)).assignee?.id).toBe(alice.id);

  const reply = page.getByRole('textbox', { name: 'Reply' });
  await reply.click();
  await reply.pressSequentially('/ref');
  await page.getByRole('option', { name: /refund/ }).waitFor();
  await reply.press('Enter');
  expect(await reply.inputValue()).toBe(CANNED_TEXT);
  await reply.pressSequentially(' Anything else?');
  await reply.press('Enter');
  const sent = `${CANNED_TEXT} Anything else?`;
  await page.locator('[data-author="agent"]', { hasText: sent }).waitFor();
  await eventually(async () => expect(await visitorMessages()).toContain(sent));

  await page.getByRole('checkbox', { name: 'Write an internal note' }).check({ force: true });
  const note = page.getByRole('textbox', { name: 'Internal note' });
  await note.fill(NOTE_TEXT);
  await note.press('Enter');
  const noteCard = page.locator('[data-note-id]', { hasText: NOTE_TEXT });
  await noteCard.getByText('Internal note').waitFor();
  expect(await visitorMessages()).not.toContain(NOTE_TEXT);

  await page.getByRole('combobox', { name: 'Add a tag' }).first().click();
  await page.getByRole('option', { name: 'vip' }).click();
  await page.getByRole('group', { name: 'Tags' }).getByText('vip').waitFor();
  await eventually(async () => expect((await conversationAs(alice)).tags.map((tag: Tag) => tag.name)).toEqual(['vip']));
  expect(consoleErrors(first)).toEqual([]);
});

it('the agent escalates to a colleague, who accepts it from the Escalations page', async () => {
  await logIn(second.page, bob.email, bob.password, ESCALATIONS);
  const { page } = first;
  await page.getByRole('button', { name: 'Escalate' }).click();
  const dialog = page.getByRole('dialog', { name: 'Escalate the conversation' });
  await dialog.getByRole('combobox').click();
  await page.getByRole('option', { name: bobName }).click();
  await dialog.getByRole('textbox', { name: 'Note' }).fill('Needs a refund approval');
  await dialog.getByRole('button', { name: 'Escalate' }).click();
  await page.getByText('Escalation pending').waitFor();

  const row = second.page.locator('tr', { hasText: 'Needs a refund approval' });
  await row.getByText('For you').waitFor();
  await row.getByRole('button', { name: 'Accept' }).click();
  await second.page.waitForURL(`**/plugins/livechat/mine/${conversationId}`);
  await second.page.getByText(`Assigned to ${bobName}`).waitFor();
  expect((await conversationAs(bob)).assignee?.id).toBe(bob.id);
  await page.getByText('Escalation accepted').waitFor();
  expect(consoleErrors(first, second)).toEqual([]);
});

it('the second agent ends it with a reason and exports the CSV transcript with notes', async () => {
  const { page } = second;
  await page.getByRole('button', { name: 'End chat' }).click();
  const dialog = page.getByRole('dialog', { name: 'End the conversation' });
  await dialog.getByRole('combobox').click();
  await page.getByRole('option', { name: 'Customer issue resolved' }).click();
  await dialog.getByRole('button', { name: 'End chat' }).click();
  await page.getByText('Ended: Customer issue resolved').waitFor();
  const ended = await conversationAs(bob);
  expect([ended.status, ended.endReason]).toEqual(['ended', 'Customer issue resolved']);

  await page.getByRole('button', { name: 'Export CSV' }).click();
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('menuitem', { name: 'Transcript with internal notes' }).click(),
  ]);
  const csv = readFileSync((await download.path())!, 'utf8');
  expect(download.suggestedFilename()).toMatch(/\.csv$/);
  expect(csv).toContain(CANNED_TEXT);
  expect(csv).toContain(NOTE_TEXT);
  expect(consoleErrors(first, second)).toEqual([]);
});

it('the agent sets their status to Offline and back to Online from the inbox', async () => {
  const { page } = first;
  await page.goto(`${app.url}${QUEUE}`);
  await page.getByText('Live updates on').waitFor();
  const presenceOf = async () => {
    const agents = (await as(app, bob).get('/agents').expect(200)).body.data.results as AgentSummary[];
    return agents.find((agent) => agent.id === alice.id)?.presence;
  };
  const status = page.getByRole('combobox', { name: 'Your status' });

  await status.click();
  await page.getByRole('option', { name: 'Offline' }).click();
  await eventually(async () => expect(await presenceOf()).toBe('offline'));

  await status.click();
  await page.getByRole('option', { name: 'Online' }).click();
  await eventually(async () => expect(await presenceOf()).toBe('online'));
  expect(consoleErrors(first)).toEqual([]);
});
