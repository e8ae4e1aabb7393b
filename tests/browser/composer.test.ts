// The agent's composer and tags in Chromium: "/" and "#" both open the canned messages; with none the
// picker says so and links to where they are made; an agent who may manage settings makes a canned
// message and a tag from the conversation, refused by the server (naming the field) when invalid.
import type { Browser } from 'playwright-core';
import type { CannedMessage, Tag } from '../../plugin';
import { launchBrowser, logIn, openAdminPage, type AdminPage } from '../helpers/browser';
import { as, openConversation } from '../helpers/chat';
import { createAgent, startStrapi, type TestAgent, type TestApp } from '../helpers/strapi';

let app: TestApp;
let agent: TestAgent;
let browser: Browser;
let desk: AdminPage;

const VIEWPORTS = [
  { width: 1280, height: 800 },
  { width: 1024, height: 700 },
];

beforeAll(async () => {
  app = await startStrapi({ admin: true });
  agent = await createAgent(app);
  await as(app, agent)
    .put('/settings', { routing: { capacity: 100 } })
    .expect(200);
  browser = await launchBrowser();
  desk = await openAdminPage(browser, app.url);
  await logIn(desk.page, agent.email, agent.password, '/admin/plugins/livechat/queue');
}, 600_000);

afterEach(() => {
  // The refused saves below are the only console errors Chromium logs (the failed requests themselves).
  const others = desk.errors.filter((error) => !error.includes('400 (Bad Request)'));
  desk.errors.length = 0;
  expect(others).toEqual([]);
});

afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

/** A conversation of the agent's own, open in the admin at `viewport`; answers the reply box. */
async function openThread(viewport: { width: number; height: number }, name: string) {
  const { conversation } = await openConversation(app, agent, name);
  await desk.page.setViewportSize(viewport);
  await desk.page.goto(`${app.url}/admin/plugins/livechat/conversation/${conversation.id}`);
  const reply = desk.page.getByRole('textbox', { name: 'Reply' });
  await reply.waitFor();
  return { conversation, reply };
}

const picker = () => desk.page.getByTestId('canned-picker');

describe('with no canned message yet', () => {
  it.each(VIEWPORTS)('typing / or # at $width×$height says so and links to where they are made', async (viewport) => {
    const { reply } = await openThread(viewport, `Empty picker ${viewport.width}`);
    for (const trigger of ['/', '#']) {
      await reply.fill('');
      await reply.pressSequentially(trigger);
      await picker().getByText('No canned messages yet.').waitFor();
      const link = picker().getByRole('link', { name: 'Manage canned messages in Settings' });
      expect(await link.getAttribute('href')).toMatch(/\/plugins\/livechat\/canned-messages$/);
      expect(await link.isVisible()).toBe(true);
      await reply.press('Escape');
      await picker().waitFor({ state: 'detached' });
    }
  });

  it('the link leads to the canned messages page', async () => {
    const { reply } = await openThread(VIEWPORTS[0], 'Follows the link');
    await reply.pressSequentially('/');
    await picker().getByRole('link', { name: 'Manage canned messages in Settings' }).click();
    await desk.page.waitForURL(/\/plugins\/livechat\/canned-messages$/);
    await desk.page.getByRole('heading', { name: 'Canned messages' }).first().waitFor();
  });
});

describe('making a canned message from the conversation', () => {
  it('an invalid one is refused naming the field; a valid one is made and inserted where # was typed', async () => {
    const { reply } = await openThread(VIEWPORTS[0], 'Makes a canned message');
    await reply.pressSequentially('Hello! #thanks');
    await picker().getByRole('button', { name: 'Create a canned message' }).click();
    const dialog = desk.page.getByRole('dialog', { name: 'New canned message' });
    // The shortcut starts from what was typed after #.
    expect(await dialog.getByRole('textbox', { name: 'Shortcut' }).inputValue()).toBe('thanks');
    await dialog.getByRole('textbox', { name: 'Text' }).fill('Thank you for waiting.');
    await dialog.getByRole('button', { name: 'Create' }).click();
    await desk.page.getByText('title: must not be empty').first().waitFor();
    expect(await dialog.isVisible()).toBe(true);

    await dialog.getByRole('textbox', { name: 'Title' }).fill('Thanks for waiting');
    await dialog.getByRole('button', { name: 'Create' }).click();
    await dialog.waitFor({ state: 'detached' });
    expect(await reply.inputValue()).toBe('Hello! Thank you for waiting.');
    const saved = (await as(app, agent).get('/canned-messages').expect(200)).body.data.results as CannedMessage[];
    expect(saved).toEqual([expect.objectContaining({ shortcut: 'thanks', title: 'Thanks for waiting' })]);
  });

  it.each(VIEWPORTS)(
    '# opens the canned messages at $width×$height; Enter inserts the one chosen',
    async (viewport) => {
      const { reply } = await openThread(viewport, `Hash picker ${viewport.width}`);
      await reply.pressSequentially('#than');
      const option = picker().getByRole('option', { name: /\/thanks/ });
      await option.waitFor();
      expect(await option.isVisible()).toBe(true);
      await reply.press('Enter');
      expect(await reply.inputValue()).toBe('Thank you for waiting.');
      // "/" still works as before.
      await reply.fill('');
      await reply.pressSequentially('/th');
      await option.waitFor();
    },
  );
});

describe('making a tag from the conversation', () => {
  it.each(VIEWPORTS)(
    'at $width×$height: an empty name is refused, a new one is made and put on the chat',
    async (viewport) => {
      const { conversation } = await openThread(viewport, `Tags ${viewport.width}`);
      const tags = desk.page.getByRole('group', { name: 'Tags', exact: true });
      await tags.getByRole('button', { name: 'New tag' }).click();
      const name = tags.getByRole('textbox', { name: 'New tag name' });
      await tags.getByRole('button', { name: 'Create tag' }).click();
      await desk.page.getByText('name: must not be empty').first().waitFor();

      const tagName = `refund-${viewport.width}`;
      await name.fill(tagName);
      await tags.getByRole('button', { name: 'Create tag' }).click();
      await tags.getByText(tagName, { exact: true }).waitFor();
      expect(await tags.getByRole('button', { name: 'New tag' }).isVisible()).toBe(true);
      const stored = (await as(app, agent).get(`/conversations/${conversation.id}`).expect(200)).body.data
        .tags as Tag[];
      expect(stored.map((tag) => tag.name)).toEqual([tagName]);
    },
  );
});
