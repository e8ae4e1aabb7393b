import { EVENTS, VISITOR_NAMESPACE, type VisitorConversation } from '../../plugin';
import { as, startVisitor, visitorSays } from '../helpers/chat';
import { csvRecords } from '../helpers/csv';
import { startMailbox, type Mailbox } from '../helpers/mailbox';
import { attachmentNamed, mimeParts } from '../helpers/mime';
import { connectSocket, createAgent, nextEvent, startStrapi, type TestAgent, type TestApp } from '../helpers/strapi';

let mailbox: Mailbox;
let app: TestApp;
let alice: TestAgent;
let bob: TestAgent;

beforeAll(async () => {
  mailbox = await startMailbox();
  app = await startStrapi();
  alice = await createAgent(app);
  bob = await createAgent(app);
  await as(app, alice).put('/settings', { notificationEmail: 'desk@example.com' }).expect(200);
});

afterAll(async () => {
  await app.stop();
  await mailbox.close();
});

describe('escalation notifications', () => {
  it('a new escalation emails the notification address with the transcript, as text and as an attached CSV', async () => {
    const visitor = await startVisitor(app, { name: 'Ann Visitor', email: 'ann@example.com' });
    const id = (await as(app, alice).post('/conversations', { contactId: visitor.contactId }).expect(201)).body.data
      .id as number;
    await visitorSays(app, visitor, id, 'My refund <b>never</b> came & I am "upset"');
    await as(app, alice).post(`/conversations/${id}/notes`, { text: 'Refund is over my limit' }).expect(201);
    await as(app, alice)
      .post(`/conversations/${id}/escalations`, {
        toAgentId: bob.id,
        note: 'Needs a refund approval',
        expectedResolutionMinutes: 30,
      })
      .expect(201);

    const mail = await mailbox.waitFor((m) => m.to.includes('desk@example.com') && m.subject.includes(`#${id}`));
    expect(mail.subject).toBe(`Escalation: conversation #${id} to Test Agent 2`);
    const parts = mimeParts(mail.raw);
    const text = parts.find((p) => p.headers['content-type']?.startsWith('text/plain'))?.body ?? '';
    expect(text).toContain(`Test Agent 1 escalated conversation #${id} with Ann Visitor <ann@example.com>`);
    expect(text).toContain('Note: Needs a refund approval');
    expect(text).toContain('Expected resolution: within 30 minutes');
    expect(text).toContain('Ann Visitor (visitor): My refund <b>never</b> came & I am "upset"');
    expect(text).toContain('Internal note by Test Agent 1: Refund is over my limit');
    // Visitor text is never HTML in the email.
    const html = parts.find((p) => p.headers['content-type']?.startsWith('text/html'))?.body ?? '';
    expect(html).toContain('My refund &lt;b&gt;never&lt;/b&gt; came &amp; I am &quot;upset&quot;');
    expect(html).not.toContain('<b>never</b>');

    const csv = attachmentNamed(mail.raw, `conversation-${id}.csv`);
    expect(csv?.headers['content-type']).toMatch(/^text\/csv/);
    expect(csvRecords(csv?.body ?? '').map((r) => [r.From, r.Text])).toEqual([
      ['visitor', 'My refund <b>never</b> came & I am "upset"'],
      ['note', 'Refund is over my limit'],
    ]);
  });

  it('the visitor sees when a pending escalation should be resolved, live and on reload; no longer once accepted', async () => {
    const visitor = await startVisitor(app, { name: 'Waiting visitor' });
    const id = (await as(app, alice).post('/conversations', { contactId: visitor.contactId }).expect(201)).body.data
      .id as number;
    const tab = await connectSocket(app.url, VISITOR_NAMESPACE, visitor.token);
    const told = nextEvent<VisitorConversation>(
      tab,
      EVENTS.conversationUpdated,
      (c) => c.id === id && c.expectedResolutionAt !== null,
    );
    const escalation = (
      await as(app, alice)
        .post(`/conversations/${id}/escalations`, { toAgentId: bob.id, note: 'Tier 2', expectedResolutionMinutes: 45 })
        .expect(201)
    ).body.data;
    const expected = new Date(new Date(escalation.createdAt).getTime() + 45 * 60_000).toISOString();
    expect((await told).expectedResolutionAt).toBe(expected);
    const seen = await app.request.get(`/api/livechat/conversations/${id}`).set(visitor.auth).expect(200);
    expect(seen.body.data.expectedResolutionAt).toBe(expected);

    await as(app, bob).post(`/escalations/${escalation.id}/accept`).expect(200);
    const after = await app.request.get(`/api/livechat/conversations/${id}`).set(visitor.auth).expect(200);
    expect(after.body.data).toMatchObject({ expectedResolutionAt: null, assignee: { name: 'Test Agent 2' } });
  });
});
