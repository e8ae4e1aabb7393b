// The configuration side of the inbox in a real browser: the settings form, a settings collection,
// and deleting a contact, each asking before it deletes.
import type { Browser } from 'playwright-core';
import type { DeskSettings, EndReason } from '../../plugin';
import { launchBrowser, logIn, openAdminPage, type AdminPage } from '../helpers/browser';
import { as, eventually, openConversation } from '../helpers/chat';
import { createAgent, startStrapi, type TestAgent, type TestApp } from '../helpers/strapi';

let app: TestApp;
let browser: Browser;
let admin: TestAgent;
let session: AdminPage;

beforeAll(async () => {
  app = await startStrapi({ admin: true });
  admin = await createAgent(app);
  browser = await launchBrowser();
  session = await openAdminPage(browser, app.url);
  await logIn(session.page, admin.email, admin.password, '/admin/plugins/livechat/settings');
}, 600_000);

afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

const settings = async () => (await as(app, admin).get('/settings').expect(200)).body.data as DeskSettings;
const endReasons = async () =>
  ((await as(app, admin).get('/end-reasons').expect(200)).body.data.results as EndReason[]).map((r) => r.label);

it('the general settings save what the form shows', async () => {
  const { page } = session;
  const capacity = page.getByRole('textbox', { name: 'Capacity per agent' });
  await capacity.fill('7');
  await page.getByRole('textbox', { name: 'Waiting message' }).fill('Hang on, a person is coming.');
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await page.getByText('Settings saved').waitFor();
  const saved = await settings();
  expect([saved.routing.capacity, saved.waitingMessage]).toEqual([7, 'Hang on, a person is coming.']);
  expect(session.errors).toEqual([]);
});

describe.each([
  { width: 1280, height: 800, visitorRequests: false },
  { width: 1024, height: 700, visitorRequests: true },
])('at $width×$height', ({ width, height, visitorRequests }) => {
  it(`the visitor-request email checkbox is shown whole and saves ${visitorRequests ? 'on' : 'off'}`, async () => {
    const { page } = session;
    await page.setViewportSize({ width, height });
    await page.goto(`${app.url}/admin/plugins/livechat/settings`);
    const checkbox = page.getByRole('checkbox', { name: /when a visitor asks for a human/ });
    expect(await checkbox.isChecked()).toBe(!visitorRequests);
    await checkbox.scrollIntoViewIfNeeded();
    const box = await checkbox.boundingBox();
    expect(box && box.x >= 0 && box.x + box.width <= width && box.y >= 0 && box.y + box.height <= height).toBe(true);
    await checkbox.click();
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.getByText('Settings saved').first().waitFor();
    expect((await settings()).notifications).toEqual({ visitorRequests });
    expect(session.errors).toEqual([]);
  });
});

it('an end reason is added, then deleted only once the dialog is confirmed', async () => {
  const { page } = session;
  await page.getByRole('tab', { name: 'End reasons' }).click();
  await page.getByRole('button', { name: 'Add' }).click();
  const form = page.getByRole('dialog');
  await form.getByRole('textbox', { name: /Reason/ }).fill('Duplicate chat');
  await form.getByRole('button', { name: 'Save' }).click();
  await eventually(async () => expect(await endReasons()).toContain('Duplicate chat'));

  await page.getByRole('button', { name: 'Delete Duplicate chat' }).click();
  await page.getByRole('alertdialog').getByRole('button', { name: 'Cancel' }).click();
  expect(await endReasons()).toContain('Duplicate chat');
  await page.getByRole('button', { name: 'Delete Duplicate chat' }).click();
  await page.getByRole('alertdialog').getByRole('button', { name: 'Delete' }).click();
  await eventually(async () => expect(await endReasons()).not.toContain('Duplicate chat'));
  expect(session.errors).toEqual([]);
});

it('deleting a contact from the conversation view asks first, then removes them', async () => {
  const { page } = session;
  const { visitor, conversation } = await openConversation(app, admin, 'Removable Person');
  await page.goto(`${app.url}/admin/plugins/livechat/conversation/${conversation.id}`);
  await page.getByRole('button', { name: 'Delete contact' }).click();
  const dialog = page.getByRole('alertdialog');
  await dialog.getByText('deleted for good').waitFor();
  await dialog.getByRole('button', { name: 'Delete' }).click();
  await page.waitForURL('**/plugins/livechat/queue');
  await as(app, admin).get(`/contacts/${visitor.contactId}`).expect(404);
  expect(session.errors).toEqual([]);
});
