import type { Socket } from 'socket.io-client';
import { AGENT_NAMESPACE, EVENTS, VISITOR_NAMESPACE, type Ack, type Message } from '../../plugin';
import { eventually, openConversation } from '../helpers/chat';
import { sharedRedis, type StrapiProcess } from '../helpers/cluster';
import { startTwoInstances, type TwoInstances } from '../helpers/instances';
import { startRedisServer, type RedisServer } from '../helpers/redis-server';
import { connectSocket, emitAck, nextEvent, type TestAgent, type TestApp } from '../helpers/strapi';

// Two instances (A in this process, B in a child) on one PostgreSQL database and a Redis of this test's
// own, which it kills for 30 seconds: the outage a production site must ride out.
const OUTAGE_MS = 30_000;

let redis: RedisServer;
let a: TestApp;
let b: StrapiProcess;
let agent: TestAgent;
let instances: TwoInstances | undefined;

beforeAll(async () => {
  redis = await startRedisServer();
  instances = await startTwoInstances({ ...sharedRedis(), redis: redis.url });
  ({ a, b, agent } = instances);
});

afterAll(async () => {
  await instances?.stop();
  await redis?.kill();
});

const send = (tab: Socket, conversationId: number, clientId: string) =>
  emitAck<Ack<Message>>(tab, EVENTS.messageSend, { conversationId, clientId, text: `message ${clientId}` });

const heard = (inbox: Socket, clientId: string, timeoutMs = 10_000) =>
  nextEvent<Message>(inbox, EVENTS.messageNew, (m) => m.clientId === clientId, timeoutMs);

const storedCount = (clientIds: string[]) =>
  a.strapi.db.query('plugin::livechat.message' as never).count({ where: { clientId: { $in: clientIds } } } as never);

it('Redis away for 30 seconds: each instance serves its own sockets and stores every message, nothing crashes, and cross-instance delivery resumes by itself', async () => {
  const { visitor, conversation } = await openConversation(a, agent, 'Outage visitor');
  const [tab, inboxOnA, inboxOnB] = await Promise.all([
    connectSocket(a.url, VISITOR_NAMESPACE, visitor.token),
    connectSocket(a.url, AGENT_NAMESPACE, agent.token),
    connectSocket(b.url, AGENT_NAMESPACE, agent.token),
  ]);
  for (const inbox of [inboxOnA, inboxOnB]) {
    expect(await emitAck(inbox, EVENTS.conversationWatch, { conversationId: conversation.id })).toMatchObject({
      ok: true,
    });
  }
  const before = heard(inboxOnB, 'before');
  expect(await send(tab, conversation.id, 'before')).toMatchObject({ ok: true });
  await before;

  await redis.kill();
  const sent: string[] = [];
  const outageEnds = Date.now() + OUTAGE_MS;
  for (let n = 0; Date.now() < outageEnds; n += 1) {
    const clientId = `during-${n}`;
    const onA = heard(inboxOnA, clientId);
    expect(await send(tab, conversation.id, clientId)).toMatchObject({ ok: true, data: { clientId } });
    await onA;
    sent.push(clientId);
    // Both instances still answer, and B still serves the agent API from the database.
    await a.request.get('/_health').expect(204);
    await b.request
      .get(`/livechat/conversations/${conversation.id}`)
      .set({ Authorization: `Bearer ${agent.token}` })
      .expect(200);
    await new Promise((resolve) => setTimeout(resolve, 3000));
  }
  expect(sent.length).toBeGreaterThanOrEqual(5);

  await redis.restart();
  // Once both instances have reconnected, a message on A reaches the agent on B again.
  let n = 0;
  await eventually(async () => {
    n += 1;
    const clientId = `after-${n}`;
    const onB = heard(inboxOnB, clientId, 3000);
    expect(await send(tab, conversation.id, clientId)).toMatchObject({ ok: true });
    sent.push(clientId);
    await onB;
  }, 30_000);

  expect(await storedCount(['before', ...sent])).toBe(sent.length + 1);
  [tab, inboxOnA, inboxOnB].forEach((socket) => socket.disconnect());
}, 120_000);
