import { AGENT_NAMESPACE } from '../../plugin';
import { as, eventually, goOnline, openConversation, presenceOf, visitorSays } from '../helpers/chat';
import { mailLinks } from '../helpers/mail-parts';
import { startMailbox, type Mailbox, type ReceivedMail } from '../helpers/mailbox';
import { connectSocket, createAgent, startStrapi, type TestAgent, type TestApp } from '../helpers/strapi';

let mailbox: Mailbox;
let mailboxOpen = true;
let app: TestApp;

beforeAll(async () => {
  mailbox = await startMailbox();
  app = await startStrapi({ config: { presenceGraceSeconds: 0 } });
  // Agents take chats while online; the desk keeps them when they close the inbox.
  await as(app, await createAgent(app))
    .put('/settings', { routing: { onAgentOffline: 'keep' } })
    .expect(200);
});

afterAll(async () => {
  await app.stop();
  if (mailboxOpen) await mailbox.close();
});

/** A conversation the agent picked while online and still holds after closing the inbox. */
const heldWhileOffline = async (agent: TestAgent, name?: string) => {
  const inbox = await goOnline(app, agent);
  const opened = await openConversation(app, agent, name);
  inbox?.disconnect();
  await eventually(async () => expect(await presenceOf(app, agent)).toBe('offline'));
  return opened;
};

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const mailsTo = (agent: TestAgent, conversationId: number) =>
  mailbox.messages.filter((m: ReceivedMail) => m.to.includes(agent.email) && m.subject.includes(`#${conversationId}`));

describe('emails to offline agents', () => {
  it('a visitor writing while their agent is offline emails the agent, at most once per conversation in 10 minutes', async () => {
    const agent = await createAgent(app);
    const { visitor, conversation } = await heldWhileOffline(agent, 'Late visitor');
    await visitorSays(app, visitor, conversation.id, 'Are you still there?');
    const mail = await mailbox.waitFor((m) => m.to.includes(agent.email));
    expect(mail.subject).toBe(`New message in conversation #${conversation.id} while you are offline`);
    expect(mail.raw).toContain('Are you still there?');

    await visitorSays(app, visitor, conversation.id, 'Hello??');
    await pause(1000);
    expect(mailsTo(agent, conversation.id)).toHaveLength(1);
  });

  it('the email links to the conversation in the admin', async () => {
    const agent = await createAgent(app);
    const { visitor, conversation } = await heldWhileOffline(agent, 'Linked visitor');
    await visitorSays(app, visitor, conversation.id, 'Where is my refund?');
    const mail = await mailbox.waitFor((m) => m.to.includes(agent.email));
    // Strapi's admin URL and the inbox's conversation route (that it opens is tested in tests/browser/email-links).
    expect(mailLinks(mail)).toEqual([`${app.url}/admin/plugins/livechat/conversation/${conversation.id}`]);
  });

  it('no email while the agent is online', async () => {
    const agent = await createAgent(app);
    await connectSocket(app.url, AGENT_NAMESPACE, agent.token);
    const { visitor, conversation } = await openConversation(app, agent);
    await visitorSays(app, visitor, conversation.id, 'Quick question');
    await pause(1000);
    expect(mailsTo(agent, conversation.id)).toHaveLength(0);
  });

  it('a mail server that is down never fails the visitor’s message', async () => {
    const agent = await createAgent(app);
    const { visitor, conversation } = await heldWhileOffline(agent);
    await mailbox.close();
    mailboxOpen = false;
    const message = await visitorSays(app, visitor, conversation.id, 'Stored anyway');
    const stored = await app.request
      .get(`/api/livechat/conversations/${conversation.id}/messages`)
      .set(visitor.auth)
      .expect(200);
    expect(stored.body.data.results.map((m: { id: number }) => m.id)).toContain(message.id);
  });
});
