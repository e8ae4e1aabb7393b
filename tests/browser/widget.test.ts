import type { Browser, Page } from 'playwright-core';
import type { Conversation, Message } from '../../plugin';
import { declineText } from '../../server/answering/sentences';
import { as, closeOnlineSockets, eventually, goOnline } from '../helpers/chat';
import { launchBrowser, logIn, openAdminPage } from '../helpers/browser';
import { SUGGESTION_LEAD } from '../../server/services/bot';
import { unhelpfulText } from '../../server/services/feedback';
import { publishEntry } from '../helpers/knowledge';
import { startMailbox, type Mailbox } from '../helpers/mailbox';
import { mailLinks } from '../helpers/mail-parts';
import { createAgent, startStrapi, type TestAgent, type TestApp } from '../helpers/strapi';
import {
  ask,
  bubble,
  bubbles,
  launcher,
  messageBox,
  panel,
  widgetPages,
  type VisitorPageOptions,
} from '../helpers/widget';

const XSS = '<img src=x onerror="window.__livechatXss=1">';

let mailbox: Mailbox;
let app: TestApp;
let agent: TestAgent;
let browser: Browser;
const pages = widgetPages(
  () => browser,
  () => app.url,
);

beforeAll(async () => {
  mailbox = await startMailbox();
  app = await startStrapi({ admin: true, config: { presenceGraceSeconds: 0 } });
  agent = await createAgent(app);
  await as(app, agent)
    .put('/settings', { routing: { capacity: 100 } })
    .expect(200);
  await publishEntry(app, {
    title: 'How long does delivery take?',
    answer: 'Standard delivery takes 2 to 4 working days in the UK.',
    alternativeQuestions: ['When will my parcel arrive?'],
    url: 'https://shop.example/help/delivery',
  });
  browser = await launchBrowser();
}, 600_000);

// A console error anywhere (visitor or agent) fails the test that caused it.
afterEach(() => pages.closeAll());

afterAll(async () => {
  await browser?.close();
  await app?.stop();
  await mailbox?.close();
});

const visitorPage = (options?: VisitorPageOptions) => pages.visitor(options);

/** An agent signed in to the admin in their own browser context. */
async function agentPage() {
  const session = pages.track(await openAdminPage(browser, app.url));
  await logIn(session.page, agent.email, agent.password);
  return session;
}

/** What has focus, through the shadow root: its accessible label or text. */
const focused = (page: Page) =>
  page.evaluate(() => {
    let active = document.activeElement;
    while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
    return {
      label: active?.getAttribute('aria-label') ?? active?.textContent?.trim() ?? '',
      inPanel: !!active?.closest('[role="dialog"]'),
    };
  });

/** The conversation the visitor on `page` started: the newest one of its contact, found through the agent API. */
async function newestConversation(status: string): Promise<Conversation> {
  const list = await as(app, agent).get(`/conversations?status=${status}&sort=createdAt:desc`).expect(200);
  const [conversation] = list.body.data.results as Conversation[];
  if (!conversation) throw new Error(`No ${status} conversation`);
  return conversation;
}

const storedTexts = async (conversationId: number) =>
  (
    (await as(app, agent).get(`/conversations/${conversationId}/messages`).expect(200)).body.data.results as Message[]
  ).map((m) => m.text);

/** Exactly one bubble per text, in this order, and nothing pending. */
async function expectThread(page: Page, texts: string[]) {
  await eventually(async () => {
    const shown = await bubbles(page).evaluateAll((nodes) =>
      nodes.map((node) => node.childNodes[1]?.textContent ?? '').filter(Boolean),
    );
    expect(shown.filter((text) => texts.includes(text))).toEqual(texts);
  }, 15_000);
  expect(await page.locator('livechat-widget .msg.pending').count()).toBe(0);
}

describe('widget: visitor and bot', () => {
  it('a visitor asks and the bot answers with its source as a link', async () => {
    const { page } = await visitorPage();
    await launcher(page).click();
    await ask(page, 'When will my parcel arrive?');
    const answer = bubble(page, '2 to 4 working days');
    await answer.waitFor();
    const source = answer.getByRole('link', { name: 'How long does delivery take?' });
    expect(await source.getAttribute('href')).toBe('https://shop.example/help/delivery');
    expect(await source.getAttribute('rel')).toBe('noopener noreferrer');
    expect(await bubble(page, 'When will my parcel arrive?').count()).toBe(1);
  });

  for (const viewport of [
    { width: 1280, height: 800 },
    { width: 1024, height: 700 },
  ]) {
    it(`👍 / 👎 under a bot answer: the vote shows and can change, and 👎 offers a person (${viewport.width}×${viewport.height})`, async () => {
      const { page } = await visitorPage({ viewport });
      await launcher(page).click();
      await ask(page, 'How long does delivery take?');
      const answer = bubble(page, '2 to 4 working days');
      await answer.waitFor();
      // The visitor's own message takes no vote.
      const question = page
        .locator('livechat-widget .log .msg.visitor')
        .filter({ hasText: 'How long does delivery take?' });
      expect([await question.count(), await question.getByRole('button').count()]).toEqual([1, 0]);
      const up = answer.getByRole('button', { name: 'Helpful', exact: true });
      const down = answer.getByRole('button', { name: 'Not helpful' });
      expect([await up.getAttribute('aria-pressed'), await down.getAttribute('aria-pressed')]).toEqual([
        'false',
        'false',
      ]);
      const conversation = await newestConversation('bot');
      const storedVote = async () =>
        (
          (await as(app, agent).get(`/conversations/${conversation.id}/messages`).expect(200)).body.data
            .results as Message[]
        ).find((m) => m.authorKind === 'bot')?.feedback?.helpful;

      await up.click();
      await eventually(async () => expect(await up.getAttribute('aria-pressed')).toBe('true'));
      expect(await storedVote()).toBe(true);

      await down.click();
      await eventually(async () => expect(await down.getAttribute('aria-pressed')).toBe('true'));
      expect(await up.getAttribute('aria-pressed')).toBe('false');
      expect(await storedVote()).toBe(false);
      const { online } = (await app.request.get('/api/livechat/availability').expect(200)).body.data;
      await bubble(page, unhelpfulText('en', online)).waitFor();
      const offer = panel(page).getByRole('button', { name: online ? 'Talk to a human' : 'Leave your email' });
      await offer.last().waitFor();
      const unhelpful = await as(app, agent).get('/failed-responses?kind=unhelpful').expect(200);
      expect(unhelpful.body.data.results[0].conversationIds).toContain(conversation.id);
      // The agent sees the vote on the bot's answer in the thread.
      const desk = await agentPage();
      await desk.page.setViewportSize(viewport);
      await desk.page.goto(`/admin/plugins/livechat/conversation/${conversation.id}`);
      await desk.page
        .locator('[data-author="bot"]')
        .filter({ hasText: '2 to 4 working days' })
        .getByText('👎 Visitor found this not helpful')
        .waitFor();
      // Nothing spills out of the panel at this size.
      const overflow = await panel(page).evaluate((el) => el.scrollWidth - el.clientWidth);
      expect(overflow).toBeLessThanOrEqual(0);
    });
  }

  it("the site's CSS cannot reach into the widget", async () => {
    const { page } = await visitorPage();
    await launcher(page).click();
    const send = page.getByRole('button', { name: 'Send' });
    const style = await send.evaluate((el) => {
      const computed = getComputedStyle(el);
      return { transform: computed.textTransform, font: computed.fontFamily, border: computed.borderTopStyle };
    });
    // demo.css gives every button uppercase Georgia with a 2px border.
    expect(style).toEqual({ transform: 'none', font: expect.not.stringContaining('Georgia'), border: 'none' });
  });
});

describe('widget: a suggestion', () => {
  beforeAll(async () => {
    await publishEntry(app, {
      title: 'Can I collect my order in store?',
      answer: 'Yes: choose Click and Collect at checkout and pick it up at the Leeds depot.',
    });
    // Every answer lands between the thresholds: the bot suggests.
    await as(app, agent)
      .put('/settings', { bot: { confidenceThreshold: 0.05, answerThreshold: 0.99 } })
      .expect(200);
  });

  afterAll(async () => {
    await as(app, agent)
      .put('/settings', { bot: { confidenceThreshold: null, answerThreshold: null } })
      .expect(200);
  });

  it.each([
    { width: 1280, height: 800 },
    { width: 1024, height: 700 },
  ])(
    'at $width×$height the way to a person is the main button; a source without a URL is plain text',
    async (viewport) => {
      const { page } = await visitorPage({ viewport });
      await launcher(page).click();
      await ask(page, 'Can I collect my order in store?');
      const suggestion = bubble(page, `${SUGGESTION_LEAD} Yes: choose Click and Collect`);
      await suggestion.waitFor();
      expect(await suggestion.locator('.sources').textContent()).toContain('Can I collect my order in store?');
      expect(await suggestion.getByRole('link').count()).toBe(0);
      // Nobody is online here: the way to a person is the offer to leave an email (the offline notice has one too).
      const human = page.getByRole('button', { name: 'Leave your email' }).last();
      expect(await human.getAttribute('class')).toContain('prominent');
      const [button, log] = await Promise.all([
        human.boundingBox(),
        page.locator('livechat-widget .log').boundingBox(),
      ]);
      // The main action spans the conversation's width, unlike the chip after a confident answer.
      expect(button!.width).toBeGreaterThan(log!.width * 0.8);
    },
  );
});

describe('widget: visitor and agent', () => {
  it('the visitor asks for a human; an agent replies from the inbox; the visitor sees the name, typing and reply', async () => {
    const desk = await agentPage();
    await desk.page.goto('/admin/plugins/livechat');
    const { page } = await visitorPage();
    await launcher(page).click();
    await ask(page, 'When will my parcel arrive?');
    await bubble(page, '2 to 4 working days').waitFor();
    await page.getByRole('button', { name: 'Talk to a human' }).click();
    const waiting = page.locator('livechat-widget [data-testid="waiting"]');
    await waiting.filter({ hasText: 'You are number 1 in the queue.' }).waitFor();
    expect(await waiting.textContent()).toContain('An agent will be with you shortly');

    const conversation = await newestConversation('queued');
    await desk.page.locator(`li[data-conversation-id="${conversation.id}"] a`).first().click();
    await desk.page
      .getByRole('region', { name: /^Conversation with / })
      .getByRole('button', { name: 'Start chat' })
      .click();
    // A picked chat moves to My chats.
    await desk.page.waitForURL(`**/plugins/livechat/mine/${conversation.id}`);
    const reply = desk.page.getByRole('textbox', { name: 'Reply' });
    await reply.fill('Hello, I am looking at your order now.');
    await page.locator('livechat-widget .typing').filter({ hasText: 'Test Agent 1 is typing…' }).waitFor();
    await reply.press('Enter');

    const answer = bubble(page, 'Hello, I am looking at your order now.');
    await answer.waitFor();
    expect(await answer.locator('.who .name').textContent()).toBe('Test Agent 1');
    expect(await page.locator('livechat-widget header .status').textContent()).toBe('Test Agent 1');
  });

  it('the network is cut and restored mid-conversation: nothing is lost or doubled', async () => {
    const visitor = await visitorPage();
    const { page, context } = visitor;
    await launcher(page).click();
    await ask(page, 'I need a person please');
    await bubble(page, 'I need a person please').waitFor();
    const conversation = await newestConversation('bot');
    await goOnline(app, agent);
    await as(app, agent).post(`/conversations/${conversation.id}/assign`, { agentId: agent.id }).expect(200);
    await page.locator('livechat-widget header .status').filter({ hasText: 'Test Agent 1' }).waitFor();
    await ask(page, 'before the cut');
    await bubble(page, 'before the cut').waitFor();

    await context.setOffline(true);
    await page.getByText('Connection lost, reconnecting…').first().waitFor();
    await ask(page, 'written in the tunnel');
    await page.locator('livechat-widget .msg.pending').filter({ hasText: 'Sending…' }).waitFor();
    for (const text of ['agent wrote while you were offline', 'and once more']) {
      await as(app, agent)
        .post(`/conversations/${conversation.id}/messages`, { clientId: `cut-${text.length}`, text })
        .expect(201);
    }
    await context.setOffline(false);
    // Chromium reports the failed requests of the offline minute itself; those are the cut, not a bug.
    visitor.errors.splice(
      0,
      visitor.errors.length,
      ...visitor.errors.filter((e) => !e.includes('ERR_INTERNET_DISCONNECTED')),
    );

    const expected = ['before the cut', 'agent wrote while you were offline', 'and once more', 'written in the tunnel'];
    await expectThread(page, expected);
    expect((await storedTexts(conversation.id)).filter((t) => expected.includes(t))).toEqual(expected);
  });

  it('an <img onerror> message renders as inert text on both sides', async () => {
    const desk = await agentPage();
    const { page } = await visitorPage();
    await launcher(page).click();
    await ask(page, XSS);
    await page
      .getByRole('button', { name: 'Leave your email' })
      .or(page.getByRole('button', { name: 'Talk to a human' }))
      .first()
      .waitFor();
    await bubble(page, XSS).waitFor();
    const conversation = await newestConversation('bot');
    await goOnline(app, agent);
    await as(app, agent).post(`/conversations/${conversation.id}/assign`, { agentId: agent.id }).expect(200);

    await desk.page.goto(`/admin/plugins/livechat/conversation/${conversation.id}`);
    await desk.page.getByText(XSS, { exact: true }).first().waitFor();
    await desk.page.getByRole('textbox', { name: 'Reply' }).fill(`agent says ${XSS}`);
    await desk.page.getByRole('textbox', { name: 'Reply' }).press('Enter');
    await bubble(page, `agent says ${XSS}`).waitFor();

    for (const side of [page, desk.page]) {
      expect(await side.evaluate(() => (window as { __livechatXss?: number }).__livechatXss)).toBeUndefined();
      expect(await side.locator('img[src="x"]').count()).toBe(0);
    }
  });
});

describe('widget: conversation life', () => {
  it('end chat, rate it, start a new conversation, and find the old one in past conversations', async () => {
    const { page } = await visitorPage();
    await launcher(page).click();
    await ask(page, 'first conversation');
    await bubble(page, 'first conversation').waitFor();

    await page.getByRole('button', { name: 'More options' }).click();
    await page.getByRole('button', { name: 'End chat' }).click();
    await page.getByText('This conversation has ended.').waitFor();
    expect(await messageBox(page).count()).toBe(0);
    await page.getByRole('button', { name: '4 out of 5' }).click();
    await page.getByRole('textbox', { name: 'Comment (optional)' }).fill('Helpful');
    await page.getByRole('button', { name: 'Send rating' }).click();
    await page.getByText('Thank you for your feedback!').waitFor();
    const rated = await newestConversation('ended');
    expect(rated.rating).toBe(4);

    await page.getByRole('button', { name: 'Start a new conversation' }).click();
    await ask(page, 'second conversation');
    await bubble(page, 'second conversation').waitFor();
    expect(await bubble(page, 'first conversation').count()).toBe(0);

    await page.getByRole('button', { name: 'More options' }).click();
    await page.getByRole('button', { name: 'Past conversations' }).click();
    const entries = page.locator('livechat-widget .history button');
    await eventually(async () => expect(await entries.count()).toBe(2));
    await entries.nth(1).click();
    await bubble(page, 'first conversation').waitFor();
  });

  for (const viewport of [
    { width: 1280, height: 800 },
    { width: 1024, height: 700 },
  ]) {
    it(`support offline (${viewport.width}×${viewport.height}): the bot offers the email form; the message reaches the inbox as an offline message, never the bot; the emailed reply's link reopens the conversation`, async () => {
      const email = `away-${viewport.width}@example.com`;
      const question = 'Can I pay with bitcoin?';
      const left = 'Please call me back about my order';
      // Agents of earlier tests sign out: nobody is online.
      closeOnlineSockets();
      await eventually(async () => {
        expect((await app.request.get('/api/livechat/availability').expect(200)).body.data.online).toBe(false);
      });
      const visitor = await visitorPage({ viewport });
      const { page } = visitor;
      await launcher(page).click();
      await ask(page, question);
      await bubble(page, declineText('refusal', 'en', false)).waitFor();
      expect(await page.getByRole('button', { name: 'Talk to a human' }).count()).toBe(0);

      await page.getByRole('button', { name: 'Leave your email' }).first().click();
      await page.getByRole('textbox', { name: 'Your email' }).fill(email);
      await page.getByRole('textbox', { name: 'Message' }).fill(left);
      await page.getByRole('button', { name: 'Send message' }).click();
      await page.getByText(`Thanks! We will reply to ${email} as soon as we are back.`).waitFor();
      await page.getByRole('button', { name: 'Back to the chat' }).click();
      const waiting = page.locator('livechat-widget [data-testid="waiting"]');
      await waiting.filter({ hasText: 'We will answer your message by email as soon as we are back.' }).waitFor();
      await bubble(page, left).waitFor();
      expect(await panel(page).textContent()).not.toMatch(/in the queue|Expected wait/);
      await visitor.context.close();

      const conversation = await newestConversation('queued');
      expect(conversation).toMatchObject({ channel: 'offline', contact: { email } });
      // The form's text was not for the bot: the one bot message is the refusal of the question.
      await app.strapi.plugin('livechat').service('bot').settle();
      const thread = await as(app, agent).get(`/conversations/${conversation.id}`).expect(200);
      expect(thread.body.data.messages.map((m: Message) => [m.authorKind, m.text])).toEqual([
        ['visitor', question],
        ['bot', declineText('refusal', 'en', false)],
        ['visitor', left],
      ]);

      const desk = await agentPage();
      await desk.page.setViewportSize(viewport);
      await desk.page.goto('/admin/plugins/livechat');
      const row = desk.page.locator(`li[data-conversation-id="${conversation.id}"]`);
      const link = row.locator('a').first();
      await row.getByText('Offline message — reply by email').waitFor();
      await link.click();
      await desk.page.getByText('Offline message — reply by email').first().waitFor();
      await desk.page.getByText(`Left while nobody was online: your reply is emailed to ${email}.`).waitFor();
      await desk.page
        .getByRole('region', { name: /^Conversation with / })
        .getByRole('button', { name: 'Start chat' })
        .click();
      const answer = 'Yes: bitcoin is accepted at checkout.';
      await desk.page.getByRole('textbox', { name: 'Reply' }).fill(answer);
      await desk.page.getByRole('textbox', { name: 'Reply' }).press('Enter');

      const mail = await mailbox.waitFor((m) => m.to.includes(email));
      const resume = new URL(mailLinks(mail).find((l) => l.includes('livechat_resume')) as string);
      expect(resume.pathname).toBe('/index.html');
      const returning = await visitorPage({ viewport, path: resume.pathname + resume.search, opensPanel: true });
      await bubble(returning.page, answer).waitFor();
      await bubble(returning.page, left).waitFor();
      // The token leaves the address bar once used.
      expect(new URL(returning.page.url()).searchParams.has('livechat_resume')).toBe(false);
    });
  }

  it('attachments: a picture is sent; a file over 5 MB is refused with a visible message before uploading', async () => {
    const { page } = await visitorPage();
    await launcher(page).click();
    const png = Buffer.from(
      'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
      'base64',
    );
    const input = page.locator('livechat-widget input[type="file"]');
    await input.setInputFiles({ name: 'receipt.png', mimeType: 'image/png', buffer: png });
    await page.locator('livechat-widget .msg a').filter({ hasText: 'receipt.png' }).waitFor();
    await input.setInputFiles({ name: 'huge.pdf', mimeType: 'application/pdf', buffer: Buffer.alloc(6 * 1024 * 1024) });
    await page.getByRole('alert').filter({ hasText: 'huge.pdf is larger than 5 MB.' }).waitFor();
  });
});

describe('widget: keyboard, screen readers, mobile', () => {
  it('focus moves into the panel, Tab stays inside, Escape closes it and returns focus to the launcher', async () => {
    const { page } = await visitorPage();
    await launcher(page).focus();
    await page.keyboard.press('Enter');
    // The panel takes focus once it has rendered, a frame or so after the key press.
    await eventually(async () => expect(await focused(page)).toEqual({ label: 'Message', inPanel: true }));
    expect(await panel(page).getAttribute('aria-labelledby')).toBeTruthy();
    for (let i = 0; i < 8; i += 1) {
      await page.keyboard.press('Tab');
      expect((await focused(page)).inPanel).toBe(true);
    }
    for (let i = 0; i < 8; i += 1) {
      await page.keyboard.press('Shift+Tab');
      expect((await focused(page)).inPanel).toBe(true);
    }
    await page.keyboard.press('Escape');
    expect(await panel(page).count()).toBe(0);
    await eventually(async () => expect(await focused(page)).toEqual({ label: 'Open chat', inPanel: false }));
  });

  it('new messages land in a polite live region; controls are labelled', async () => {
    const { page } = await visitorPage();
    await launcher(page).click();
    const log = page.getByRole('log');
    expect(await log.getAttribute('aria-live')).toBe('polite');
    for (const name of ['Send', 'Attach a file', 'More options', 'Close chat']) {
      expect(await page.getByRole('button', { name }).count()).toBe(1);
    }
    await ask(page, 'announce me');
    await log.getByText('announce me').waitFor();
  });

  it('on a phone-sized screen the panel fills the screen', async () => {
    const { page } = await visitorPage({ viewport: { width: 375, height: 700 } });
    await launcher(page).click();
    const box = await panel(page).boundingBox();
    expect(box).toEqual({ x: 0, y: 0, width: 375, height: 700 });
  });
});

describe('widget: settings from the admin', () => {
  afterAll(() => as(app, agent).put('/settings', { widget: { preChatFields: [], greeting: 'Hi!', strings: {} } }));

  it('the pre-chat form asks the configured fields; greeting and strings come from the settings', async () => {
    await as(app, agent)
      .put('/settings', {
        widget: { preChatFields: ['name', 'email'], greeting: 'Welcome to Larkspur!', strings: { start: 'Begin' } },
      })
      .expect(200);
    const { page } = await visitorPage();
    await launcher(page).click();
    await page.getByRole('button', { name: 'Begin' }).click();
    await page.getByRole('alert').filter({ hasText: 'Your name is required.' }).waitFor();
    await page.getByRole('textbox', { name: 'Your name' }).fill('Ada');
    await page.getByRole('textbox', { name: 'Your email' }).fill('ada@example.com');
    await page.getByRole('button', { name: 'Begin' }).click();
    await page.getByText('Welcome to Larkspur!').waitFor();
    await ask(page, 'hello with details');
    await bubble(page, 'hello with details').waitFor();
    const conversation = await newestConversation('bot');
    expect(conversation.contact).toMatchObject({ name: 'Ada', email: 'ada@example.com' });
  });
});
