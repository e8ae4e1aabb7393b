// Picking live-chat events for one of Strapi's webhooks on the plugin's Settings page (Strapi's own form
// lists only its events), then the webhook receiving one.
import type { Browser } from 'playwright-core';
import type { StrapiWebhook } from '../../plugin';
import { launchBrowser, logIn, openAdminPage, type AdminPage } from '../helpers/browser';
import { queuedConversation } from '../helpers/chat';
import { createAgent, startStrapi, type TestAgent, type TestApp } from '../helpers/strapi';
import { strapiWebhooks } from '../helpers/strapi-webhooks';
import { startWebhookReceiver, type WebhookReceiver } from '../helpers/webhook-receiver';

const SETTINGS = '/admin/plugins/livechat/settings';

let app: TestApp;
let receiver: WebhookReceiver;
let browser: Browser;
let admin: TestAgent;
let session: AdminPage;

const webhooksApi = () => strapiWebhooks(app, admin);

beforeAll(async () => {
  receiver = await startWebhookReceiver();
  app = await startStrapi({ admin: true });
  admin = await createAgent(app, { actions: 'super' });
  browser = await launchBrowser();
  session = await openAdminPage(browser, app.url);
  await logIn(session.page, admin.email, admin.password, SETTINGS);
}, 600_000);

afterAll(async () => {
  await browser?.close();
  await app?.stop();
  await receiver?.close();
});

describe.each([
  { width: 1280, height: 800 },
  { width: 1024, height: 700 },
])('at $width×$height', ({ width, height }) => {
  it("ticking 'queued' on a Strapi webhook delivers a visitor's request for a human and keeps entry.create", async () => {
    const name = `Ticket desk ${width}`;
    const path = `/desk-${width}`;
    const created = await webhooksApi()
      .create({ name, url: `${receiver.url}${path}`, headers: { 'X-Desk': 'yes' }, events: ['entry.create'] })
      .expect(201);
    const webhook = created.body.data as StrapiWebhook;

    const { page } = session;
    await page.setViewportSize({ width, height });
    await page.goto(`${app.url}${SETTINGS}`);
    await page.getByRole('tab', { name: 'Webhooks' }).click();
    const section = page.getByRole('region', { name: 'Webhooks' });
    const card = section.getByRole('group', { name });
    const queued = card.getByRole('checkbox', { name: 'Visitor waits for a human (queued)' });
    expect(await queued.isChecked()).toBe(false);
    await queued.scrollIntoViewIfNeeded();
    const box = await queued.boundingBox();
    expect(box && box.x >= 0 && box.x + box.width <= width && box.y >= 0 && box.y + box.height <= height).toBe(true);
    await queued.click();
    await card.getByRole('button', { name: `Save events of ${name}` }).click();
    await page.getByText(`Events of ${name} saved`).waitFor();

    const saved = (await webhooksApi().get(webhook.id).expect(200)).body.data as StrapiWebhook;
    expect(saved).toMatchObject({
      name,
      url: `${receiver.url}${path}`,
      headers: { 'X-Desk': 'yes' },
      isEnabled: true,
    });
    expect(saved.events).toEqual(['entry.create', 'livechat.conversation.queued']);

    const { conversation } = await queuedConversation(app, `Visitor at ${width}`);
    const delivery = await receiver.waitFor(
      ({ path: at, body }) =>
        at === path && body.event === 'livechat.conversation.queued' && body.conversation.id === conversation.id,
    );
    expect(delivery.headers['x-desk']).toBe('yes');
    expect(session.errors).toEqual([]);
  });
});

it("Strapi's link to create a webhook opens its Settings → Webhooks", async () => {
  const { page } = session;
  await page.goto(`${app.url}${SETTINGS}`);
  await page.getByRole('tab', { name: 'Webhooks' }).click();
  await page.getByRole('link', { name: 'Settings → Webhooks' }).click();
  await page.waitForURL('**/admin/settings/webhooks');
  expect(session.errors).toEqual([]);
});

it("an agent without Strapi's webhook permissions is told why no webhook is listed", async () => {
  const agent = await createAgent(app);
  const own = await openAdminPage(browser, app.url);
  await logIn(own.page, agent.email, agent.password, SETTINGS);
  await own.page.getByRole('tab', { name: 'Webhooks' }).click();
  await own.page
    .getByRole('region', { name: 'Webhooks' })
    .getByRole('alert')
    .filter({ hasText: "You cannot see Strapi's webhooks" })
    .waitFor();
  // The refused request itself is the only console error (Chromium logs a failed load).
  expect(own.errors.filter((error) => !error.includes('403'))).toEqual([]);
  await own.context.close();
});
