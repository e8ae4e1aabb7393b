import { as, startConversation, startVisitor, visitorSays, type TestVisitor } from '../helpers/chat';
import { createAgent, startStrapi, type TestAgent, type TestApp } from '../helpers/strapi';

let app: TestApp;
let agent: TestAgent;

const MAX_LENGTH = 50;

beforeAll(async () => {
  // PostgreSQL: its queries really run side by side, so starts at once race for the last open slot (on
  // SQLite one connection serialises them and the race never shows).
  app = await startStrapi({
    database: 'postgres',
    config: {
      maxMessageLength: MAX_LENGTH,
      maxOpenConversationsPerVisitor: 2,
      rateLimit: {
        messages: 2,
        windowSeconds: 3600,
        conversations: 4,
        conversationWindowSeconds: 3600,
        humanRequests: 2,
        humanRequestWindowSeconds: 3600,
      },
    },
  });
  agent = await createAgent(app);
});

afterAll(() => app.stop());

/** POST /api/livechat/conversations as the visitor, answered whatever the status. */
const start = (visitor: TestVisitor, body: object = {}) =>
  app.request.post('/api/livechat/conversations').set(visitor.auth).send(body);

const end = (visitor: TestVisitor, conversationId: number) =>
  app.request.post(`/api/livechat/conversations/${conversationId}/end`).set(visitor.auth).expect(200);

const requestHuman = (visitor: TestVisitor, conversationId: number) =>
  app.request.post(`/api/livechat/conversations/${conversationId}/human`).set(visitor.auth);

/** Every conversation stored for the contact, whatever its status, as the agents' list counts them. */
const storedConversations = async (contactId: number): Promise<number> =>
  (await as(app, agent).get(`/conversations?contact=${contactId}`).expect(200)).body.data.pagination.total;

describe('conversation starts', () => {
  it('starting conversations faster than the limit is a 429 naming it, and no conversation is added', async () => {
    const visitor = await startVisitor(app);
    for (let i = 0; i < 4; i += 1) await end(visitor, (await startConversation(app, visitor)).id);
    const refused = await start(visitor).expect(429);
    expect(refused.body.error.message).toMatch(/^Too many conversations started: at most 4 per 3600 seconds/);
    await start(visitor).expect(429);
    expect(await storedConversations(visitor.contactId)).toBe(4);
  });

  it('a visitor may have 2 conversations open at once: another start is a 409 naming the cap; ending one frees a slot', async () => {
    const visitor = await startVisitor(app);
    const first = await startConversation(app, visitor);
    await startConversation(app, visitor);
    const refused = await start(visitor).expect(409);
    expect(refused.body.error.message).toMatch(/at most 2 open conversations at once/);
    expect(await storedConversations(visitor.contactId)).toBe(2);
    await end(visitor, first.id);
    await start(visitor).expect(201);
    expect(await storedConversations(visitor.contactId)).toBe(3);
  });

  it('ten starts at once leave exactly the cap of open conversations', async () => {
    const visitor = await startVisitor(app);
    const answers = await Promise.all(Array.from({ length: 10 }, () => start(visitor)));
    const statuses = answers.map((answer) => answer.status).sort();
    expect(statuses).toEqual([201, 201, 409, 409, 409, 409, 409, 409, 409, 409]);
    expect(await storedConversations(visitor.contactId)).toBe(2);
  });
});

describe('a refused first message leaves nothing behind', () => {
  it('a first text over maxMessageLength is a 400 naming text, and no conversation is created', async () => {
    const visitor = await startVisitor(app);
    const refused = await start(visitor, { text: 'x'.repeat(MAX_LENGTH + 1) }).expect(400);
    expect(refused.body.error.details).toEqual({ field: 'text' });
    expect(await storedConversations(visitor.contactId)).toBe(0);
    const started = await start(visitor, { text: 'Hello there' }).expect(201);
    const thread = await app.request
      .get(`/api/livechat/conversations/${started.body.data.id}/messages`)
      .set(visitor.auth)
      .expect(200);
    expect(thread.body.data.results[0]).toMatchObject({ authorKind: 'visitor', text: 'Hello there' });
  });

  it('a first text over the message limit is a 429, and no conversation is created', async () => {
    const visitor = await startVisitor(app);
    const conversation = await startConversation(app, visitor);
    await visitorSays(app, visitor, conversation.id, 'one');
    await visitorSays(app, visitor, conversation.id, 'two');
    const refused = await start(visitor, { text: 'three' }).expect(429);
    expect(refused.body.error.message).toMatch(/^Too many messages: at most 2 per 3600 seconds/);
    expect(await storedConversations(visitor.contactId)).toBe(1);
    // The start itself was allowed: without a text it goes through.
    await start(visitor).expect(201);
  });

  it('an agent starting a conversation with a text over maxMessageLength gets a 400 naming text, and nothing is created', async () => {
    const visitor = await startVisitor(app);
    const refused = await as(app, agent)
      .post('/conversations', { contactId: visitor.contactId, text: 'y'.repeat(MAX_LENGTH + 1) })
      .expect(400);
    expect(refused.body.error.details).toEqual({ field: 'text' });
    expect(await storedConversations(visitor.contactId)).toBe(0);
    await as(app, agent)
      .post('/conversations', { contactId: visitor.contactId, text: 'y'.repeat(MAX_LENGTH) })
      .expect(201);
  });
});

describe('human requests', () => {
  it('asking for a human more often than the limit is a 429 naming it; a repeated ask (409) does not count', async () => {
    const visitor = await startVisitor(app);
    const first = await startConversation(app, visitor);
    const second = await startConversation(app, visitor);
    await requestHuman(visitor, first.id).expect(200);
    await requestHuman(visitor, first.id).expect(409);
    await requestHuman(visitor, second.id).expect(200);
    await end(visitor, first.id);
    const third = await startConversation(app, visitor);
    const refused = await requestHuman(visitor, third.id).expect(429);
    expect(refused.body.error.message).toMatch(/^Too many requests for a human: at most 2 per 3600 seconds/);
    const unchanged = await app.request.get(`/api/livechat/conversations/${third.id}`).set(visitor.auth).expect(200);
    expect(unchanged.body.data.status).toBe('bot');
  });
});
