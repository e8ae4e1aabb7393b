// The transcript both sides read, in Chromium: "Seen" both ways, the widget's times, agents' initials and
// bubbles unlike the bot's, "X joined" where it happened, the escalation's time as a relative time in the
// visitor's language, and the expected wait growing as the wait runs past the estimate.
import type { Browser, Page } from 'playwright-core';
import type { VisitorConversation } from '../../plugin';
import { launchBrowser, logIn, openAdminPage } from '../helpers/browser';
import { as, closeOnlineSockets, goOnline } from '../helpers/chat';
import { createAgent, startStrapi, type TestAgent, type TestApp } from '../helpers/strapi';
import { ask, bubble, launcher, panel, widgetPages } from '../helpers/widget';

let app: TestApp;
let alice: TestAgent;
let bob: TestAgent;
let browser: Browser;
const pages = widgetPages(
  () => browser,
  () => app.url,
);

beforeAll(async () => {
  app = await startStrapi({ admin: true, config: { presenceGraceSeconds: 0 } });
  alice = await createAgent(app);
  bob = await createAgent(app);
  await as(app, alice)
    .put('/settings', { routing: { capacity: 100 } })
    .expect(200);
  browser = await launchBrowser();
}, 600_000);

// A console error anywhere (visitor or agent) fails the test that caused it.
afterEach(async () => {
  closeOnlineSockets();
  await pages.closeAll();
});

afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

const VIEWPORTS = [
  { width: 1280, height: 800 },
  { width: 1024, height: 700 },
];

/** The bot's bubbles: the greeting, then its answers. */
const botBubbles = (page: Page) => page.locator('livechat-widget .log > .msg.bot');

/** The visitor's token and newest conversation, as the widget stored and started it. */
async function visitorsConversation(page: Page) {
  const stored = await page.evaluate(() => localStorage.getItem('livechat'));
  const auth = { Authorization: `Bearer ${(JSON.parse(stored ?? '{}') as { token: string }).token}` };
  const list = await app.request.get('/api/livechat/conversations').set(auth).expect(200);
  const [conversation] = list.body.data.results as VisitorConversation[];
  return { auth, conversation };
}

/** The visitor writes in the widget, the bot answers, and the visitor asks for a person (over REST). */
async function waitingVisitor(page: Page, text: string, launcherName?: string) {
  await launcher(page, launcherName).click();
  await ask(page, text);
  await botBubbles(page).nth(1).waitFor();
  const { auth, conversation } = await visitorsConversation(page);
  await app.request.post(`/api/livechat/conversations/${conversation.id}/human`).set(auth).expect(200);
  return { auth, conversation };
}

/** The widget's transcript as kinds in order: `visitor`, `bot`, `agent`, `joined`. */
const transcriptKinds = (page: Page) =>
  page
    .locator('livechat-widget .log > .msg')
    .evaluateAll((nodes) =>
      nodes.map((node) =>
        node.getAttribute('data-testid') === 'joined'
          ? 'joined'
          : (['visitor', 'bot', 'agent'].find((kind) => node.classList.contains(kind)) ?? 'other'),
      ),
    );

describe.each(VIEWPORTS)('at $width×$height', (viewport) => {
  it('Seen both ways; times, initials and agent bubbles unlike the bot; "joined" stays where it happened', async () => {
    const { page } = await pages.visitor({ viewport });
    const { conversation } = await waitingVisitor(page, `Where is my order? ${viewport.width}`);
    await goOnline(app, alice);
    await as(app, alice).post(`/conversations/${conversation.id}/pick`).expect(200);
    await page.locator('livechat-widget [data-testid="joined"]').getByText('Test Agent 1 joined').waitFor();

    // Before the agent opens the thread the visitor's latest message says "Sent".
    const visitorBubble = bubble(page, `Where is my order? ${viewport.width}`);
    await visitorBubble.locator('[data-receipt="sent"]').getByText('Sent').waitFor();

    const desk = pages.track(await openAdminPage(browser, app.url));
    await desk.page.setViewportSize(viewport);
    await logIn(desk.page, alice.email, alice.password, `/admin/plugins/livechat/conversation/${conversation.id}`);
    await visitorBubble.locator('[data-receipt="seen"]').getByText('Seen').waitFor();

    const reply = desk.page.getByRole('textbox', { name: 'Reply' });
    await reply.fill('Your parcel left this morning.');
    await reply.press('Enter');
    const agentBubble = bubble(page, 'Your parcel left this morning.');
    await agentBubble.waitFor();
    // The panel is open on the reply: the agent sees "Seen" without a reload.
    await desk.page.locator('[data-read-state="seen"]').getByText('Seen').waitFor();

    // The agent's initials and the message's time; the bot's bubble looks different.
    expect(await agentBubble.locator('.avatar').textContent()).toBe('TA');
    expect(await agentBubble.locator('time').textContent()).toMatch(/^\d{1,2}:\d{2}/);
    expect(await agentBubble.locator('time').getAttribute('datetime')).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    const botBubble = botBubbles(page).last();
    const look = (locator: typeof botBubble) =>
      locator.evaluate((node) => {
        const style = getComputedStyle(node);
        return `${style.backgroundColor} ${style.borderLeftWidth} ${style.borderLeftColor}`;
      });
    expect(await look(agentBubble)).not.toBe(await look(botBubble));

    // "Joined" sits between the visitor's request and the agent's reply, and stays there as the chat goes on.
    await as(app, alice)
      .post(`/conversations/${conversation.id}/messages`, {
        clientId: `later-${viewport.width}`,
        text: 'Anything else?',
      })
      .expect(201);
    await bubble(page, 'Anything else?').waitFor();
    const kinds = await transcriptKinds(page);
    expect(kinds.indexOf('joined')).toBeGreaterThan(kinds.indexOf('visitor'));
    expect(kinds.slice(kinds.indexOf('joined'))).toEqual(['joined', 'agent', 'agent']);
    const deskLines = await desk.page
      .locator('[role="log"] [data-testid="joined"], [role="log"] [data-author]')
      .evaluateAll((nodes) => nodes.map((node) => node.getAttribute('data-author') ?? 'joined'));
    expect(deskLines.slice(deskLines.indexOf('joined'))).toEqual(['joined', 'agent', 'agent']);
  });

  it('after a transfer both agents\' "joined" lines stay where they happened, in the widget and the thread', async () => {
    const { page } = await pages.visitor({ viewport });
    const { conversation } = await waitingVisitor(page, `Can I change my address? ${viewport.width}`);
    await goOnline(app, alice);
    await goOnline(app, bob);
    await as(app, alice).post(`/conversations/${conversation.id}/pick`).expect(200);
    const say = (agent: TestAgent, text: string) =>
      as(app, agent)
        .post(`/conversations/${conversation.id}/messages`, { clientId: `${text.length}-${viewport.width}`, text })
        .expect(201);
    await say(alice, 'Let me pass you to our delivery team.');
    await as(app, alice).post(`/conversations/${conversation.id}/transfer`, { agentId: bob.id }).expect(200);
    await say(bob, 'Hello, which address should we use?');
    await bubble(page, 'Hello, which address should we use?').waitFor();

    const nameOf = async (agent: TestAgent) => {
      const user = await app.strapi.db.query('admin::user').findOne({ where: { id: agent.id } });
      return `${user.firstname} ${user.lastname}`;
    };
    const joined = page.locator('livechat-widget [data-testid="joined"]');
    expect(await joined.allTextContents()).toEqual([
      expect.stringContaining(`${await nameOf(alice)} joined`),
      expect.stringContaining(`${await nameOf(bob)} joined`),
    ]);
    const kinds = await transcriptKinds(page);
    expect(kinds.slice(kinds.indexOf('joined'))).toEqual(['joined', 'agent', 'joined', 'agent']);

    const desk = pages.track(await openAdminPage(browser, app.url));
    await desk.page.setViewportSize(viewport);
    await logIn(desk.page, bob.email, bob.password, `/admin/plugins/livechat/conversation/${conversation.id}`);
    await desk.page.getByText('Hello, which address should we use?').waitFor();
    const deskLines = await desk.page
      .locator('[role="log"] [data-testid="joined"], [role="log"] [data-author]')
      .evaluateAll((nodes) => nodes.map((node) => node.getAttribute('data-author') ?? 'joined'));
    expect(deskLines.slice(deskLines.indexOf('joined'))).toEqual(['joined', 'agent', 'joined', 'agent']);
    expect(desk.errors).toEqual([]);
  });

  it('the expected wait grows once the wait runs past the estimate (the page clock jumps ahead)', async () => {
    await goOnline(app, bob);
    const visitor = await pages.visitor({ viewport });
    await visitor.page.clock.install();
    await visitor.page.reload();
    await launcher(visitor.page).waitFor();
    const { conversation } = await waitingVisitor(visitor.page, `Can someone help? ${viewport.width}`);
    const waiting = visitor.page.locator('livechat-widget [data-testid="waiting"]');
    await waiting.getByText(/Expected wait: about \d+ min\./).waitFor();
    const quoted = async () => Number(/about (\d+) min/.exec((await waiting.textContent()) ?? '')?.[1]);
    const before = await quoted();
    // The estimate is at most 2 minutes a place: ten minutes later it has been overrun by far.
    await visitor.page.clock.fastForward('10:00');
    await waiting.getByText(/Expected wait: about (5|6|7|8|9|10) min\./).waitFor();
    expect(await quoted()).toBeGreaterThan(before);
    await app.request
      .post(`/api/livechat/conversations/${conversation.id}/end`)
      .set((await visitorsConversation(visitor.page)).auth)
      .expect(200);
  });
});

describe('the escalation’s expected time, relative, in the visitor’s language', () => {
  /** Alice picks the conversation and escalates it to Bob, expecting it resolved in `minutes`. */
  const escalate = async (conversationId: number, minutes: number) => {
    await goOnline(app, alice);
    await goOnline(app, bob);
    await as(app, alice).post(`/conversations/${conversationId}/pick`).expect(200);
    await as(app, alice)
      .post(`/conversations/${conversationId}/escalations`, {
        toAgentId: bob.id,
        note: 'needs a refund approval',
        expectedResolutionMinutes: minutes,
      })
      .expect(201);
  };

  afterAll(() => as(app, alice).put('/settings', { widget: { language: 'auto' } }));

  it.each([
    { language: 'en', launcherName: 'Open chat', text: 'We expect to get back to you in 30 minutes.' },
    { language: 'fr', launcherName: 'Ouvrir le chat', text: 'Nous prévoyons de vous répondre dans 30 minutes.' },
  ])('$language: "$text"', async ({ language, launcherName, text }) => {
    await as(app, alice).put('/settings', { widget: { language } }).expect(200);
    const { page } = await pages.visitor({ launcherName, viewport: VIEWPORTS[0] });
    const { conversation } = await waitingVisitor(page, `A refund, please (${language})`, launcherName);
    await escalate(conversation.id, 30);
    const waiting = page.locator('livechat-widget [data-testid="waiting"]');
    await waiting.getByText(text).waitFor();
    // No date: the old "by 12/7/26, 12:00 AM" wording is gone.
    expect(await waiting.textContent()).not.toMatch(/\d{1,2}\/\d{1,2}\/\d{2}/);
    expect(await panel(page).isVisible()).toBe(true);
    await page.setViewportSize(VIEWPORTS[1]);
    await waiting.getByText(text).waitFor();
  });

  it('once the expected time has passed it is not "in 1 minute" (the page clock jumps ahead)', async () => {
    await as(app, alice)
      .put('/settings', { widget: { language: 'en' } })
      .expect(200);
    const { page } = await pages.visitor({ viewport: VIEWPORTS[1] });
    await page.clock.install();
    await page.reload();
    await launcher(page).waitFor();
    const { conversation } = await waitingVisitor(page, 'Where is my refund?');
    await escalate(conversation.id, 5);
    const waiting = page.locator('livechat-widget [data-testid="waiting"]');
    await waiting.getByText('We expect to get back to you in 5 minutes.').waitFor();
    await page.clock.fastForward('06:00');
    await waiting.getByText('We hoped to get back to you by now; your request is still with our team.').waitFor();
    expect(await waiting.textContent()).not.toContain('in 1 minute');
    await page.setViewportSize(VIEWPORTS[0]);
    await waiting.getByText('We hoped to get back to you by now; your request is still with our team.').waitFor();
  });
});
