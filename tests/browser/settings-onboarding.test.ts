// Setting the desk up in a real browser: the install panel, the widget's language and texts with their
// preview, the bot switch and thresholds with the widget following, the warning while nothing is published
// for the bot, and what a page on an origin that may not embed the widget looks like.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser } from 'playwright-core';
import type { DeskSettings } from '../../plugin';
import { botSentences } from '../../server/answering/sentences';
import { launchBrowser, logIn, openAdminPage, type AdminPage } from '../helpers/browser';
import { as } from '../helpers/chat';
import { publishEntry } from '../helpers/knowledge';
import { createAgent, startStrapi, type TestAgent, type TestApp } from '../helpers/strapi';
import { ask, bubble, launcher, widgetPages } from '../helpers/widget';

let app: TestApp;
let browser: Browser;
let admin: TestAgent;
let session: AdminPage;
let site: http.Server;
let siteUrl: string;

const pages = widgetPages(
  () => browser,
  () => app.url,
);

const VIEWPORTS = [
  { width: 1280, height: 800 },
  { width: 1024, height: 700 },
];

beforeAll(async () => {
  app = await startStrapi({ admin: true });
  admin = await createAgent(app);
  browser = await launchBrowser();
  session = pages.track(await openAdminPage(browser, app.url));
  await logIn(session.page, admin.email, admin.password, '/admin/plugins/livechat/settings');
  // Another site, on its own origin, embedding the widget from the Strapi server.
  site = http.createServer((_request, response) => {
    response.setHeader('content-type', 'text/html');
    response.end(`<!doctype html><title>Shop</title><script src="${app.url}/api/livechat/widget.js" async></script>`);
  });
  await new Promise<void>((resolve) => site.listen(0, '127.0.0.1', resolve));
  siteUrl = `http://localhost:${(site.address() as AddressInfo).port}`;
}, 600_000);

afterAll(async () => {
  await pages.closeAll();
  await browser?.close();
  site?.close();
  await app?.stop();
});

const settings = async () => (await as(app, admin).get('/settings').expect(200)).body.data as DeskSettings;
const save = async () => {
  await session.page.getByRole('button', { name: 'Save', exact: true }).click();
  await session.page.getByText('Settings saved').first().waitFor();
};
const openSettings = async (tab: string) => {
  await session.page.goto('/admin/plugins/livechat/settings');
  await session.page.getByRole('tab', { name: tab }).click();
};

describe('with nothing published for the bot', () => {
  it('the Failed responses page warns and links to adding knowledge entries', async () => {
    const { page } = session;
    await page.goto('/admin/plugins/livechat-failed-responses');
    await page.getByText('The bot has nothing to answer from').waitFor();
    const link = page.getByRole('link', { name: 'Add knowledge entries' });
    expect(await link.getAttribute('href')).toContain(
      '/content-manager/collection-types/plugin::livechat.knowledge-entry',
    );
  });

  it('the Live chat pages warn too, until something is published', async () => {
    const { page } = session;
    await page.goto('/admin/plugins/livechat/queue');
    await page.getByText('The bot has nothing to answer from').waitFor();
    await publishEntry(app, {
      title: 'When are you open?',
      answer: 'Monday to Saturday, 9:00 to 18:00.',
    });
    const status = page.waitForResponse((response) => response.url().endsWith('/livechat/knowledge/status'));
    await page.reload();
    expect((await (await status).json()).data.documents).toBe(1);
    // The answer has reached the page once a frame has been drawn after it.
    await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
    await expect(page.getByText('The bot has nothing to answer from').count()).resolves.toBe(0);
  });
});

describe.each(VIEWPORTS)('at $width×$height', (viewport) => {
  beforeAll(() => session.page.setViewportSize(viewport));

  it('the install tab gives this server’s script tag and says no other site may embed the widget yet', async () => {
    const { page } = session;
    await openSettings('Install');
    const snippet = page.locator('[data-install-snippet]');
    await snippet.waitFor();
    expect(await snippet.textContent()).toBe(`<script src="${app.url}/api/livechat/widget.js" async></script>`);
    await page.getByText(/None yet: on another site the widget stays hidden/).waitFor();
    expect(session.errors).toEqual([]);
  });
});

it('the widget’s language and a replaced text show in the preview at once, and in the widget once saved', async () => {
  const { page } = session;
  await page.setViewportSize(VIEWPORTS[0]);
  await openSettings('General');
  const preview = page.locator('[data-widget-preview]');
  await page.getByRole('combobox', { name: 'Language' }).click();
  await page.getByRole('option', { name: 'français' }).click();
  await preview.locator('[data-preview-send]', { hasText: 'Envoyer' }).waitFor();

  await page.getByRole('button', { name: 'Replace a text' }).click();
  await page.getByRole('textbox', { name: 'Replacement for “Ouvrir le chat”' }).fill('Parlons-en');
  await page.getByRole('textbox', { name: 'Title' }).fill('Boutique Acme');
  await preview.locator('[data-preview-title]', { hasText: 'Boutique Acme' }).waitFor();
  await save();
  expect((await settings()).widget).toMatchObject({ language: 'fr', strings: { openChat: 'Parlons-en' } });

  const { page: visitor } = await pages.visitor({ launcherName: 'Parlons-en' });
  await launcher(visitor, 'Parlons-en').click();
  await visitor.getByRole('button', { name: 'Envoyer' }).waitFor();
  expect(await visitor.getByText('Boutique Acme').count()).toBeGreaterThan(0);

  // At the smaller size the preview still shows what was set, and so does the widget.
  await page.setViewportSize(VIEWPORTS[1]);
  await preview.locator('[data-preview-title]', { hasText: 'Boutique Acme' }).waitFor();
  expect(await preview.isVisible()).toBe(true);
  const { page: small } = await pages.visitor({ launcherName: 'Parlons-en', viewport: VIEWPORTS[1] });
  await launcher(small, 'Parlons-en').click();
  await small.getByRole('button', { name: 'Envoyer' }).waitFor();
  expect(session.errors).toEqual([]);
});

// The next two run at the smaller size; the page at 1280×800 is covered above.
it('the bot thresholds set on the page change how the widget’s bot answers', async () => {
  const { page } = session;
  await page.setViewportSize(VIEWPORTS[1]);
  await publishEntry(app, {
    title: 'Can I collect my order in store?',
    answer: 'Yes: choose Click and Collect at checkout and pick it up at the Leeds depot.',
  });
  await openSettings('General');
  await page.getByRole('textbox', { name: 'Answer from confidence' }).fill('0.99');
  await page.getByRole('textbox', { name: 'Refuse below confidence' }).fill('0.05');
  await save();
  expect((await settings()).bot).toMatchObject({ confidenceThreshold: 0.05, answerThreshold: 0.99 });

  const { page: visitor } = await pages.visitor({ launcherName: 'Parlons-en', viewport: VIEWPORTS[1] });
  await launcher(visitor, 'Parlons-en').click();
  await ask(visitor, 'Can I collect my order in store?');
  // Between the two thresholds the bot suggests, in the widget's language (French since the test above).
  await bubble(visitor, `${botSentences('fr').suggestion} Yes: choose Click and Collect`).waitFor();
  await as(app, admin)
    .put('/settings', { bot: { confidenceThreshold: null, answerThreshold: null } })
    .expect(200);
  expect(session.errors).toEqual([]);
});

it('with the bot switched off on the page, a visitor’s first message waits for a person', async () => {
  const { page } = session;
  await page.setViewportSize(VIEWPORTS[1]);
  await openSettings('General');
  await page.getByRole('combobox', { name: 'The bot answers visitors' }).click();
  await page.getByRole('option', { name: 'Off: a person answers every chat' }).click();
  await save();
  expect((await settings()).bot.enabled).toBe(false);

  const { page: visitor } = await pages.visitor({ launcherName: 'Parlons-en', viewport: VIEWPORTS[1] });
  await launcher(visitor, 'Parlons-en').click();
  await ask(visitor, 'Can I collect my order in store?');
  await visitor.getByText('Vous êtes numéro 1 dans la file.').waitFor();
  const { body } = await as(app, admin).get('/conversations?status=queued').expect(200);
  expect(body.data.results.length).toBeGreaterThan(0);
  await as(app, admin)
    .put('/settings', { bot: { enabled: null } })
    .expect(200);
  expect(session.errors).toEqual([]);
});

it('a page on an origin that may not embed the widget shows no launcher and says why in the console, until the origin is allowed', async () => {
  const outsider = await openAdminPage(browser, siteUrl);
  const refused = outsider.page.waitForEvent('console', (message) =>
    message.text().includes('may not embed the widget'),
  );
  await outsider.page.goto('/');
  const message = await refused;
  expect(message.text()).toContain(siteUrl);
  expect(message.text()).toContain('Allowed widget origins');
  expect(await outsider.page.locator('[data-livechat-launcher]').count()).toBe(0);
  await outsider.context.close();

  const { page } = session;
  await openSettings('General');
  await page.getByRole('textbox', { name: 'Allowed widget origins' }).fill(siteUrl);
  await save();
  await openSettings('Install');
  await page.locator('[data-install-origins]', { hasText: siteUrl }).waitFor();

  const allowed = pages.track(await openAdminPage(browser, siteUrl));
  await allowed.page.goto('/');
  await launcher(allowed.page, 'Parlons-en').waitFor();
});
