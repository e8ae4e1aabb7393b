import type { Socket } from 'socket.io-client';
import {
  actionId,
  AGENT_NAMESPACE,
  EVENTS,
  VISITOR_NAMESPACE,
  type Ack,
  type Conversation,
  type Message,
} from '../../plugin';
import { goOnline, as, openConversation, startConversation, startVisitor } from '../helpers/chat';
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
let agent: TestAgent;
let other: TestAgent;

beforeAll(async () => {
  app = await startStrapi({
    config: {
      allowedOrigins: ['https://shop.example'],
      maxSocketPayloadBytes: 8192,
      presenceGraceSeconds: 0,
      agentSessionCheckSeconds: 1,
    },
  });
  agent = await createAgent(app);
  other = await createAgent(app);
  // One agent holds many open conversations here; capacity has its own tests (tests/routing).
  await as(app, agent)
    .put('/settings', { routing: { capacity: 100 } })
    .expect(200);
});

afterAll(() => app.stop());

const visitorSocket = (token: string, opts = {}) => connectSocket(app.url, VISITOR_NAMESPACE, token, opts);
const agentSocket = (token: string, opts = {}) => connectSocket(app.url, AGENT_NAMESPACE, token, opts);
const send = (socket: Socket, conversationId: number, clientId: string, text: string) =>
  emitAck<Ack<Message>>(socket, EVENTS.messageSend, { conversationId, clientId, text });

describe('visitor → agent relay', () => {
  it("a visitor message updates the agent's list row with its tags and preview", async () => {
    const { visitor, conversation } = await openConversation(app, agent);
    const tag = await as(app, agent).post('/tags', { name: 'relay-vip' }).expect(201);
    await as(app, agent)
      .put(`/conversations/${conversation.id}/tags`, { tagIds: [tag.body.data.id] })
      .expect(200);
    const [tab, inbox] = await Promise.all([visitorSocket(visitor.token), agentSocket(agent.token)]);
    const updated = nextEvent<Conversation>(
      inbox,
      EVENTS.conversationUpdated,
      (c) => c.id === conversation.id && c.lastMessagePreview === 'tagged message',
    );
    expect(await send(tab, conversation.id, 'tagged-1', 'tagged message')).toMatchObject({ ok: true });
    expect((await updated).tags.map((t) => t.name)).toEqual(['relay-vip']);
  });

  it('a message is stored before its ack (which carries the stored id) and relayed to the watching agent and the visitor’s other tabs', async () => {
    const { visitor, conversation } = await openConversation(app, agent);
    const [tab1, tab2, inbox] = await Promise.all([
      visitorSocket(visitor.token),
      visitorSocket(visitor.token),
      agentSocket(agent.token),
    ]);
    expect(await emitAck(inbox, EVENTS.conversationWatch, { conversationId: conversation.id })).toEqual({
      ok: true,
      data: null,
    });
    const atAgent = nextEvent<Message>(inbox, EVENTS.messageNew, (m) => m.clientId === 'relay-1');
    const atTab2 = nextEvent<Message>(tab2, EVENTS.messageNew, (m) => m.clientId === 'relay-1');
    const ack = await send(tab1, conversation.id, 'relay-1', 'where is my parcel?');
    if (!ack.ok) throw new Error(ack.error.message);
    const stored = await app.strapi.db
      .query('plugin::livechat.message' as never)
      .findOne({ where: { id: ack.data.id } } as never);
    expect(stored).toMatchObject({ text: 'where is my parcel?', clientId: 'relay-1' });
    expect((await atAgent).id).toBe(ack.data.id);
    expect((await atTab2).id).toBe(ack.data.id);
  });

  it('an agent reply over the socket reaches the visitor; the visitor sees the agent typing', async () => {
    const { visitor, conversation } = await openConversation(app, agent);
    const [tab, inbox] = await Promise.all([visitorSocket(visitor.token), agentSocket(agent.token)]);
    const typing = nextEvent<{ conversationId: number; typing: boolean; name: string }>(tab, EVENTS.typingChanged);
    await emitAck(inbox, EVENTS.typing, { conversationId: conversation.id, typing: true });
    expect(await typing).toMatchObject({
      conversationId: conversation.id,
      typing: true,
      authorKind: 'agent',
      name: 'Test Agent 1',
    });
    const incoming = nextEvent<Message>(tab, EVENTS.messageNew, (m) => m.authorKind === 'agent');
    const ack = await send(inbox, conversation.id, 'reply-1', 'On its way!');
    expect(ack.ok).toBe(true);
    expect(await incoming).toMatchObject({ text: 'On its way!', authorName: 'Test Agent 1' });
  });

  it('a resent clientId over the socket answers the first stored message', async () => {
    const { visitor, conversation } = await openConversation(app, agent);
    const tab = await visitorSocket(visitor.token);
    const first = await send(tab, conversation.id, 'twice', 'hello');
    const second = await send(tab, conversation.id, 'twice', 'hello');
    if (!first.ok || !second.ok) throw new Error('send failed');
    expect(second.data.id).toBe(first.data.id);
    expect(
      await app.strapi.db
        .query('plugin::livechat.message' as never)
        .count({ where: { conversationId: conversation.id } } as never),
    ).toBe(1);
  });

  it("visitor B's socket can neither write to, replay, nor hear visitor A's conversation", async () => {
    const { visitor: a, conversation } = await openConversation(app, agent);
    const b = await startVisitor(app, { name: 'B' });
    const [tabA, tabB] = await Promise.all([visitorSocket(a.token), visitorSocket(b.token)]);
    const heard: Message[] = [];
    tabB.on(EVENTS.messageNew, (m: Message) => heard.push(m));
    const write = await send(tabB, conversation.id, 'intrude', 'let me in');
    expect(write).toMatchObject({ ok: false, error: { status: 404 } });
    const replay = await emitAck<Ack<unknown>>(tabB, EVENTS.messagesSince, {
      conversationId: conversation.id,
      after: 0,
    });
    expect(replay).toMatchObject({ ok: false, error: { status: 404 } });
    const typing = await emitAck<Ack<unknown>>(tabB, EVENTS.typing, { conversationId: conversation.id, typing: true });
    expect(typing).toMatchObject({ ok: false, error: { status: 404 } });
    await send(tabA, conversation.id, 'secret', 'my address is 1 Main St');
    await as(app, agent)
      .post(`/conversations/${conversation.id}/messages`, { clientId: 'agent-secret', text: 'noted' })
      .expect(201);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(heard).toEqual([]);
    expect(
      await app.strapi.db.query('plugin::livechat.message' as never).count({ where: { clientId: 'intrude' } } as never),
    ).toBe(0);
  });

  it('bad socket payloads are answered with a 400 naming the field; an oversized payload drops the socket', async () => {
    const visitor = await startVisitor(app);
    const conversation = await startConversation(app, visitor);
    const tab = await visitorSocket(visitor.token);
    expect(
      await emitAck(tab, EVENTS.messageSend, { conversationId: conversation.id, clientId: 'b1', text: '' }),
    ).toMatchObject({
      ok: false,
      error: { status: 400, field: 'text' },
    });
    expect(
      await emitAck(tab, EVENTS.messageSend, { conversationId: conversation.id, clientId: 'b2', text: { $ne: 1 } }),
    ).toMatchObject({
      ok: false,
      error: { status: 400, field: 'text' },
    });
    expect(await emitAck(tab, EVENTS.messageSend, 'not an object')).toMatchObject({
      ok: false,
      error: { status: 400, field: 'payload' },
    });
    expect(await emitAck(tab, EVENTS.messageSend, { conversationId: 'x', clientId: 'b3', text: 'hi' })).toMatchObject({
      ok: false,
      error: { status: 400, field: 'conversationId' },
    });
    const dropped = new Promise((resolve) => tab.once('disconnect', resolve));
    tab.emit(EVENTS.messageSend, { conversationId: conversation.id, clientId: 'huge', text: 'x'.repeat(20_000) });
    await dropped;
    expect(
      await app.strapi.db
        .query('plugin::livechat.message' as never)
        .count({ where: { conversationId: conversation.id } } as never),
    ).toBe(0);
  });
});

describe('socket authentication and origins', () => {
  it('a visitor socket without a valid token is refused', async () => {
    await expect(visitorSocket('')).rejects.toThrow('A visitor token is required');
    await expect(visitorSocket('forged.token.value')).rejects.toThrow('The visitor token is invalid or expired');
  });

  it('browsers from an origin not allowed are refused on the WebSocket path too; allowed and same origins connect', async () => {
    const visitor = await startVisitor(app);
    await expect(visitorSocket(visitor.token, { extraHeaders: { Origin: 'https://evil.example' } })).rejects.toThrow();
    await expect(
      visitorSocket(visitor.token, { transports: ['polling'], extraHeaders: { Origin: 'https://evil.example' } }),
    ).rejects.toThrow();
    const allowed = await visitorSocket(visitor.token, { extraHeaders: { Origin: 'https://shop.example' } });
    expect(allowed.connected).toBe(true);
    const sameOrigin = await visitorSocket(visitor.token, { extraHeaders: { Origin: app.url } });
    expect(sameOrigin.connected).toBe(true);
  });

  it('an agent socket needs a valid admin token and the plugin read permission', async () => {
    await expect(agentSocket('nope')).rejects.toThrow('The admin access token is invalid or expired');
    const outsider = await createAgent(app, { actions: ['admin::marketplace.read'] });
    await expect(agentSocket(outsider.token)).rejects.toThrow('You need the live chat "read" permission');
    const visitor = await startVisitor(app);
    await expect(agentSocket(visitor.token)).rejects.toThrow('The admin access token is invalid or expired');
  });

  it('an agent socket is disconnected when the admin session ends (logout)', async () => {
    const leaving = await createAgent(app);
    const inbox = await agentSocket(leaving.token);
    const disconnected = new Promise((resolve) => inbox.once('disconnect', resolve));
    await app.request
      .post('/admin/logout')
      .set({ Authorization: `Bearer ${leaving.token}` })
      .expect(200);
    await disconnected;
    expect(inbox.connected).toBe(false);
  });

  it('an agent without reply permission cannot write over the socket', async () => {
    const reader = await createAgent(app, { actions: [actionId('read'), actionId('readAll')] });
    const { conversation } = await openConversation(app, agent);
    const inbox = await agentSocket(reader.token);
    expect(await send(inbox, conversation.id, 'nope', 'hi')).toMatchObject({ ok: false, error: { status: 403 } });
  });
});

describe('live lists and presence', () => {
  it('a visitor asking for a human appears in every agent’s queue without a reload', async () => {
    const inbox = await agentSocket(other.token);
    const visitor = await startVisitor(app, { name: 'Needs help' });
    const conversation = await startConversation(app, visitor);
    const queued = nextEvent<Conversation>(
      inbox,
      EVENTS.conversationUpdated,
      (c) => c.id === conversation.id && c.status === 'queued',
    );
    await app.request.post(`/api/livechat/conversations/${conversation.id}/human`).set(visitor.auth).expect(200);
    expect((await queued).contact.name).toBe('Needs help');
    const picked = nextEvent<Conversation>(
      inbox,
      EVENTS.conversationUpdated,
      (c) => c.id === conversation.id && c.status === 'open',
    );
    await goOnline(app, agent);
    await as(app, agent).post(`/conversations/${conversation.id}/pick`).expect(200);
    expect((await picked).assignee?.id).toBe(agent.id);
  });

  it('agent presence: online on connect, away when set, offline after disconnect; visitors see availability', async () => {
    const watcher = await agentSocket(other.token);
    const visitor = await startVisitor(app);
    const tab = await visitorSocket(visitor.token);
    const present = await createAgent(app);
    const online = nextEvent<{ agentId: number; presence: string }>(
      watcher,
      EVENTS.agentPresence,
      (p) => p.agentId === present.id,
    );
    const inbox = await agentSocket(present.token);
    expect((await online).presence).toBe('online');
    const availability = await app.request.get('/api/livechat/availability').expect(200);
    expect(availability.body.data.online).toBe(true);
    const away = nextEvent<{ agentId: number; presence: string }>(
      watcher,
      EVENTS.agentPresence,
      (p) => p.agentId === present.id && p.presence === 'away',
    );
    expect(await emitAck(inbox, EVENTS.presenceSet, { presence: 'away' })).toEqual({
      ok: true,
      data: { presence: 'away' },
    });
    await away;
    expect(await emitAck(inbox, EVENTS.presenceSet, { presence: 'busy' })).toMatchObject({
      ok: false,
      error: { field: 'presence' },
    });
    const offline = nextEvent<{ agentId: number; presence: string }>(
      watcher,
      EVENTS.agentPresence,
      (p) => p.agentId === present.id && p.presence === 'offline',
    );
    inbox.disconnect();
    await offline;
    expect(tab.connected).toBe(true);
  });

  it('the agent watching a conversation sees the visitor typing', async () => {
    const { visitor, conversation } = await openConversation(app, agent);
    const [tab, inbox] = await Promise.all([visitorSocket(visitor.token), agentSocket(agent.token)]);
    await emitAck(inbox, EVENTS.conversationWatch, { conversationId: conversation.id });
    const typing = nextEvent<{ authorKind: string; typing: boolean }>(inbox, EVENTS.typingChanged);
    await emitAck(tab, EVENTS.typing, { conversationId: conversation.id, typing: true });
    expect(await typing).toMatchObject({ authorKind: 'visitor', typing: true, conversationId: conversation.id });
  });
});
