// The admin in French and German: an agent whose interface language (their Strapi profile's
// `preferedLanguage`) is French sees the Live chat inbox, a conversation and the settings in French at
// both screen sizes, with no English string of the plugin left; a German agent sees German.
import type { Browser, Page } from 'playwright-core';
import { readCatalogue } from '../../scripts/translation-ids.cjs';
import { launchBrowser, logIn, openAdminPage, type AdminPage } from '../helpers/browser';
import { eventually, openConversation, queuedConversation } from '../helpers/chat';
import { createAgent, startStrapi, type TestAgent, type TestApp } from '../helpers/strapi';

const SIZES = [
  { width: 1280, height: 800 },
  { width: 1024, height: 700 },
];
const QUEUE = '/admin/plugins/livechat/queue';
const SETTINGS = '/admin/plugins/livechat/settings';

const english = readCatalogue('en') as Record<string, string>;
const french = readCatalogue('fr') as Record<string, string>;
const german = readCatalogue('de') as Record<string, string>;

let app: TestApp;
let browser: Browser;
let frenchAgent: TestAgent;
let germanAgent: TestAgent;
let conversationId: number;

/** Sets the agent's admin interface language the way Strapi's profile page does. */
async function setLanguage(agent: TestAgent, preferedLanguage: string) {
  await app.request
    .put('/admin/users/me')
    .set('Authorization', `Bearer ${agent.token}`)
    .send({ preferedLanguage })
    .expect(200);
}

/**
 * The plugin's English strings (without placeholders) that the page shows as a whole text, label or
 * placeholder, leaving out those the translation spells the same ("Agent", "Webhooks").
 */
async function englishLeftIn(page: Page, translation: Record<string, string>) {
  const translated = new Set(Object.values(translation));
  const untranslated = new Set(Object.values(english).filter((text) => !text.includes('{') && !translated.has(text)));
  // A tab still loading shows no strings yet: wait until no part of the page is busy.
  await eventually(async () => expect(await page.locator('main [aria-busy="true"]').count()).toBe(0), 15_000);
  const shown: string[] = await page
    .locator('main')
    .first()
    .evaluate((main) => {
      const texts: string[] = [];
      for (const element of main.querySelectorAll('*')) {
        if (element.children.length === 0) texts.push(element.textContent?.trim() ?? '');
        for (const name of ['aria-label', 'placeholder', 'title']) texts.push(element.getAttribute(name) ?? '');
      }
      return texts;
    });
  // The scan reads the plugin's page: it finds translated strings there.
  expect(shown.filter((text) => translated.has(text)).length).toBeGreaterThan(3);
  return [...new Set(shown.filter((text) => untranslated.has(text)))];
}

beforeAll(async () => {
  app = await startStrapi({ admin: true });
  // A super admin: the Webhooks tab also reads Strapi's own webhooks.
  frenchAgent = await createAgent(app, { actions: 'super' });
  germanAgent = await createAgent(app);
  await setLanguage(frenchAgent, 'fr');
  await setLanguage(germanAgent, 'de');
  await queuedConversation(app, 'Ada');
  ({
    conversation: { id: conversationId },
  } = await openConversation(app, frenchAgent, 'Grace'));
  browser = await launchBrowser();
}, 600_000);

afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

describe.each(SIZES)('at $width×$height', (size) => {
  let admin: AdminPage;

  beforeAll(async () => {
    admin = await openAdminPage(browser, app.url);
    await admin.page.setViewportSize(size);
    await logIn(admin.page, frenchAgent.email, frenchAgent.password, QUEUE);
  });

  afterAll(() => admin.context.close());

  it('a French agent sees the queue in French', async () => {
    const { page } = admin;
    await page.getByRole('heading', { name: french['queue.title'] }).waitFor();
    await page.getByText('1 visiteur en attente').first().waitFor();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('fr');
    await page.getByRole('button', { name: french['action.pick'] }).first().waitFor();
    expect(await englishLeftIn(page, french)).toEqual([]);
    expect(admin.errors).toEqual([]);
  });

  it('a French agent sees a conversation in French', async () => {
    const { page } = admin;
    await page.goto(`/admin/plugins/livechat/conversation/${conversationId}`);
    await page.getByRole('button', { name: french['action.end'] }).waitFor();
    await page.getByPlaceholder(french['composer.placeholder']).waitFor();
    await page.getByText(french['contact.tab.journey']).first().waitFor();
    expect(await englishLeftIn(page, french)).toEqual([]);
    expect(admin.errors).toEqual([]);
  });

  it('a French agent sees the settings in French, tab by tab', async () => {
    const { page } = admin;
    await page.goto(SETTINGS);
    await page.getByRole('heading', { name: french['settings.title'] }).waitFor();
    await page.getByRole('textbox', { name: french['settings.routing.capacity'] }).waitFor();
    expect(await englishLeftIn(page, french)).toEqual([]);
    for (const tab of ['settings.tab.endReasons', 'settings.tab.teams', 'settings.tab.tags', 'settings.tab.webhooks']) {
      await page.getByRole('tab', { name: french[tab] }).click();
      await page.getByRole('tab', { name: french[tab], selected: true }).waitFor();
      expect(await englishLeftIn(page, french)).toEqual([]);
    }
    // Seeded end reasons are data, not interface: they stay as the site wrote them.
    await page.getByRole('tab', { name: french['settings.tab.endReasons'] }).click();
    await page.getByText('Spam or abuse', { exact: true }).waitFor();
    expect(admin.errors).toEqual([]);
  });
});

it('a German agent sees the queue and the settings in German', async () => {
  const admin = await openAdminPage(browser, app.url);
  await admin.page.setViewportSize(SIZES[0]);
  await logIn(admin.page, germanAgent.email, germanAgent.password, QUEUE);
  const { page } = admin;
  await page.getByRole('heading', { name: german['queue.title'] }).waitFor();
  await page.getByText('1 wartender Besucher').first().waitFor();
  expect(await englishLeftIn(page, german)).toEqual([]);
  await page.goto(SETTINGS);
  await page.getByRole('heading', { name: german['settings.title'] }).waitFor();
  await page.getByRole('textbox', { name: german['settings.routing.capacity'] }).waitFor();
  expect(await englishLeftIn(page, german)).toEqual([]);
  expect(admin.errors).toEqual([]);
  await admin.context.close();
});
