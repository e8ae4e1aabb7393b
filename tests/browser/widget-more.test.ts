// The widget against a playground whose bot writes with an OpenAI-compatible model (a local fake),
// with an agent online: streamed answers, the menu's "Talk to a human", files refused by their content,
// a returning visitor, and the theme set in the admin's settings.
import type { Browser } from 'playwright-core';
import { AGENT_NAMESPACE, type Conversation } from '../../plugin';
import { as, eventually } from '../helpers/chat';
import { launchBrowser } from '../helpers/browser';
import { publishEntry } from '../helpers/knowledge';
import { startOpenAIServer, type FakeOpenAI } from '../helpers/openai-server';
import { connectSocket, createAgent, startStrapi, type TestAgent, type TestApp } from '../helpers/strapi';
import { ask, bubble, launcher, messageBox, widgetPages } from '../helpers/widget';

let fake: FakeOpenAI;
let app: TestApp;
let agent: TestAgent;
let browser: Browser;
const pages = widgetPages(
  () => browser,
  () => app.url,
);

beforeAll(async () => {
  fake = await startOpenAIServer();
  app = await startStrapi({
    config: {
      presenceGraceSeconds: 0,
      llm: { apiKey: 'test-key', baseURL: fake.baseURL, model: 'test-model', timeoutMs: 10_000 },
    },
  });
  agent = await createAgent(app);
  await as(app, agent)
    .put('/settings', { routing: { capacity: 100 } })
    .expect(200);
  await publishEntry(app, {
    title: 'Do you ship to Canada?',
    answer: 'Yes. We ship to Canada within 5 business days; shipping costs 10 dollars per order.',
    url: 'https://shop.example/help/shipping',
  });
  // An agent online, so the widget offers a human rather than the leave-your-email form.
  await connectSocket(app.url, AGENT_NAMESPACE, agent.token);
  browser = await launchBrowser();
});

afterEach(() => pages.closeAll());

afterAll(async () => {
  await browser?.close();
  await app?.stop();
  await fake?.close();
});

const visitorPage = (launcherName?: string) => pages.visitor({ launcherName });

const newestConversation = async (): Promise<Conversation> => {
  const list = await as(app, agent).get('/conversations?sort=createdAt:desc').expect(200);
  return (list.body.data.results as Conversation[])[0];
};

describe('widget: answers written by a model', () => {
  it("the bot's answer is shown while it streams, then replaced by the stored answer with its source", async () => {
    const { page } = await visitorPage();
    await launcher(page).click();
    // The first words come at once; the rest only after a pause, so the streamed part is on screen meanwhile.
    fake.script({ kind: 'slow', delayMs: 2500, text: 'Yes, we ship to Canada within 5 business days [1].' });
    await ask(page, 'Do you ship to Canada?');

    const streaming = page.locator('livechat-widget [data-testid="stream"]');
    await streaming.filter({ hasText: 'Yes,' }).waitFor();
    expect(await bubble(page, 'within 5 business days').count()).toBe(0);

    const answer = bubble(page, 'Yes, we ship to Canada within 5 business days');
    await answer.waitFor();
    expect(await answer.getByRole('link', { name: 'Do you ship to Canada?' }).getAttribute('href')).toBe(
      'https://shop.example/help/shipping',
    );
    await eventually(async () => expect(await streaming.count()).toBe(0));
    expect(await answer.count()).toBe(1);
  });
});

describe('widget: more of the visitor side', () => {
  it('"Talk to a human" from the menu queues a new conversation and shows the waiting message', async () => {
    const { page } = await visitorPage();
    await launcher(page).click();
    await page.locator('livechat-widget header .status').filter({ hasText: 'We are online' }).waitFor();
    await page.getByRole('button', { name: 'More options' }).click();
    await page.locator('livechat-widget .menu').getByRole('button', { name: 'Talk to a human' }).click();

    const waiting = page.locator('livechat-widget [data-testid="waiting"]');
    await waiting.filter({ hasText: /You are number \d+ in the queue\./ }).waitFor();
    expect(await waiting.textContent()).toContain('An agent will be with you shortly');
    const conversation = await newestConversation();
    expect(conversation.status).toBe('queued');
  });

  it('a file whose content is not an allowed type is refused by the server (415) with a visible message', async () => {
    const visitor = await visitorPage();
    const { page } = visitor;
    await launcher(page).click();
    // Named and typed as a picture, so the widget's own check lets it through; its bytes are a Windows program.
    const program = Buffer.concat([Buffer.from('MZ\x90\x00\x03\x00\x00\x00', 'latin1'), Buffer.alloc(256)]);
    await page.locator('livechat-widget input[type="file"]').setInputFiles({
      name: 'holiday.png',
      mimeType: 'image/png',
      buffer: program,
    });
    await page.getByRole('alert').filter({ hasText: 'holiday.png: this type of file cannot be sent.' }).waitFor();
    expect(await page.locator('livechat-widget .msg a').filter({ hasText: 'holiday.png' }).count()).toBe(0);
    // Chromium logs the refused upload itself; that 415 is the behaviour under test.
    const refused = visitor.errors.filter((e) => e.includes('415'));
    expect(refused).toHaveLength(1);
    visitor.errors.splice(0, visitor.errors.length, ...visitor.errors.filter((e) => !refused.includes(e)));
  });

  it('a returning visitor finds their conversation again after reloading the page', async () => {
    const { page } = await visitorPage();
    await launcher(page).click();
    await ask(page, 'remember me after a reload');
    await bubble(page, 'remember me after a reload').waitFor();
    const before = await newestConversation();
    const stored = await page.evaluate(() => JSON.parse(localStorage.getItem('livechat') ?? 'null'));
    expect(stored).toMatchObject({ token: expect.any(String), contact: { id: before.contact.id } });

    await page.reload();
    await launcher(page).click();
    await bubble(page, 'remember me after a reload').waitFor();
    expect(await bubble(page, 'remember me after a reload').count()).toBe(1);
    // The same visitor and conversation: nothing new was started by the reload.
    await ask(page, 'still the same chat');
    await bubble(page, 'still the same chat').waitFor();
    expect((await newestConversation()).id).toBe(before.id);
  });
});

describe('widget: theme from the admin settings', () => {
  afterAll(() =>
    as(app, agent).put('/settings', {
      widget: { title: 'Chat with us', color: '#4945ff', position: 'right', language: 'auto' },
    }),
  );

  it('title, colour, position and language set with PUT /settings show in the widget', async () => {
    await as(app, agent)
      .put('/settings', { widget: { title: 'Larkspur help', color: '#2f6f5e', position: 'left', language: 'fr' } })
      .expect(200);
    const { page } = await visitorPage('Ouvrir le chat');
    const button = launcher(page, 'Ouvrir le chat');
    const look = await button.evaluate((el) => ({
      background: getComputedStyle(el).backgroundColor,
      left: el.getBoundingClientRect().left,
      right: window.innerWidth - el.getBoundingClientRect().right,
    }));
    expect(look.background).toBe('rgb(47, 111, 94)');
    expect(look.left).toBe(20);
    expect(look.right).toBeGreaterThan(look.left);

    await button.click();
    const dialog = page.getByRole('dialog');
    expect(await dialog.getByRole('heading').textContent()).toContain('Larkspur help');
    expect(await page.getByRole('button', { name: 'Fermer le chat' }).count()).toBe(1);
    expect(await messageBox(page).getAttribute('placeholder')).toBe('Écrivez votre message…');
  });

  it('an invalid language is refused with the field named', async () => {
    const response = await as(app, agent)
      .put('/settings', { widget: { language: 'xx' } })
      .expect(400);
    expect(response.body.error.details.field).toBe('widget.language');
  });
});
