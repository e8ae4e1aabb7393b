// Proactive messages in a real browser: a rule fires once a day on a matching page, as a bot bubble with a
// badge on the launcher, without a session or a socket until the visitor answers; the admin edits the rules.
import type { Browser, Page } from 'playwright-core';
import type { Conversation, DeskSettings, Message } from '../../plugin';
import { closedUntilTomorrow, middayZone, openEveryDay, setBusinessHours } from '../helpers/business-hours';
import { as } from '../helpers/chat';
import { launchBrowser, logIn, openAdminPage } from '../helpers/browser';
import { createAgent, startStrapi, type TestAgent, type TestApp } from '../helpers/strapi';
import { ask, bubble, launcher, panel, widgetPages } from '../helpers/widget';

let app: TestApp;
let admin: TestAgent;
let browser: Browser;
const pages = widgetPages(
  () => browser,
  () => app.url,
);

const PRICING_PAGE = '/index.html?page=pricing';
const ACCOUNT_PAGE = '/index.html?page=account';
const rules = {
  pricing: { message: 'Questions about our plans? Ask me!', urlPattern: PRICING_PAGE, secondsOnPage: 1 },
  // Due a second after `pricing` on the same page: on screen only when `pricing` is not (a reload the same day).
  pricingLater: { message: 'Still comparing plans? I can help.', urlPattern: PRICING_PAGE, secondsOnPage: 2 },
  home: { message: 'Welcome! Looking for something?', urlPattern: '/index.html', secondsOnPage: 1 },
  newcomer: { message: 'First time here? Take the tour.', urlPattern: ACCOUNT_PAGE, secondsOnPage: 1, visitors: 'new' },
  // Business hours are off here: always within them.
  returning: {
    message: 'Welcome back!',
    urlPattern: ACCOUNT_PAGE,
    secondsOnPage: 1,
    visitors: 'returning',
    onlyWithinBusinessHours: true,
  },
};

beforeAll(async () => {
  app = await startStrapi({ admin: true });
  admin = await createAgent(app);
  await as(app, admin)
    .put('/settings', {
      proactiveRules: Object.entries(rules).map(([id, rule]) => ({ id, name: id, ...rule })),
    })
    .expect(200);
  browser = await launchBrowser();
}, 600_000);

afterEach(() => pages.closeAll());

afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

const contacts = () => app.strapi.db.query('plugin::livechat.contact' as never).count();
const proactiveBubble = (page: Page) => page.locator('livechat-widget [data-testid="proactive"]');

/** What the page asked of the chat server that a silent visitor must not cause: a session, a socket. */
function recordChatTraffic(page: Page) {
  const seen: string[] = [];
  page.on('websocket', (socket) => seen.push(`websocket ${socket.url()}`));
  page.on('request', (request) => {
    if (/\/api\/livechat\/sessions|\/socket\.io\//.test(request.url())) seen.push(request.url());
  });
  return seen;
}

const newestConversation = async (): Promise<Conversation> => {
  const list = await as(app, admin).get('/conversations?sort=createdAt:desc').expect(200);
  return (list.body.data.results as Conversation[])[0];
};

describe.each([
  { width: 1280, height: 800 },
  { width: 1024, height: 700 },
])('a proactive message at $width×$height', (viewport) => {
  it('shows once a day as a bot bubble with a launcher badge, with no session or socket until answered', async () => {
    const contactsBefore = await contacts();
    const { page } = await pages.visitor({ path: PRICING_PAGE, viewport });
    const traffic = recordChatTraffic(page);

    await proactiveBubble(page).filter({ hasText: rules.pricing.message }).waitFor();
    expect(await launcher(page).locator('.badge').textContent()).toBe('1');
    expect(traffic).toEqual([]);
    expect(await contacts()).toBe(contactsBefore);

    // The same day, a reload does not show it again: the next rule due on this page shows instead.
    await page.reload();
    await proactiveBubble(page).filter({ hasText: rules.pricingLater.message }).waitFor();
    expect(await page.getByText(rules.pricing.message).count()).toBe(0);
    expect(traffic).toEqual([]);
    expect(await contacts()).toBe(contactsBefore);

    // Answering starts the conversation, which opens with the proactive message.
    await proactiveBubble(page).getByRole('button', { name: rules.pricingLater.message }).click();
    await panel(page).locator('[data-testid="proactive-message"]').waitFor();
    expect(await proactiveBubble(page).count()).toBe(0);
    await ask(page, 'Which plan suits a team of five?');
    await bubble(page, rules.pricingLater.message).waitFor();
    await bubble(page, 'Which plan suits a team of five?').waitFor();
    expect(traffic.some((entry) => entry.startsWith('websocket'))).toBe(true);

    const conversation = await newestConversation();
    const messages = (await as(app, admin).get(`/conversations/${conversation.id}/messages`).expect(200)).body.data
      .results as Message[];
    expect(messages.slice(0, 2).map((m) => [m.authorKind, m.text])).toEqual([
      ['bot', rules.pricingLater.message],
      ['visitor', 'Which plan suits a team of five?'],
    ]);
  });

  it('a page the pattern does not match shows only its own rule', async () => {
    const { page } = await pages.visitor({ path: '/index.html', viewport });
    await proactiveBubble(page).filter({ hasText: rules.home.message }).waitFor();
    expect(await page.getByText(rules.pricing.message).count()).toBe(0);
    expect(await page.getByText(rules.pricingLater.message).count()).toBe(0);
  });
});

it('a visitor first seen on an earlier day is returning: the rule for new visitors makes way for theirs', async () => {
  const { page } = await pages.visitor({ path: ACCOUNT_PAGE });
  await proactiveBubble(page).filter({ hasText: rules.newcomer.message }).waitFor();
  expect(await page.getByText(rules.returning.message).count()).toBe(0);

  // The widget's memory of this browser, as if its first visit had been two days ago.
  await page.evaluate(() => {
    const memory = JSON.parse(localStorage.getItem('livechat:proactive') ?? '{}') as { firstSeen: number };
    localStorage.setItem('livechat:proactive', JSON.stringify({ ...memory, firstSeen: Date.now() - 2 * 86_400_000 }));
  });
  await page.reload();
  await proactiveBubble(page).filter({ hasText: rules.returning.message }).waitFor();
  expect(await page.getByText(rules.newcomer.message).count()).toBe(0);
});

it('the admin adds a proactive message in the settings and the widget gets it', async () => {
  const session = pages.track(await openAdminPage(browser, app.url));
  const { page } = session;
  await logIn(page, admin.email, admin.password, '/admin/plugins/livechat/settings');
  const section = page.getByRole('region', { name: 'Proactive messages' });
  await section.getByRole('button', { name: 'Add a proactive message' }).click();
  await section.getByRole('textbox', { name: 'Rule name' }).last().fill('Checkout help');
  await section.getByRole('textbox', { name: 'Message' }).last().fill('Need a hand with your order?');
  await section.getByRole('textbox', { name: 'Page URL pattern' }).last().fill('/checkout*');
  await section.getByRole('textbox', { name: 'Seconds on the page' }).last().fill('30');
  await section.getByRole('button', { name: 'Save proactive messages' }).click();
  await page.getByText('Proactive messages saved').waitFor();

  const saved = (await as(app, admin).get('/settings').expect(200)).body.data as DeskSettings;
  expect(saved.proactiveRules.map((rule) => rule.name)).toEqual([...Object.keys(rules), 'Checkout help']);
  expect(saved.proactiveRules.at(-1)).toMatchObject({
    message: 'Need a hand with your order?',
    urlPattern: '/checkout*',
    secondsOnPage: 30,
    visitors: 'all',
    enabled: true,
  });
  const config = (await app.request.get('/api/livechat/widget-config').expect(200)).body.data;
  expect(config.proactiveRules).toHaveLength(Object.keys(rules).length + 1);
});

it('a rule for business hours only stays hidden outside them and shows within them', async () => {
  const path = '/index.html?page=opening-hours';
  const current = (await as(app, admin).get('/settings').expect(200)).body.data as DeskSettings;
  await as(app, admin)
    .put('/settings', {
      proactiveRules: [
        ...current.proactiveRules,
        {
          id: 'hoursOnly',
          name: 'hoursOnly',
          message: 'We are here: ask away!',
          urlPattern: path,
          secondsOnPage: 1,
          onlyWithinBusinessHours: true,
        },
        // Due after `hoursOnly` on the same page: on screen outside hours is the sign the widget got past it.
        { id: 'anyTime', name: 'anyTime', message: 'Reading our hours?', urlPattern: path, secondsOnPage: 2 },
      ],
    })
    .expect(200);
  const zone = middayZone();
  try {
    await setBusinessHours(app, admin, closedUntilTomorrow(zone));
    const closed = await pages.visitor({ path });
    await proactiveBubble(closed.page).filter({ hasText: 'Reading our hours?' }).waitFor();
    expect(await closed.page.getByText('We are here: ask away!').count()).toBe(0);

    await setBusinessHours(app, admin, openEveryDay(zone));
    const open = await pages.visitor({ path });
    await proactiveBubble(open.page).filter({ hasText: 'We are here: ask away!' }).waitFor();
  } finally {
    await setBusinessHours(app, admin, { enabled: false });
  }
});
