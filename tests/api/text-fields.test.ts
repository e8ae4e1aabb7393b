// U+0000 in every kind of stored text, on PostgreSQL (which refuses it in text and JSON columns), and a
// group commit holding one message the database refuses.
import type { Ack, Message } from '../../plugin';
import { EVENTS, VISITOR_NAMESPACE } from '../../plugin';
import type { Services } from '../../server/services/registry';
import { as, openConversation, startConversation, startVisitor, visitorSays } from '../helpers/chat';
import { connectSocket, createAgent, emitAck, startStrapi, type TestAgent, type TestApp } from '../helpers/strapi';

let app: TestApp;
let agent: TestAgent;

beforeAll(async () => {
  app = await startStrapi({ database: 'postgres', config: { rateLimit: { messages: 1000 } } });
  agent = await createAgent(app);
});

afterAll(() => app?.stop());

const NUL = '\u0000';
const withNul = (text: string) => `${text.slice(0, 2)}${NUL}${text.slice(2)}${NUL}`;

describe('text with U+0000 is stored without it (the contract rule), never a 500', () => {
  it('a visitor message over REST and over the socket', async () => {
    const visitor = await startVisitor(app, { name: withNul('Nul Visitor') });
    const conversation = await startConversation(app, visitor);
    const rest = await app.request
      .post(`/api/livechat/conversations/${conversation.id}/messages`)
      .set(visitor.auth)
      .send({ clientId: 'x', text: 'a\u0000b' })
      .expect(201);
    expect(rest.body.data.text).toBe('ab');

    const socket = await connectSocket(app.url, VISITOR_NAMESPACE, visitor.token);
    const ack = await emitAck<Ack<Message>>(socket, EVENTS.messageSend, {
      conversationId: conversation.id,
      clientId: 'y',
      text: withNul('over the socket'),
    });
    expect(ack).toMatchObject({ ok: true, data: { text: 'over the socket' } });

    const stored = await app.request
      .get(`/api/livechat/conversations/${conversation.id}/messages`)
      .set(visitor.auth)
      .expect(200);
    expect(stored.body.data.results.map((m: Message) => m.text)).toEqual(
      expect.arrayContaining(['ab', 'over the socket']),
    );
    const contact = await as(app, agent).get(`/contacts/${visitor.contactId}`).expect(200);
    expect(contact.body.data.name).toBe('Nul Visitor');
  });

  it('a text that is only U+0000 is empty: 400 naming the field, nothing stored', async () => {
    const visitor = await startVisitor(app);
    const conversation = await startConversation(app, visitor);
    const response = await app.request
      .post(`/api/livechat/conversations/${conversation.id}/messages`)
      .set(visitor.auth)
      .send({ clientId: 'only-nul', text: NUL })
      .expect(400);
    expect(response.body.error.message).toMatch(/text/);
    const listed = await app.request
      .get(`/api/livechat/conversations/${conversation.id}/messages`)
      .set(visitor.auth)
      .expect(200);
    expect(listed.body.data.results.filter((m: Message) => m.authorKind === 'visitor')).toEqual([]);
  });

  it("an agent's message, note, contact details, custom attributes, tag, canned message, end note and rating comment", async () => {
    const agentApi = as(app, agent);
    const { visitor, conversation } = await openConversation(app, agent, 'Nul Agent Visitor');

    const reply = await agentApi
      .post(`/conversations/${conversation.id}/messages`, { clientId: 'agent-nul', text: withNul('agent reply') })
      .expect(201);
    expect(reply.body.data.text).toBe('agent reply');

    const note = await agentApi
      .post(`/conversations/${conversation.id}/notes`, { text: withNul('a note') })
      .expect(201);
    expect(note.body.data.text).toBe('a note');

    const contact = await agentApi
      .put(`/contacts/${visitor.contactId}`, {
        name: withNul('Renamed'),
        phone: withNul('+33 1 23'),
        attributes: { [withNul('plan')]: withNul('gold'), seats: 3 },
      })
      .expect(200);
    expect(contact.body.data).toMatchObject({
      name: 'Renamed',
      phone: '+33 1 23',
      attributes: { plan: 'gold', seats: 3 },
    });

    const tag = await agentApi.post('/tags', { name: withNul('vip tag') }).expect(201);
    expect(tag.body.data.name).toBe('vip tag');

    const canned = await agentApi
      .post('/canned-messages', { shortcut: 'nul', title: withNul('Greeting'), text: withNul('Hello there') })
      .expect(201);
    expect(canned.body.data).toMatchObject({ title: 'Greeting', text: 'Hello there' });

    const reason = await agentApi.post('/end-reasons', { label: withNul('Solved it') }).expect(201);
    expect(reason.body.data.label).toBe('Solved it');
    const ended = await agentApi
      .post(`/conversations/${conversation.id}/end`, { reasonId: reason.body.data.id, note: withNul('all good') })
      .expect(200);
    expect(ended.body.data).toMatchObject({ status: 'ended', endNote: 'all good' });

    await app.request
      .post(`/api/livechat/conversations/${conversation.id}/rating`)
      .set(visitor.auth)
      .send({ score: 5, comment: withNul('great help') })
      .expect(200);
    const rated = await agentApi.get(`/conversations/${conversation.id}`).expect(200);
    expect(rated.body.data).toMatchObject({ rating: 5, ratingComment: 'great help' });
  });

  it('escalation notes and rejection reasons', async () => {
    const colleague = await createAgent(app);
    const { conversation } = await openConversation(app, agent, 'Nul Escalation Visitor');
    const escalation = await as(app, agent)
      .post(`/conversations/${conversation.id}/escalations`, { toAgentId: colleague.id, note: withNul('please help') })
      .expect(201);
    expect(escalation.body.data.note).toBe('please help');
    const rejected = await as(app, colleague)
      .post(`/escalations/${escalation.body.data.id}/reject`, { reason: withNul('not my area') })
      .expect(200);
    expect(rejected.body.data.rejectionReason ?? rejected.body.data.reason).toBe('not my area');
  });

  it('knowledge answers from a failed response, and settings strings', async () => {
    const visitor = await startVisitor(app);
    const conversation = await startConversation(app, visitor);
    await visitorSays(app, visitor, conversation.id, 'Do you repair antique clocks on Sundays?');
    const agentApi = as(app, agent);
    const failed = await (async () => {
      for (;;) {
        const list = await agentApi.get('/failed-responses').expect(200);
        if (list.body.data.results.length > 0) return list.body.data.results[0];
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    })();
    const entry = await agentApi
      .post(`/failed-responses/${failed.id}/knowledge-entry`, {
        title: withNul('Clock repairs'),
        answer: withNul('We repair clocks on weekdays only.'),
        alternativeQuestions: [withNul('Can you fix my clock?')],
      })
      .expect(201);
    expect(JSON.stringify(entry.body.data)).not.toContain('\\u0000');
    expect(JSON.stringify(entry.body.data)).toContain('We repair clocks on weekdays only.');

    const settings = await agentApi.get('/settings').expect(200);
    const saved = await agentApi
      .put('/settings', {
        ...settings.body.data,
        widget: {
          ...settings.body.data.widget,
          title: withNul('Talk to us'),
          strings: { [withNul('send')]: withNul('Go') },
        },
      })
      .expect(200);
    expect(saved.body.data.widget).toMatchObject({ title: 'Talk to us', strings: { send: 'Go' } });
  });
});

describe('a group commit holding a message the database refuses', () => {
  it('stores every other message of the batch and refuses only the bad one', async () => {
    const messages = app.strapi.plugin('livechat').service('messages') as Services['messages'];
    const senders = await Promise.all(
      Array.from({ length: 12 }, async (_, i) => {
        const visitor = await startVisitor(app, { name: `Batch ${i}` });
        return { visitor, conversation: await startConversation(app, visitor) };
      }),
    );
    // Pushed in one turn of the event loop, so they share one batch. The service is called directly:
    // the contracts strip U+0000, and this is the row PostgreSQL refuses.
    const outcomes = await Promise.allSettled(
      senders.map(({ visitor, conversation }, i) =>
        messages.sendAsVisitor(visitor.contactId, conversation.id, {
          clientId: `batch-${i}`,
          text: i === 5 ? 'bad\u0000row' : `good message ${i}`,
        }),
      ),
    );
    expect(outcomes.map((o) => o.status)).toEqual(senders.map((_, i) => (i === 5 ? 'rejected' : 'fulfilled')));
    const stored = (await app.strapi.db.query('plugin::livechat.message' as never).findMany({
      where: { clientId: { $startsWith: 'batch-' } },
    } as never)) as Array<{ clientId: string; text: string }>;
    expect(stored.map((m) => m.clientId).sort()).toEqual(
      senders
        .map((_, i) => `batch-${i}`)
        .filter((id) => id !== 'batch-5')
        .sort(),
    );
  });
});
