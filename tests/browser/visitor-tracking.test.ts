// Visitor tracking in a real browser: the widget of a returning visitor records the pages they visit
// (on load and on history navigation) without opening a socket until the panel opens, and the agent sees
// "Now on …".
import type { Browser } from 'playwright-core';
import type { JourneyEvent } from '../../plugin';
import { SOCKET_PATH } from '../../plugin/id';
import { launchBrowser, logIn, openAdminPage } from '../helpers/browser';
import { as, eventually, startVisitor } from '../helpers/chat';
import { createAgent, startStrapi, type TestAgent, type TestApp } from '../helpers/strapi';
import { launcher, widgetPages } from '../helpers/widget';

let app: TestApp;
let agent: TestAgent;
let browser: Browser;
const pages = widgetPages(
  () => browser,
  () => app.url,
);

beforeAll(async () => {
  app = await startStrapi({ admin: true });
  agent = await createAgent(app);
  browser = await launchBrowser();
}, 600_000);

afterEach(() => pages.closeAll());

afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

/** Resolves with the contact's page views once one ends with `path`. */
const pageViewed = (contactId: number, path: string) =>
  eventually(async () => {
    const journey = (await as(app, agent).get(`/contacts/${contactId}/journey`).expect(200)).body.data
      .results as JourneyEvent[];
    const views = journey.filter((event) => event.type === 'page.viewed');
    expect(views.map((event) => new URL(String(event.payload.url)).pathname)).toContain(path);
    return views;
  });

describe.each([
  { width: 1280, height: 800 },
  { width: 1024, height: 700 },
])('visitor tracking at $width×$height', (viewport) => {
  it('the widget records page views without opening a socket until the panel opens, and the agent sees the page the visitor is on', async () => {
    const visitor = await startVisitor(app, { name: `Shopper ${viewport.width}` });
    const { page } = await pages.visitor({ viewport, session: visitor, path: '/index.html?campaign=spring' });
    /** What the page fetched so far, from the browser's own resource timing (XHR and fetch included). */
    const fetched = (fragment: string) =>
      page.evaluate(
        (part) =>
          performance
            .getEntriesByType('resource')
            .map((entry) => entry.name)
            .filter((name) => name.includes(part)),
        fragment,
      );
    await pageViewed(visitor.contactId, '/index.html');
    // The widget's last step on load: asking over HTTP whether the visitor has a chat to resume.
    await eventually(async () => expect((await fetched('/api/livechat/conversations')).length).toBeGreaterThan(0));

    await page.evaluate(() => history.pushState({}, '', '/checkout?step=2'));
    const views = await pageViewed(visitor.contactId, '/checkout');
    expect(views.map((event) => event.payload.url)).toEqual([
      `${app.url}/index.html?campaign=spring`,
      `${app.url}/checkout?step=2`,
    ]);
    // Page views and the resume check went over HTTP; socket.io's first request would be an XHR here.
    expect(await fetched(SOCKET_PATH)).toEqual([]);
    expect(await fetched('/api/livechat/pages')).toHaveLength(2);
    const contactOnline = async () =>
      (await as(app, agent).get(`/contacts/${visitor.contactId}`).expect(200)).body.data.online as boolean;
    expect(await contactOnline()).toBe(false);

    // Opening the panel is what opens a returning visitor's socket.
    const socketOpened = page.waitForEvent('websocket', (socket) => socket.url().includes(SOCKET_PATH));
    await launcher(page).click();
    await socketOpened;
    await eventually(async () => expect(await contactOnline()).toBe(true));

    const admin = pages.track(await openAdminPage(browser, app.url));
    await admin.page.setViewportSize(viewport);
    await logIn(admin.page, agent.email, agent.password, `/admin/plugins/livechat/contacts/${visitor.contactId}`);
    await admin.page.getByText('Now on /checkout?step=2').waitFor();
    await admin.page.getByRole('tab', { name: 'Journey' }).click();
    await admin.page.getByText('Visited /index.html?campaign=spring').waitFor();
  });
});

describe('automated tag rules in Settings', () => {
  it('the section saves a first-message rule; a bad pattern is refused naming the field', async () => {
    const admin = pages.track(await openAdminPage(browser, app.url));
    await logIn(admin.page, agent.email, agent.password, '/admin/plugins/livechat/settings');
    const { page } = admin;
    await page.getByRole('tab', { name: 'Tags' }).click();
    const section = page.getByRole('form', { name: 'Automated tags' });
    await section.getByRole('button', { name: 'Add rule' }).click();
    await section.getByRole('textbox', { name: 'Rule name' }).fill('Refunds');
    await section.getByRole('textbox', { name: 'Pattern (regular expression)' }).fill('refund(');
    await section.getByRole('textbox', { name: 'Tag', exact: true }).fill('billing');
    await section.getByRole('textbox', { name: 'API tags' }).fill('VIP, trial');
    await section.getByRole('button', { name: 'Save tag rules' }).click();
    await page.getByText('tagRules.firstMessage.0.pattern: must be a valid regular expression').waitFor();
    // The refused save is the one console error Chromium logs here (the failed request itself).
    const refused = admin.errors.filter((error) => error.includes('400 (Bad Request)'));
    expect(refused).toHaveLength(1);
    admin.errors.splice(0, admin.errors.length, ...admin.errors.filter((error) => !refused.includes(error)));

    await section.getByRole('textbox', { name: 'Pattern (regular expression)' }).fill('refund(s)?');
    await section.getByRole('button', { name: 'Save tag rules' }).click();
    await page.getByText('Settings saved').waitFor();
    const saved = (await as(app, agent).get('/settings').expect(200)).body.data;
    expect(saved.tagRules).toEqual({
      firstMessage: [{ name: 'Refunds', words: [], pattern: 'refund(s)?', tag: 'billing' }],
      apiTags: ['VIP', 'trial'],
      broadcastTag: '',
    });
  });
});
