import { EVENTS, VISITOR_NAMESPACE, type Ack, type Message } from '../../plugin';
import { as, openConversation } from '../helpers/chat';
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
  app = await startStrapi();
  agent = await createAgent(app);
});

afterAll(() => app.stop());

describe('reconnect replay', () => {
  it('a visitor that reconnects gets everything after its last id: nothing lost, nothing twice', async () => {
    const { visitor, conversation } = await openConversation(app, agent);
    const seen = new Map<number, Message>();
    const first = await connectSocket(app.url, VISITOR_NAMESPACE, visitor.token);
    first.on(EVENTS.messageNew, (m: Message) => seen.set(m.id, m));
    const delivered = nextEvent<Message>(first, EVENTS.messageNew, (m) => m.text === 'before the tunnel');
    await as(app, agent)
      .post(`/conversations/${conversation.id}/messages`, { clientId: 'a0', text: 'before the tunnel' })
      .expect(201);
    await delivered;
    first.disconnect();

    for (let i = 1; i <= 3; i += 1) {
      await as(app, agent)
        .post(`/conversations/${conversation.id}/messages`, { clientId: `a${i}`, text: `while offline ${i}` })
        .expect(201);
    }

    const second = await connectSocket(app.url, VISITOR_NAMESPACE, visitor.token);
    const lastId = Math.max(...seen.keys());
    const replay = await emitAck<Ack<{ results: Message[]; hasMore: boolean }>>(second, EVENTS.messagesSince, {
      conversationId: conversation.id,
      after: lastId,
    });
    if (!replay.ok) throw new Error(replay.error.message);
    for (const m of replay.data.results) {
      expect(seen.has(m.id)).toBe(false);
      seen.set(m.id, m);
    }
    expect([...seen.values()].map((m) => m.text)).toEqual([
      'before the tunnel',
      'while offline 1',
      'while offline 2',
      'while offline 3',
    ]);
    expect(replay.data.hasMore).toBe(false);
  });

  it('a message whose ack was lost is resent after reconnect with the same clientId and stored once', async () => {
    const { visitor, conversation } = await openConversation(app, agent);
    const flaky = await connectSocket(app.url, VISITOR_NAMESPACE, visitor.token);
    // Send and drop the connection before reading the ack, as a phone losing signal would.
    flaky.emit(EVENTS.messageSend, { conversationId: conversation.id, clientId: 'lost-ack', text: 'did this arrive?' });
    flaky.disconnect();
    const again = await connectSocket(app.url, VISITOR_NAMESPACE, visitor.token);
    const resent = await emitAck<Ack<Message>>(again, EVENTS.messageSend, {
      conversationId: conversation.id,
      clientId: 'lost-ack',
      text: 'did this arrive?',
    });
    expect(resent.ok).toBe(true);
    const all = await app.request
      .get(`/api/livechat/conversations/${conversation.id}/messages`)
      .set(visitor.auth)
      .expect(200);
    expect(all.body.data.results.filter((m: Message) => m.clientId === 'lost-ack')).toHaveLength(1);
  });
});
