import type { Message } from '../../plugin';
import {
  goOnline,
  as,
  eventually,
  startConversation,
  startVisitor,
  visitorSays,
  type TestVisitor,
} from '../helpers/chat';
import { createAgent, startStrapi, type TestAgent, type TestApp } from '../helpers/strapi';

let app: TestApp;
let agent: TestAgent;

beforeAll(async () => {
  app = await startStrapi({ config: { rateLimit: { messages: 1000, windowSeconds: 1 } } });
  agent = await createAgent(app);
  const entries = app.strapi.documents('plugin::livechat.knowledge-entry' as never);
  const entry = await entries.create({
    data: {
      title: 'Delivery times',
      answer: 'Standard delivery takes 3 to 5 working days; express arrives the next working day.',
      alternativeQuestions: ['How long does shipping take?', 'When will my order arrive?'],
    },
  } as never);
  await entries.publish({ documentId: (entry as { documentId: string }).documentId } as never);
});

afterAll(() => app.stop());

const messagesOf = async (visitor: TestVisitor, conversationId: number, after = 0) =>
  (
    await app.request
      .get(`/api/livechat/conversations/${conversationId}/messages?after=${after}`)
      .set(visitor.auth)
      .expect(200)
  ).body.data;

describe('visitor sessions', () => {
  it('a session answers a signed token and the contact', async () => {
    const response = await app.request
      .post('/api/livechat/sessions')
      .send({ name: 'Ann', email: 'ann@example.com' })
      .expect(201);
    expect(response.body.data.token).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);
    expect(response.body.data.contact).toMatchObject({ name: 'Ann', email: 'ann@example.com' });
  });

  it('a bad email or an unknown field is a 400 naming the field', async () => {
    const bad = await app.request.post('/api/livechat/sessions').send({ email: 'not-an-email' }).expect(400);
    expect(bad.body.error.details.field).toBe('email');
    const unknown = await app.request.post('/api/livechat/sessions').send({ isAdmin: true }).expect(400);
    expect(unknown.body.error.message).toBe('isAdmin: is not a known field');
  });

  it('routes that need a token answer 401 without one or with a forged one', async () => {
    await app.request.get('/api/livechat/conversations').expect(401);
    await app.request.get('/api/livechat/conversations').set({ Authorization: 'Bearer abc.def.ghi' }).expect(401);
  });
});

describe('visitor conversations', () => {
  it('a new conversation starts with the bot, and the bot answers from a published knowledge entry with its source', async () => {
    const visitor = await startVisitor(app, { name: 'Bo' });
    const conversation = await startConversation(app, visitor);
    expect(conversation.status).toBe('bot');
    const sent = await visitorSays(app, visitor, conversation.id, 'How long does delivery take?');
    expect(sent).toMatchObject({ authorKind: 'visitor', text: 'How long does delivery take?' });
    const thread = await eventually(async () => {
      const page = await messagesOf(visitor, conversation.id);
      expect(page.results).toHaveLength(2);
      return page.results;
    });
    expect(thread[1]).toMatchObject({ authorKind: 'bot', offerHuman: false });
    expect(thread[1].text).toContain('3 to 5 working days');
    expect(thread[1].sources[0]).toMatchObject({ title: 'Delivery times' });
    expect(thread[1].confidence).toBeGreaterThan(0.5);
  });

  it('a question the bot cannot answer gets a refusal offering a human and one failed response per question group', async () => {
    const visitor = await startVisitor(app);
    const conversation = await startConversation(app, visitor);
    await visitorSays(app, visitor, conversation.id, 'Do you sell purple elephants?');
    await visitorSays(app, visitor, conversation.id, 'do you SELL purple elephants');
    const thread = await eventually(async () => {
      const page = await messagesOf(visitor, conversation.id);
      expect(page.results).toHaveLength(4);
      return page.results;
    });
    // The second question may be stored before the bot has answered the first: each gets its own refusal.
    const messages = thread as Message[];
    const refusals = messages.filter((message) => message.authorKind === 'bot');
    expect(refusals.map((message) => message.clientId).sort()).toEqual(
      messages
        .filter((message) => message.authorKind === 'visitor')
        .map((message) => `bot-${message.id}`)
        .sort(),
    );
    for (const refusal of refusals) expect(refusal).toMatchObject({ offerHuman: true });
    const groups = await eventually(async () => {
      const rows = await app.strapi.db
        .query('plugin::livechat.failed-response' as never)
        .findMany({ where: { normalizedQuestion: 'elephant purple sell' } } as never);
      expect((rows as Array<{ count: number }>)[0]?.count).toBe(2);
      return rows as unknown[];
    });
    expect(groups).toHaveLength(1);
  });

  it('a resent clientId stores one message and answers the stored one', async () => {
    const visitor = await startVisitor(app);
    const conversation = await startConversation(app, visitor);
    const first = await visitorSays(app, visitor, conversation.id, 'hello there', 'same-client-id');
    const again = await visitorSays(app, visitor, conversation.id, 'hello there', 'same-client-id');
    expect(again.id).toBe(first.id);
    const stored = await app.strapi.db
      .query('plugin::livechat.message' as never)
      .count({ where: { conversationId: conversation.id, clientId: 'same-client-id' } } as never);
    expect(stored).toBe(1);
  });

  it('messages after a cursor come oldest first, with hasMore for paging', async () => {
    const visitor = await startVisitor(app);
    const conversation = await startConversation(app, visitor);
    await app.request.post(`/api/livechat/conversations/${conversation.id}/human`).set(visitor.auth).expect(200);
    const sent = [];
    for (let i = 0; i < 5; i += 1) sent.push(await visitorSays(app, visitor, conversation.id, `message ${i}`));
    const page = (
      await app.request
        .get(`/api/livechat/conversations/${conversation.id}/messages?after=${sent[1].id}&limit=2`)
        .set(visitor.auth)
        .expect(200)
    ).body.data;
    expect(page.results.map((m: { text: string }) => m.text)).toEqual(['message 2', 'message 3']);
    expect(page.hasMore).toBe(true);
  });

  it('bad message input is a 400 naming the field, and nothing is stored', async () => {
    const visitor = await startVisitor(app);
    const conversation = await startConversation(app, visitor);
    const path = `/api/livechat/conversations/${conversation.id}/messages`;
    const cases: Array<[object, string]> = [
      [{ clientId: 'a1', text: '   ' }, 'text'],
      [{ clientId: 'a1', text: 'x'.repeat(4001) }, 'text'],
      [{ clientId: 'a1', text: { $ne: '' } }, 'text'],
      [{ clientId: 42, text: 'hi' }, 'clientId'],
      [{ clientId: 'has spaces', text: 'hi' }, 'clientId'],
      [{ text: 'hi' }, 'clientId'],
    ];
    for (const [body, field] of cases) {
      const response = await app.request.post(path).set(visitor.auth).send(body).expect(400);
      expect(response.body.error.details.field).toBe(field);
    }
    const notJson = await app.request
      .post(path)
      .set(visitor.auth)
      .set('Content-Type', 'application/json')
      .send('[1,2]')
      .expect(400);
    expect(notJson.body.error.details.field).toBe('body');
    await app.request
      .get(`/api/livechat/conversations/${conversation.id}/messages?after=-1`)
      .set(visitor.auth)
      .expect(400);
    await app.request.get(`/api/livechat/conversations/abc/messages`).set(visitor.auth).expect(400);
    expect((await messagesOf(visitor, conversation.id)).results).toHaveLength(0);
  });

  it('an unknown conversation id is a 404', async () => {
    const visitor = await startVisitor(app);
    await app.request.get('/api/livechat/conversations/999999').set(visitor.auth).expect(404);
  });

  it('requesting a human queues the conversation; asking twice is a 409 that names the state', async () => {
    const visitor = await startVisitor(app);
    const conversation = await startConversation(app, visitor);
    const queued = await app.request
      .post(`/api/livechat/conversations/${conversation.id}/human`)
      .set(visitor.auth)
      .expect(200);
    expect(queued.body.data.status).toBe('queued');
    const again = await app.request
      .post(`/api/livechat/conversations/${conversation.id}/human`)
      .set(visitor.auth)
      .expect(409);
    expect(again.body.error.message).toBe('Cannot request a human for a conversation that is queued');
  });

  it('the visitor ends and rates a conversation; rating an open one is a 409; a bad score is a 400', async () => {
    const visitor = await startVisitor(app);
    const conversation = await startConversation(app, visitor);
    await app.request
      .post(`/api/livechat/conversations/${conversation.id}/rating`)
      .set(visitor.auth)
      .send({ score: 5 })
      .expect(409);
    const ended = await app.request
      .post(`/api/livechat/conversations/${conversation.id}/end`)
      .set(visitor.auth)
      .expect(200);
    expect(ended.body.data.status).toBe('ended');
    const bad = await app.request
      .post(`/api/livechat/conversations/${conversation.id}/rating`)
      .set(visitor.auth)
      .send({ score: 9 })
      .expect(400);
    expect(bad.body.error.details.field).toBe('score');
    const rated = await app.request
      .post(`/api/livechat/conversations/${conversation.id}/rating`)
      .set(visitor.auth)
      .send({ score: 4, comment: 'quick' })
      .expect(200);
    expect(rated.body.data.rating).toBe(4);
  });

  it('writing to an ended conversation reopens it: to the bot if no agent had it, to its agent otherwise', async () => {
    const visitor = await startVisitor(app);
    const conversation = await startConversation(app, visitor);
    await app.request.post(`/api/livechat/conversations/${conversation.id}/end`).set(visitor.auth).expect(200);
    await visitorSays(app, visitor, conversation.id, 'one more thing');
    const reopened = await app.request
      .get(`/api/livechat/conversations/${conversation.id}`)
      .set(visitor.auth)
      .expect(200);
    expect(reopened.body.data.status).toBe('bot');

    const withAgent = await startConversation(app, visitor);
    await app.request.post(`/api/livechat/conversations/${withAgent.id}/human`).set(visitor.auth).expect(200);
    await goOnline(app, agent);
    await as(app, agent).post(`/conversations/${withAgent.id}/pick`).expect(200);
    await app.request.post(`/api/livechat/conversations/${withAgent.id}/end`).set(visitor.auth).expect(200);
    await visitorSays(app, visitor, withAgent.id, 'back again');
    const agentView = await as(app, agent).get(`/conversations/${withAgent.id}`).expect(200);
    expect(agentView.body.data).toMatchObject({ status: 'open', assignee: { id: agent.id } });
  });

  it("visitor B can neither read nor write visitor A's conversation", async () => {
    const a = await startVisitor(app, { name: 'A' });
    const b = await startVisitor(app, { name: 'B' });
    const conversation = await startConversation(app, a);
    await visitorSays(app, a, conversation.id, 'private words');
    const base = `/api/livechat/conversations/${conversation.id}`;
    await app.request.get(base).set(b.auth).expect(404);
    await app.request.get(`${base}/messages`).set(b.auth).expect(404);
    await app.request.post(`${base}/messages`).set(b.auth).send({ clientId: 'intrude', text: 'hi' }).expect(404);
    await app.request.post(`${base}/human`).set(b.auth).expect(404);
    await app.request.post(`${base}/end`).set(b.auth).expect(404);
    const listed = await app.request.get('/api/livechat/conversations').set(b.auth).expect(200);
    expect(listed.body.data.results).toHaveLength(0);
    const stillA = await app.request.get(base).set(a.auth).expect(200);
    expect(stillA.body.data.status).toBe('bot');
  });
});
