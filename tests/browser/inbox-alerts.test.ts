// Inbox alerts in a real browser: a notification and a beep for a newly queued chat and for a chat newly
// assigned to the agent; none while the agent is Away.
import type { Browser } from 'playwright-core';
import { launchBrowser, logIn, openAdminPage, type AdminPage } from '../helpers/browser';
import { goOnline, as, eventually, queuedConversation } from '../helpers/chat';
import { createAgent, startStrapi, type TestAgent, type TestApp } from '../helpers/strapi';

const QUEUE = '/admin/plugins/livechat/queue';

let app: TestApp;
let browser: Browser;
let alice: TestAgent;
let supervisor: TestAgent;
let inbox: AdminPage;

interface Recorded {
  notifications: Array<{ title: string; body: string }>;
  beeps: number;
}

// Runs in the page before the admin loads: records every Notification and every oscillator started.
const recordAlerts = () => {
  const recorded = { notifications: [] as Array<{ title: string; body: string }>, beeps: 0 };
  (window as unknown as { __alerts: typeof recorded }).__alerts = recorded;
  const Original = window.Notification;
  class RecordingNotification extends Original {
    constructor(title: string, options?: NotificationOptions) {
      super(title, options);
      recorded.notifications.push({ title, body: options?.body ?? '' });
    }
  }
  Object.defineProperty(window, 'Notification', { value: RecordingNotification, configurable: true });
  const start = OscillatorNode.prototype.start;
  OscillatorNode.prototype.start = function (...args: Parameters<OscillatorNode['start']>) {
    recorded.beeps += 1;
    return start.apply(this, args);
  };
};

const alerts = () => inbox.page.evaluate(() => (window as unknown as { __alerts: Recorded }).__alerts);

beforeAll(async () => {
  app = await startStrapi({ admin: true, config: { presenceGraceSeconds: 0 } });
  alice = await createAgent(app);
  supervisor = await createAgent(app);
  browser = await launchBrowser();
  inbox = await openAdminPage(browser, app.url);
  await inbox.context.grantPermissions(['notifications'], { origin: app.url });
  await inbox.page.addInitScript(recordAlerts);
  await logIn(inbox.page, alice.email, alice.password, QUEUE);
  await inbox.page.getByText('Live updates on').waitFor();
  // Browsers allow sound only after a gesture: the first click in the inbox unlocks it.
  await inbox.page.getByRole('heading', { name: 'Queue' }).first().click();
}, 600_000);

afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

it('a newly queued chat notifies the agent and beeps', async () => {
  const before = await alerts();
  const { conversation } = await queuedConversation(app, 'Nadia Waiting');
  await eventually(async () => {
    const now = await alerts();
    expect(now.notifications).toContainEqual({ title: 'A visitor is waiting', body: 'Nadia Waiting' });
    expect(now.beeps).toBeGreaterThan(before.beeps);
  });
  await goOnline(app, alice);
  await as(app, alice).post(`/conversations/${conversation.id}/pick`).expect(200);
  expect(inbox.errors).toEqual([]);
});

it('a chat assigned to the agent by someone else notifies them', async () => {
  const { conversation } = await queuedConversation(app, 'Omar Assigned');
  await eventually(async () => expect((await alerts()).notifications.map((n) => n.body)).toContain('Omar Assigned'));
  const before = await alerts();
  await goOnline(app, alice);
  await as(app, supervisor).post(`/conversations/${conversation.id}/assign`, { agentId: alice.id }).expect(200);
  await eventually(async () => {
    const now = await alerts();
    expect(now.notifications).toContainEqual({ title: 'A conversation was assigned to you', body: 'Omar Assigned' });
    expect(now.beeps).toBeGreaterThan(before.beeps);
  });
  expect(inbox.errors).toEqual([]);
});

it('an agent who is Away gets no alerts and cannot be assigned a chat', async () => {
  const { page } = inbox;
  await page.getByRole('combobox', { name: 'Your status' }).click();
  await page.getByRole('option', { name: 'Away' }).click();
  await eventually(async () => {
    const agents = (await as(app, supervisor).get('/agents').expect(200)).body.data.results as Array<{
      id: number;
      presence: string;
    }>;
    expect(agents.find((agent) => agent.id === alice.id)?.presence).toBe('away');
  });
  const before = await alerts();
  const { conversation } = await queuedConversation(app, 'Pia Unannounced');
  // The queue shows the new chat (the update arrived) without any alert.
  await page.getByText('Pia Unannounced').first().waitFor();
  // Nor can a chat be assigned to them while they are away.
  const refused = await as(app, supervisor)
    .post(`/conversations/${conversation.id}/assign`, { agentId: alice.id })
    .expect(409);
  expect(refused.body.error.message).toMatch(/ is away; assign to an agent who is online$/);
  const after = await alerts();
  expect(after.notifications).toEqual(before.notifications);
  expect(after.beeps).toBe(before.beeps);
  expect(inbox.errors).toEqual([]);
});
