import { AGENT_NAMESPACE, EVENTS, VISITOR_NAMESPACE, type Conversation, type VisitorConversation } from '../../plugin';
import { as, openConversation, visitorSays } from '../helpers/chat';
import { closeClients, nextClientEvent, visitorClient, whenOnline } from '../helpers/client';
import {
  connectSocket,
  createAgent,
  emitAck,
  nextEvent,
  startStrapi,
  type TestAgent,
  type TestApp,
} from '../helpers/strapi';

let app: TestApp;
let alice: TestAgent;
let bob: TestAgent;

beforeAll(async () => {
  app = await startStrapi();
  alice = await createAgent(app);
  bob = await createAgent(app);
  await as(app, alice)
    .put('/settings', { routing: { capacity: 100 } })
    .expect(200);
});

afterEach(() => closeClients());
afterAll(() => app.stop());

const agentReplies = async (agent: TestAgent, conversationId: number, text: string) =>
  (
    await as(app, agent)
      .post(`/conversations/${conversationId}/messages`, { clientId: `a-${Math.random().toString(36).slice(2)}`, text })
      .expect(201)
  ).body.data as { createdAt: string };

describe('seen receipts', () => {
  it('the visitor reads over REST: the agent watching sees seenByVisitorAt after the reply, the unread count cleared', async () => {
    const { visitor, conversation } = await openConversation(app, alice, 'Reader');
    const inbox = await connectSocket(app.url, AGENT_NAMESPACE, alice.token);
    await emitAck(inbox, EVENTS.conversationWatch, { conversationId: conversation.id });
    const reply = await agentReplies(alice, conversation.id, 'Can you see this?');
    const before = (await as(app, alice).get(`/conversations/${conversation.id}`).expect(200)).body
      .data as Conversation;
    expect(before.unreadByVisitor).toBe(1);
    expect(before.seenByVisitorAt).toBeNull();

    const pushed = nextEvent<Conversation>(
      inbox,
      EVENTS.conversationUpdated,
      (c) => c.id === conversation.id && c.seenByVisitorAt !== null,
    );
    const read = await app.request
      .post(`/api/livechat/conversations/${conversation.id}/read`)
      .set(visitor.auth)
      .expect(200);
    // The visitor's view carries only the agent's read time, not their own.
    expect(Object.keys(read.body.data)).not.toContain('seenByVisitorAt');
    const seen = await pushed;
    expect(seen.unreadByVisitor).toBe(0);
    expect(Date.parse(seen.seenByVisitorAt!)).toBeGreaterThanOrEqual(Date.parse(reply.createdAt));
  });

  it('a second read with nothing new keeps the first seen time', async () => {
    const { visitor, conversation } = await openConversation(app, alice, 'Twice');
    await agentReplies(alice, conversation.id, 'Hello');
    const first = await app.request.post(`/api/livechat/conversations/${conversation.id}/read`).set(visitor.auth);
    const seenAt = ((await as(app, alice).get(`/conversations/${conversation.id}`)).body.data as Conversation)
      .seenByVisitorAt;
    expect(first.status).toBe(200);
    expect(seenAt).not.toBeNull();
    await app.request.post(`/api/livechat/conversations/${conversation.id}/read`).set(visitor.auth).expect(200);
    const after = (await as(app, alice).get(`/conversations/${conversation.id}`)).body.data as Conversation;
    expect(after.seenByVisitorAt).toBe(seenAt);
  });

  it('the assigned agent reads over the socket: the visitor is pushed seenByAgentAt', async () => {
    const { visitor, conversation } = await openConversation(app, alice, 'Client reader');
    const said = await visitorSays(app, visitor, conversation.id, 'Are you there?');
    const watcher = await connectSocket(app.url, VISITOR_NAMESPACE, visitor.token);
    const pushed = nextEvent<VisitorConversation>(
      watcher,
      EVENTS.conversationUpdated,
      (c) => c.id === conversation.id && c.seenByAgentAt !== null,
    );
    const inbox = await connectSocket(app.url, AGENT_NAMESPACE, alice.token);
    const ack = await emitAck<{ ok: true; data: Conversation }>(inbox, EVENTS.conversationRead, {
      conversationId: conversation.id,
    });
    expect(ack.ok).toBe(true);
    expect(ack.data.unreadByAgent).toBe(0);
    const seen = await pushed;
    expect(Date.parse(seen.seenByAgentAt!)).toBeGreaterThanOrEqual(Date.parse(said.createdAt));
  });

  it('a colleague who may read every chat reading it changes nothing: it stays unread for the assignee', async () => {
    const { visitor, conversation } = await openConversation(app, alice, 'Not yours');
    await visitorSays(app, visitor, conversation.id, 'Hi');
    const answered = await as(app, bob).post(`/conversations/${conversation.id}/read`).expect(200);
    expect(answered.body.data).toMatchObject({ unreadByAgent: 1, seenByAgentAt: null });
    // Alice's GET answers the thread as it was, then counts as her read.
    expect((await as(app, alice).get(`/conversations/${conversation.id}`)).body.data.unreadByAgent).toBe(1);
    expect((await as(app, alice).get(`/conversations/${conversation.id}`)).body.data.unreadByAgent).toBe(0);
  });

  it('the headless client marks read and reports the agent reading back as a conversation event', async () => {
    const client = visitorClient(app.url);
    await client.start();
    const started = await client.startConversation();
    await app.request
      .post(`/api/livechat/conversations/${started.id}/human`)
      .set({ Authorization: `Bearer ${client.session!.token}` })
      .expect(200);
    const picked = (await as(app, alice).post(`/conversations/${started.id}/pick`).expect(200)).body
      .data as Conversation;
    await client.messages(started.id);
    client.connect();
    await whenOnline(client);

    const agentRead = nextClientEvent(client, 'conversation', (c) => c.id === started.id && c.seenByAgentAt !== null);
    await as(app, alice).post(`/conversations/${picked.id}/read`).expect(200);
    expect((await agentRead).seenByAgentAt).not.toBeNull();

    await agentReplies(alice, picked.id, 'Welcome');
    const marked = await client.markRead(started.id);
    expect(marked.id).toBe(started.id);
    const desk = (await as(app, alice).get(`/conversations/${picked.id}`)).body.data as Conversation;
    expect(desk.unreadByVisitor).toBe(0);
    expect(desk.seenByVisitorAt).not.toBeNull();
  });

  it('marking someone else’s conversation read is a 404 for a visitor and a 400 naming the id for a bad one', async () => {
    const { conversation } = await openConversation(app, alice, 'Private');
    const stranger = await app.request.post('/api/livechat/sessions').send({}).expect(201);
    const auth = { Authorization: `Bearer ${stranger.body.data.token}` };
    await app.request.post(`/api/livechat/conversations/${conversation.id}/read`).set(auth).expect(404);
    const bad = await app.request.post('/api/livechat/conversations/nope/read').set(auth).expect(400);
    expect(bad.body.error.message).toMatch(/id/);
  });
});
