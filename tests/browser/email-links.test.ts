// Links in the emails the plugin sends, followed in a real browser.
import type { Browser } from 'playwright-core';
import { launchBrowser, logIn, openAdminPage } from '../helpers/browser';
import { as, closeOnlineSockets, eventually, openConversation, presenceOf, visitorSays } from '../helpers/chat';
import { mailLinks } from '../helpers/mail-parts';
import { startMailbox, type Mailbox } from '../helpers/mailbox';
import { createAgent, startStrapi, type TestApp } from '../helpers/strapi';

let mailbox: Mailbox;
let app: TestApp;
let browser: Browser;

beforeAll(async () => {
  mailbox = await startMailbox();
  app = await startStrapi({ admin: true, config: { presenceGraceSeconds: 0 } });
  browser = await launchBrowser();
}, 600_000);

afterAll(async () => {
  await browser?.close();
  await app?.stop();
  await mailbox?.close();
});

it('the offline-agent email opens the conversation in the admin', async () => {
  // The agent takes the chat while online (taking needs it), the desk keeps it when the inbox closes, and
  // the agent is offline when the visitor writes.
  const agent = await createAgent(app);
  await as(app, agent)
    .put('/settings', { routing: { onAgentOffline: 'keep' } })
    .expect(200);
  const { visitor, conversation } = await openConversation(app, agent, 'Emailing Visitor');
  closeOnlineSockets();
  await eventually(async () => expect(await presenceOf(app, agent)).toBe('offline'));
  await visitorSays(app, visitor, conversation.id, 'Is my parcel insured?');
  const mail = await mailbox.waitFor((m) => m.to.includes(agent.email));
  const link = new URL(mailLinks(mail)[0] ?? '');
  expect(link.origin).toBe(app.url);

  const session = await openAdminPage(browser, app.url);
  await logIn(session.page, agent.email, agent.password, link.pathname);
  await session.page.getByText('Is my parcel insured?').first().waitFor();
  await session.page.getByText('Emailing Visitor').first().waitFor();
  expect(session.errors).toEqual([]);
});
