import { AGENT_NAMESPACE, EVENTS, type TypingChangedPayload } from '../../plugin';
import { LivechatApiError, type LivechatStorage } from '../../widget/client';
import { closeClients, nextClientEvent, visitorClient, whenOnline } from '../helpers/client';
import { goOnline, as } from '../helpers/chat';
import { publishEntry } from '../helpers/knowledge';
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

beforeAll(async () => {
  app = await startStrapi({ config: { presenceGraceSeconds: 0 } });
  agent = await createAgent(app);
  await publishEntry(app, {
    title: 'How long does delivery take?',
    answer: 'Standard delivery takes 2 to 4 working days in the UK.',
    alternativeQuestions: ['When will my parcel arrive?'],
    url: 'https://shop.example/help/delivery',
  });
});

afterEach(() => closeClients());
afterAll(() => app.stop());

/** A storage that answers asynchronously, like React Native's AsyncStorage, and shows what it holds. */
const asyncStorage = () => {
  const values = new Map<string, string>();
  const storage: LivechatStorage = {
    get: async (key) => values.get(key) ?? null,
    set: async (key, value) => void values.set(key, value),
    remove: async (key) => void values.delete(key),
  };
  return { storage, values };
};

describe('headless client: session', () => {
  it('starts a session and keeps its token in the storage it was given', async () => {
    const { storage, values } = asyncStorage();
    const client = visitorClient(app.url, { storage, storageKey: 'my-chat' });
    const session = await client.start({ name: 'Ada', email: 'ada@example.com' });
    expect(session.contact).toMatchObject({ name: 'Ada', email: 'ada@example.com' });
    expect(JSON.parse(values.get('my-chat') ?? '{}').token).toBe(session.token);
    await whenOnline(client);
  });

  it('resumes the stored session on the next visit instead of creating a new visitor', async () => {
    const { storage } = asyncStorage();
    const first = visitorClient(app.url, { storage });
    const session = await first.start({ name: 'Returning visitor' });
    const conversation = await first.startConversation();
    first.close();

    const second = visitorClient(app.url, { storage });
    const resumed = await second.start({ name: 'ignored on resume' });
    expect(resumed.contact.id).toBe(session.contact.id);
    expect((await second.conversations()).map((c) => c.id)).toEqual([conversation.id]);
  });

  it('starts a new session when the stored token no longer verifies', async () => {
    const { storage, values } = asyncStorage();
    values.set(
      'livechat',
      JSON.stringify({ token: 'forged.token.value', contact: { id: 1, name: null, email: null } }),
    );
    const client = visitorClient(app.url, { storage });
    const session = await client.start();
    expect(session.token).not.toBe('forged.token.value');
    expect(JSON.parse(values.get('livechat') ?? '{}').token).toBe(session.token);
  });

  it('forget() removes the session from storage; the next start is a new visitor', async () => {
    const { storage, values } = asyncStorage();
    const client = visitorClient(app.url, { storage });
    const first = await client.start();
    await client.forget();
    expect(values.has('livechat')).toBe(false);
    const second = await client.start();
    expect(second.contact.id).not.toBe(first.contact.id);
  });

  it('reports support availability, and pushes the change when an agent comes online', async () => {
    const client = visitorClient(app.url);
    expect(await client.availability()).toEqual({
      online: false,
      agentsOnline: 0,
      withinBusinessHours: true,
      opensAt: null,
    });
    await client.start();
    await whenOnline(client);
    const cameOnline = nextClientEvent(client, 'availability', (payload) => payload.online);
    const agentSocket = await connectSocket(app.url, AGENT_NAMESPACE, agent.token);
    await cameOnline;
    expect(await client.availability()).toMatchObject({ online: true, agentsOnline: 1 });
    const wentOffline = nextClientEvent(client, 'availability', (payload) => !payload.online);
    agentSocket.disconnect();
    await wentOffline;
  });

  it('a refused request rejects with the status and the field named', async () => {
    const client = visitorClient(app.url);
    await client.start();
    const conversation = await client.startConversation();
    const error = await client.rate(conversation.id, 9).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LivechatApiError);
    expect(error).toMatchObject({ status: 400, field: 'score' });
  });
});

describe('headless client: a conversation from bot to human to rating', () => {
  it('the bot answers with its source, a human is requested, typing flows both ways, the visitor ends and rates', async () => {
    const client = visitorClient(app.url);
    await client.start({ name: 'Grace' });
    const conversation = await client.startConversation();
    expect(conversation.status).toBe('bot');

    const botAnswer = nextClientEvent(client, 'message', (m) => m.authorKind === 'bot');
    await client.send(conversation.id, 'When will my parcel arrive?');
    const answer = await botAnswer;
    expect(answer.text).toContain('2 to 4 working days');
    expect(answer.sources).toEqual([
      expect.objectContaining({ title: 'How long does delivery take?', url: 'https://shop.example/help/delivery' }),
    ]);

    const queued = await client.requestHuman(conversation.id);
    expect(queued.status).toBe('queued');
    const position = await client.queuePosition(conversation.id);
    expect(position.position).toBe(1);

    const assigned = nextClientEvent(client, 'conversation', (c) => c.status === 'open');
    await goOnline(app, agent);
    await as(app, agent).post(`/conversations/${conversation.id}/pick`).expect(200);
    expect((await assigned).assignee?.name).toBe('Test Agent 1');

    const agentSocket = await connectSocket(app.url, AGENT_NAMESPACE, agent.token);
    await emitAck(agentSocket, EVENTS.conversationWatch, { conversationId: conversation.id });
    const visitorTyping = nextEvent<TypingChangedPayload>(agentSocket, EVENTS.typingChanged, (p) => p.typing);
    client.typing(conversation.id, true);
    expect(await visitorTyping).toMatchObject({ conversationId: conversation.id, authorKind: 'visitor' });
    const agentTyping = nextClientEvent(client, 'typing', (p) => p.authorKind === 'agent' && p.typing);
    await emitAck(agentSocket, EVENTS.typing, { conversationId: conversation.id, typing: true });
    expect((await agentTyping).name).toBe('Test Agent 1');

    const reply = nextClientEvent(client, 'message', (m) => m.authorKind === 'agent');
    await as(app, agent)
      .post(`/conversations/${conversation.id}/messages`, { clientId: 'agent-1', text: 'Hello Grace, I can help.' })
      .expect(201);
    expect((await reply).text).toBe('Hello Grace, I can help.');

    const ended = await client.end(conversation.id);
    expect(ended.status).toBe('ended');
    const rated = await client.rate(conversation.id, 5, 'Quick and kind');
    expect(rated.rating).toBe(5);
    expect(client.timeline(conversation.id).map((m) => m.authorKind)).toEqual(['visitor', 'bot', 'agent']);
  });

  it('history lists past conversations newest first, and loads the messages of an old one', async () => {
    const client = visitorClient(app.url);
    await client.start();
    const older = await client.startConversation();
    await client.send(older.id, 'first chat');
    await client.end(older.id);
    const newer = await client.startConversation();

    const history = await client.conversations();
    expect(history.map((c) => c.id)).toEqual([newer.id, older.id]);
    expect(history[1].status).toBe('ended');

    const messages = await client.messages(older.id);
    expect(messages.filter((m) => m.authorKind === 'visitor').map((m) => m.text)).toEqual(['first chat']);
  });
});
