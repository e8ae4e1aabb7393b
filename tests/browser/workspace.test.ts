// The three-pane agent workspace in a real browser, at 1280×800 and 1024×700: the list, the thread and the
// contact side by side in a page that does not scroll, the composer in view, a URL per conversation, the
// triage row (the visitor's own words, a ticking wait, presence, unread), the Unread filter and the keys.
import type { Browser, Page } from 'playwright-core';
import { EVENTS, VISITOR_NAMESPACE } from '../../plugin';
import { launchBrowser, logIn, openAdminPage, type AdminPage } from '../helpers/browser';
import {
  as,
  goOnline,
  openConversation,
  queuedConversation,
  startConversation,
  startVisitor,
  visitorSays,
} from '../helpers/chat';
import { connectSocket, createAgent, emitAck, startStrapi, type TestAgent, type TestApp } from '../helpers/strapi';

const LIVECHAT = '/admin/plugins/livechat';
const CANNED_TEXT = 'Our opening hours are 9 to 5, Monday to Friday.';

let app: TestApp;
let browser: Browser;
let agent: TestAgent;
let colleague: TestAgent;
let inbox: AdminPage;
/** Conversations `agent` holds, in the order My chats lists them (latest activity first). */
const mine: Array<{ id: number; name: string; visitor: Awaited<ReturnType<typeof openConversation>>['visitor'] }> = [];

/** The document itself does not scroll, in either direction. */
const pageScrolls = (page: Page) =>
  page.evaluate(() => {
    const root = document.scrollingElement!;
    return root.scrollHeight > window.innerHeight || root.scrollWidth > window.innerWidth;
  });

/** Whether an element's box lies inside the viewport. */
const inViewport = async (page: Page, selector: ReturnType<Page['locator']>) => {
  const box = await selector.boundingBox();
  const { width, height } = page.viewportSize()!;
  return Boolean(box && box.x >= 0 && box.y >= 0 && box.x + box.width <= width && box.y + box.height <= height);
};

const card = (page: Page, id: number) => page.locator(`li[data-conversation-id="${id}"]`);

beforeAll(async () => {
  // Long threads are written in a burst: more messages than a visitor may send in the default window.
  app = await startStrapi({ admin: true, config: { rateLimit: { messages: 1000 } } });
  agent = await createAgent(app);
  colleague = await createAgent(app);
  await as(app, agent)
    .post('/canned-messages', { shortcut: 'hours', title: 'Opening hours', text: CANNED_TEXT })
    .expect(201);
  for (const name of ['Ada Lovelace', 'Grace Hopper', 'Alan Turing']) {
    const opened = await openConversation(app, agent, name);
    // A long thread: it must scroll inside its pane, never the page.
    for (let i = 1; i <= 25; i += 1)
      await visitorSays(app, opened.visitor, opened.conversation.id, `${name} line ${i}`);
    // Read by the agent (opening a conversation marks it read).
    await as(app, agent).get(`/conversations/${opened.conversation.id}`).expect(200);
    mine.unshift({ id: opened.conversation.id, name, visitor: opened.visitor });
  }
  browser = await launchBrowser();
  inbox = await openAdminPage(browser, app.url);
  await logIn(inbox.page, agent.email, agent.password, `${LIVECHAT}/mine`);
}, 600_000);

afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

describe.each([
  { width: 1024, height: 700 },
  { width: 1280, height: 800 },
])('at $width×$height', ({ width, height }) => {
  beforeAll(async () => {
    await inbox.page.setViewportSize({ width, height });
  });

  it('list, thread and contact details sit side by side; the composer is in view and the page does not scroll', async () => {
    const { page } = inbox;
    const [first] = mine;
    await page.goto(`${app.url}${LIVECHAT}/mine/${first.id}`);
    const list = page.getByRole('region', { name: 'My chats' });
    const thread = page.getByRole('log', { name: 'Conversation' });
    const details = page.getByRole('complementary', { name: 'Contact details' });
    await thread.getByText(`${first.name} line 25`).waitFor();
    await card(page, first.id).waitFor();
    await details.getByRole('textbox', { name: 'Name' }).waitFor();
    const [listBox, threadBox, detailsBox] = await Promise.all([
      list.boundingBox(),
      thread.boundingBox(),
      details.boundingBox(),
    ]);
    expect(listBox!.x + listBox!.width).toBeLessThanOrEqual(threadBox!.x);
    expect(threadBox!.x + threadBox!.width).toBeLessThanOrEqual(detailsBox!.x);
    expect(detailsBox!.x + detailsBox!.width).toBeLessThanOrEqual(width);
    const composer = page.getByRole('textbox', { name: 'Reply' });
    expect(await inViewport(page, composer)).toBe(true);
    expect(await inViewport(page, page.getByRole('button', { name: 'Send' }))).toBe(true);
    expect(await pageScrolls(page)).toBe(false);
    // The thread scrolls by itself and shows its newest message.
    expect(await thread.evaluate((element) => element.scrollHeight > element.clientHeight)).toBe(true);
    expect(await inViewport(page, thread.getByText(`${first.name} line 25`))).toBe(true);
    expect(inbox.errors).toEqual([]);
  });

  it('switching conversations keeps the list and changes the URL; back and forward follow', async () => {
    const { page } = inbox;
    const [first, second] = mine;
    await page.goto(`${app.url}${LIVECHAT}/mine/${first.id}`);
    const list = page.getByRole('region', { name: 'My chats' });
    await card(page, second.id).waitFor();
    // A mark on the list's element: still there after switching means the list was not rebuilt.
    await list.evaluate((element) => element.setAttribute('data-test-kept', 'yes'));
    await card(page, second.id).getByRole('link', { name: second.name }).click();
    await page.waitForURL(`**${LIVECHAT}/mine/${second.id}`);
    await page.getByRole('log', { name: 'Conversation' }).getByText(`${second.name} line 25`).waitFor();
    expect(await list.getAttribute('data-test-kept')).toBe('yes');
    expect(await card(page, second.id).getAttribute('aria-current')).toBe('true');

    await page.goBack();
    await page.waitForURL(`**${LIVECHAT}/mine/${first.id}`);
    await page.getByRole('log', { name: 'Conversation' }).getByText(`${first.name} line 25`).waitFor();
    await page.goForward();
    await page.waitForURL(`**${LIVECHAT}/mine/${second.id}`);
    await page.getByRole('log', { name: 'Conversation' }).getByText(`${second.name} line 25`).waitFor();
    expect(await list.getAttribute('data-test-kept')).toBe('yes');
    expect(inbox.errors).toEqual([]);
  });

  it('j / k and Alt+↓ / Alt+↑ open the next and previous conversation; ? lists the shortcuts, not while typing', async () => {
    const { page } = inbox;
    await page.goto(`${app.url}${LIVECHAT}/mine`);
    await page.locator('li[data-conversation-id]').nth(2).waitFor();
    // In the list's order (latest activity first), whatever earlier tests changed.
    const [first, second, third] = await page
      .locator('li[data-conversation-id]')
      .evaluateAll((cards) => cards.map((element) => Number(element.getAttribute('data-conversation-id'))));
    await card(page, first).getByRole('link').click();
    await page.waitForURL(`**${LIVECHAT}/mine/${first}`);
    await page.getByRole('textbox', { name: 'Reply' }).waitFor();
    await page.keyboard.press('j');
    await page.waitForURL(`**${LIVECHAT}/mine/${second}`);
    await page.keyboard.press('Alt+ArrowDown');
    await page.waitForURL(`**${LIVECHAT}/mine/${third}`);
    await page.keyboard.press('k');
    await page.waitForURL(`**${LIVECHAT}/mine/${second}`);
    await page.keyboard.press('Alt+ArrowUp');
    await page.waitForURL(`**${LIVECHAT}/mine/${first}`);

    const reply = page.getByRole('textbox', { name: 'Reply' });
    await reply.fill('');
    await reply.pressSequentially('Why?');
    expect(await reply.inputValue()).toBe('Why?');
    expect(await page.getByRole('dialog', { name: 'Keyboard shortcuts' }).count()).toBe(0);
    await reply.fill('');
    await reply.press('Escape');

    await page.keyboard.press('?');
    const help = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
    await help.getByText('Next conversation').waitFor();
    await help.getByText('Switch between reply and internal note').waitFor();
    await page.keyboard.press('Escape');
    await help.waitFor({ state: 'detached' });
    expect(inbox.errors).toEqual([]);
  });

  it('r focuses the composer, Alt+N switches reply and note, / opens the canned messages', async () => {
    const { page } = inbox;
    const [first] = mine;
    await page.goto(`${app.url}${LIVECHAT}/mine/${first.id}`);
    await page.getByRole('log', { name: 'Conversation' }).getByText(`${first.name} line 25`).waitFor();
    await page.keyboard.press('r');
    const reply = page.getByRole('textbox', { name: 'Reply' });
    expect(await reply.evaluate((element) => element === document.activeElement)).toBe(true);
    await page.keyboard.press('Alt+KeyN');
    await page.locator('[data-composer-mode="note"]').waitFor();
    await page.keyboard.press('Alt+KeyN');
    await page.locator('[data-composer-mode="reply"]').waitFor();
    await reply.press('Escape');
    await page.keyboard.press('/');
    await page.getByRole('option', { name: /hours/ }).waitFor();
    await reply.press('Enter');
    expect(await reply.inputValue()).toBe(CANNED_TEXT);
    await reply.fill('');
    expect(inbox.errors).toEqual([]);
  });

  it("a queue row shows the visitor's own last message, a wait that ticks and whether they are online", async () => {
    const { page } = inbox;
    const visitor = await startVisitor(app, { name: `Waiting ${width}` });
    const conversation = await startConversation(app, visitor);
    const question = `Can I change my delivery address? (${width})`;
    await visitorSays(app, visitor, conversation.id, question);
    await app.request.post(`/api/livechat/conversations/${conversation.id}/human`).set(visitor.auth).expect(200);
    await page.goto(`${app.url}${LIVECHAT}/queue`);
    const row = card(page, conversation.id);
    // The bot refused the question before the visitor asked for a person: the row shows the question.
    await row.locator('[data-visitor-message]').getByText(question).waitFor();
    const dot = row.locator('[data-visitor-online]');
    expect(await dot.getAttribute('data-visitor-online')).toBe('false');
    // The visitor opens the chat (their socket): the dot turns green live, and grey again when they leave.
    const socket = await connectSocket(app.url, VISITOR_NAMESPACE, visitor.token);
    await row.locator('[data-visitor-online="true"]').waitFor();
    expect(await dot.getAttribute('aria-label')).toBe('Visitor online');
    // A new message updates the row live, and the visitor is still shown online.
    const followUp = `Or pick it up in store? (${width})`;
    await emitAck(socket, EVENTS.messageSend, {
      conversationId: conversation.id,
      clientId: `f-${width}`,
      text: followUp,
    });
    await row.locator('[data-visitor-message]').getByText(followUp).waitFor();
    expect(await dot.getAttribute('data-visitor-online')).toBe('true');
    socket.disconnect();
    await row.locator('[data-visitor-online="false"]').waitFor();
    const wait = row.locator('[data-wait]');
    const before = await wait.innerText();
    await page.waitForFunction(
      ([id, text]) => document.querySelector(`li[data-conversation-id="${id}"] [data-wait]`)?.textContent !== text,
      [conversation.id, before] as const,
    );
    expect(await wait.innerText()).toMatch(/\d+ s|\d+ min/);
    expect(await pageScrolls(page)).toBe(false);
    expect(inbox.errors).toEqual([]);
  });

  it('the Unread filter keeps the conversations with messages nobody read, and says so in the URL', async () => {
    const { page } = inbox;
    const [, second] = mine;
    await page.goto(`${app.url}${LIVECHAT}/mine`);
    await card(page, second.id).waitFor();
    const news = `News for you (${width})`;
    await visitorSays(app, second.visitor, second.id, news);
    await card(page, second.id).getByLabel('1 unread').waitFor();
    await page.getByRole('switch', { name: 'Unread' }).click();
    await page.waitForURL(/unread=true/);
    await card(page, second.id).locator('[data-visitor-message]').getByText(news).waitFor();
    await page.waitForFunction(() => document.querySelectorAll('li[data-conversation-id]').length === 1);
    // Opening it reads it; the filter stays in the URL.
    await card(page, second.id).getByRole('link', { name: second.name }).click();
    await page.waitForURL(new RegExp(`/mine/${second.id}\\?unread=true`));
    // Read now, it keeps its place in the list while it is open.
    await card(page, second.id).getByLabel('1 unread').waitFor({ state: 'detached' });
    expect(await card(page, second.id).getAttribute('aria-current')).toBe('true');
    await page.getByRole('switch', { name: 'Unread' }).click();
    await page.waitForURL((url) => !url.search.includes('unread'));
    expect(inbox.errors).toEqual([]);
  });

  it("Escalations and All chats fit: Accept is in view, All chats' cards are whole, the page does not scroll", async () => {
    const { page } = inbox;
    const { conversation } = await openConversation(app, colleague, `Escalated ${width}`);
    await as(app, colleague)
      .post(`/conversations/${conversation.id}/escalations`, {
        toAgentId: agent.id,
        note: 'A refund above the limit, please approve with the finance team before Friday',
        expectedResolutionMinutes: 30,
      })
      .expect(201);
    await page.goto(`${app.url}${LIVECHAT}/escalations`);
    const row = page.locator(`[data-escalation-id]`, { hasText: `Escalated ${width}` });
    const accept = row.getByRole('button', { name: 'Accept' });
    await accept.waitFor();
    expect(await inViewport(page, accept)).toBe(true);
    expect(await inViewport(page, row.getByRole('button', { name: 'Reject' }))).toBe(true);
    expect(await page.evaluate(() => document.scrollingElement!.scrollWidth <= window.innerWidth)).toBe(true);

    // All chats: compact cards with the conversation beside them, nothing cut off at the right.
    await page.goto(`${app.url}${LIVECHAT}/all/${conversation.id}`);
    const allCard = card(page, conversation.id);
    await allCard.getByText('Open', { exact: true }).waitFor();
    expect(await inViewport(page, allCard)).toBe(true);
    expect(await inViewport(page, page.getByRole('button', { name: 'Filters' }))).toBe(true);
    expect(await pageScrolls(page)).toBe(false);
    expect(inbox.errors).toEqual([]);
  });
});

it('an unsent reply stays with its conversation while the agent looks at another one', async () => {
  const { page } = inbox;
  const [first, second] = mine;
  await page.goto(`${app.url}${LIVECHAT}/mine/${first.id}`);
  const reply = page.getByRole('textbox', { name: 'Reply' });
  await reply.fill('Half-written answer for the first visitor');
  await card(page, second.id).getByRole('link', { name: second.name }).click();
  await page.waitForURL(`**${LIVECHAT}/mine/${second.id}`);
  await page.getByRole('log', { name: 'Conversation' }).getByText(`${second.name} line 25`).waitFor();
  expect(await reply.inputValue()).toBe('');
  await card(page, first.id).getByRole('link', { name: first.name }).click();
  await page.getByRole('log', { name: 'Conversation' }).getByText(`${first.name} line 25`).waitFor();
  expect(await reply.inputValue()).toBe('Half-written answer for the first visitor');
  await reply.fill('');
  expect(inbox.errors).toEqual([]);
});

it('an old conversation link (emails, alerts) opens the conversation in its list', async () => {
  const { page } = inbox;
  await goOnline(app, agent);
  const { conversation } = await queuedConversation(app, 'Linked visitor');
  await page.goto(`${app.url}${LIVECHAT}/conversation/${conversation.id}`);
  await page.waitForURL(`**${LIVECHAT}/queue/${conversation.id}`);
  await card(page, conversation.id).waitFor();
  await page.getByRole('button', { name: 'Start chat' }).first().waitFor();
  expect(inbox.errors).toEqual([]);
});

it('on a narrow screen an open conversation takes the width, with a way back to the list and the details on demand', async () => {
  const { page } = inbox;
  await page.setViewportSize({ width: 860, height: 700 });
  const [first] = mine;
  await page.goto(`${app.url}${LIVECHAT}/mine/${first.id}`);
  const composer = page.getByRole('textbox', { name: 'Reply' });
  await composer.waitFor();
  expect(await page.getByRole('region', { name: 'My chats' }).count()).toBe(0);
  expect(await page.getByRole('complementary', { name: 'Contact details' }).count()).toBe(0);
  expect(await inViewport(page, composer)).toBe(true);
  await page.getByRole('button', { name: 'Details' }).click();
  await page.getByRole('complementary', { name: 'Contact details' }).getByRole('textbox', { name: 'Name' }).waitFor();
  await page.getByRole('link', { name: 'Back to the list' }).click();
  await page.waitForURL(`**${LIVECHAT}/mine`);
  await card(page, first.id).waitFor();
  expect(await pageScrolls(page)).toBe(false);
  expect(inbox.errors).toEqual([]);
});
