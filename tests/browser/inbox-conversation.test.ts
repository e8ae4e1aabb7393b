// The conversation view in a real browser: the hint panel's answer inserted with one click, the read
// state of the agent's last message turning from "Sent" to "Seen" live, an agent's reply saved to knowledge,
// taking a chat over from the bot and assigning a queued one to a colleague who is online.
import type { Browser } from 'playwright-core';
import type { AgentSummary, FailedResponse, JourneyEvent, Message } from '../../plugin';
import { launchBrowser, logIn, openAdminPage, type AdminPage } from '../helpers/browser';
import {
  as,
  eventually,
  goOnline,
  openConversation,
  queuedConversation,
  startConversation,
  startVisitor,
  visitorSays,
  type TestVisitor,
} from '../helpers/chat';
import { answeredLive, publishEntry } from '../helpers/knowledge';
import { createAgent, startStrapi, type TestAgent, type TestApp } from '../helpers/strapi';

const ANSWER = 'Standard delivery takes 2 to 4 working days in the UK.';

let app: TestApp;
let browser: Browser;
let agent: TestAgent;
let inbox: AdminPage;
let visitor: TestVisitor;
let conversationId: number;

beforeAll(async () => {
  app = await startStrapi({ admin: true });
  agent = await createAgent(app);
  await publishEntry(app, {
    title: 'How long does delivery take?',
    answer: ANSWER,
    alternativeQuestions: ['When will my parcel arrive?'],
    url: 'https://shop.example/help/delivery',
  });
  const opened = await openConversation(app, agent, 'Hugo Reader');
  visitor = opened.visitor;
  conversationId = opened.conversation.id;
  browser = await launchBrowser();
  inbox = await openAdminPage(browser, app.url);
  await logIn(inbox.page, agent.email, agent.password, '/admin/plugins/livechat/queue');
}, 600_000);

afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

it('the hint panel suggests an answer with its source; Insert puts it in the composer to edit and send', async () => {
  await visitorSays(app, visitor, conversationId, 'When will my parcel arrive?');
  const { page } = inbox;
  await page.goto(`${app.url}/admin/plugins/livechat/conversation/${conversationId}`);
  const panel = page.getByRole('region', { name: 'Suggested answer' });
  await panel.getByText(ANSWER).waitFor();
  await panel.getByRole('link', { name: 'How long does delivery take?' }).waitFor();
  await panel.getByRole('button', { name: 'Insert' }).click();
  const reply = page.getByRole('textbox', { name: 'Reply' });
  expect(await reply.inputValue()).toContain(ANSWER);
  await reply.press('End');
  await reply.pressSequentially(' Anything else?');
  await reply.press('Enter');
  await page.locator('[data-author="agent"]', { hasText: 'Anything else?' }).waitFor();
  expect(inbox.errors).toEqual([]);
});

it('the last agent message shows "Sent" until the visitor reads it, then "Seen", without a reload', async () => {
  const { page } = inbox;
  const readState = page.locator('[data-read-state]');
  await readState.getByText('Sent').waitFor();
  const read = await app.request
    .get(`/api/livechat/conversations/${conversationId}/messages`)
    .set(visitor.auth)
    .expect(200);
  expect((read.body.data.results as Message[]).some((m) => m.text.endsWith('Anything else?'))).toBe(true);
  await readState.getByText('Seen').waitFor();
  await eventually(async () => {
    const detail = await as(app, agent).get(`/conversations/${conversationId}`).expect(200);
    expect(detail.body.data.unreadByVisitor).toBe(0);
  });
  expect(inbox.errors).toEqual([]);
});

describe.each([
  { width: 1280, height: 800, question: 'Do you gift-wrap presents?', answer: 'Yes: gift wrapping costs 3 pounds.' },
  {
    width: 1024,
    height: 700,
    question: 'Can I pay with cryptocurrency?',
    answer: 'No, we take cards and bank transfers only.',
  },
])('Save to knowledge at $width×$height', ({ width, height, question, answer }) => {
  it("makes a draft entry of the visitor's question and the agent's reply, which the question's failed response links to", async () => {
    const live = await answeredLive(app, agent, question, answer);
    const { page } = inbox;
    await page.setViewportSize({ width, height });
    await page.goto(`${app.url}/admin/plugins/livechat/conversation/${live.conversationId}`);
    const bubble = page.locator(`[data-message-id="${live.reply.id}"]`);
    await bubble.getByText(answer).waitFor();
    // Only the agent's message offers it.
    expect(
      await page.locator('[data-author="visitor"]').getByRole('button', { name: 'Save to knowledge' }).count(),
    ).toBe(0);
    await bubble.getByRole('button', { name: 'Save to knowledge' }).click();
    await bubble.getByText('Saved as a knowledge draft').waitFor();

    const groups = (
      await as(app, agent)
        .get(`/failed-responses?q=${encodeURIComponent(question)}`)
        .expect(200)
    ).body.data.results as FailedResponse[];
    expect(groups).toHaveLength(1);
    const detail = (await as(app, agent).get(`/failed-responses/${groups[0].id}`).expect(200)).body.data;
    expect(detail).toMatchObject({
      status: 'open',
      knowledgeEntry: { title: question, answer, published: false },
    });
    expect(detail.knowledgeEntryId).toBe(detail.knowledgeEntry.documentId);
    expect(inbox.errors).toEqual([]);
  });
});

describe.each([
  { width: 1280, height: 800 },
  { width: 1024, height: 700 },
])('taking chats at $width×$height', ({ width, height }) => {
  it('Take over on a chat the bot is handling: the agent holds it and the journey records the intervention', async () => {
    const shopper = await startVisitor(app, { name: `Bot chat ${width}` });
    const { id } = await startConversation(app, shopper);
    await visitorSays(app, shopper, id, 'Is the blue kettle in stock?');
    const { page } = inbox;
    await page.setViewportSize({ width, height });
    await page.goto(`${app.url}/admin/plugins/livechat/conversation/${id}`);
    await page.getByRole('button', { name: 'Take over' }).click();
    await page.getByText(/^Assigned to /).waitFor();
    expect(await page.getByRole('button', { name: 'Take over' }).count()).toBe(0);

    const detail = (await as(app, agent).get(`/conversations/${id}`).expect(200)).body.data;
    expect(detail).toMatchObject({ status: 'open', assignee: { id: agent.id } });
    const journey = (await as(app, agent).get(`/contacts/${shopper.contactId}/journey`).expect(200)).body.data
      .results as JourneyEvent[];
    expect(journey.map((event) => event.type)).toContain('conversation.taken-over');
    expect(inbox.errors).toEqual([]);
  });

  it('Assign to… lists the colleagues online with their load and gives the queued chat to the one chosen', async () => {
    const colleague = await createAgent(app);
    await goOnline(app, colleague);
    const name = ((await as(app, agent).get('/agents').expect(200)).body.data.results as AgentSummary[]).find(
      (candidate) => candidate.id === colleague.id,
    )!.name;
    const { conversation } = await queuedConversation(app, `Queued ${width}`);
    const { page } = inbox;
    await page.setViewportSize({ width, height });
    await page.goto(`${app.url}/admin/plugins/livechat/conversation/${conversation.id}`);
    await page.getByRole('button', { name: 'Assign to…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Assign the conversation' });
    await dialog.getByRole('combobox').click();
    await page.getByRole('option', { name: `${name} · 0 of 5 open` }).click();
    await dialog.getByRole('button', { name: 'Assign' }).click();
    await page.getByText(`Assigned to ${name}`).waitFor();

    const detail = (await as(app, agent).get(`/conversations/${conversation.id}`).expect(200)).body.data;
    expect(detail).toMatchObject({ status: 'open', assignee: { id: colleague.id } });
    expect(inbox.errors).toEqual([]);
  });
});
