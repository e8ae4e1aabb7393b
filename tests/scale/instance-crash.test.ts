import net, { type AddressInfo } from 'node:net';
import type { Socket } from 'socket.io-client';
import { AGENT_NAMESPACE, EVENTS, type Message } from '../../plugin';
import { goOnline, as, eventually } from '../helpers/chat';
import { closeClients, visitorClient, whenOnline } from '../helpers/client';
import { sharedRedis, startStrapiProcess, type StrapiProcess } from '../helpers/cluster';
import {
  connectSocket,
  createAgent,
  emitAck,
  nextEvent,
  startStrapi,
  type TestAgent,
  type TestApp,
} from '../helpers/strapi';

// A load balancer in front of two instances, B and C (child processes, so one can be killed), on one
// PostgreSQL database and Redis; A, in this process, owns the database and creates the agent.
let a: TestApp;
let b: StrapiProcess;
let c: StrapiProcess;
let agent: TestAgent;
let balancer: { url: string; pointAt(url: string): void; close(): Promise<void> };

/** A TCP proxy standing in for the load balancer: new connections go to the instance it points at. */
async function startBalancer(target: string) {
  let port = Number(new URL(target).port);
  const connections = new Set<net.Socket>();
  const server = net.createServer((incoming) => {
    const outgoing = net.connect(port, '127.0.0.1');
    connections.add(incoming).add(outgoing);
    const close = () => {
      incoming.destroy();
      outgoing.destroy();
    };
    incoming.on('error', close).on('close', close).pipe(outgoing);
    outgoing.on('error', close).on('close', close).pipe(incoming);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    pointAt(url: string) {
      port = Number(new URL(url).port);
    },
    close: () =>
      new Promise<void>((resolve) => {
        connections.forEach((socket) => socket.destroy());
        server.close(() => resolve());
      }),
  };
}

beforeAll(async () => {
  a = await startStrapi({ database: 'postgres', config: { ...sharedRedis(), rateLimit: { messages: 1000 } } });
  [b, c] = await Promise.all([startStrapiProcess(), startStrapiProcess()]);
  agent = await createAgent(a);
  balancer = await startBalancer(b.url);
});

afterAll(async () => {
  closeClients();
  await balancer?.close();
  await c?.stop();
  await b?.kill();
  await a?.stop();
});

const storedTimes = async (clientIds: string[]) => {
  const rows = (await a.strapi.db.query('plugin::livechat.message' as never).findMany({
    where: { clientId: { $in: clientIds } },
  } as never)) as Array<{ clientId: string }>;
  return Object.fromEntries(clientIds.map((id) => [id, rows.filter((row) => row.clientId === id).length]));
};

it('the instance holding a visitor is killed: the client reconnects through the balancer to the other, every message is stored once, nothing shows twice, and the agent sees the chat go on', async () => {
  const client = visitorClient(balancer.url);
  await client.start({ name: 'Crash visitor' });
  const conversation = await client.startConversation();
  await client.requestHuman(conversation.id);
  await goOnline(a, agent);
  await as(a, agent).post(`/conversations/${conversation.id}/pick`).expect(200);
  await whenOnline(client);

  const inbox: Socket = await connectSocket(c.url, AGENT_NAMESPACE, agent.token);
  expect(await emitAck(inbox, EVENTS.conversationWatch, { conversationId: conversation.id })).toMatchObject({
    ok: true,
  });

  for (const id of ['m1', 'm2', 'm3']) await client.send(conversation.id, `before the crash ${id}`, id);

  // B hangs; two more messages leave and wait for acknowledgements that never come; then B dies.
  b.freeze();
  const inFlight = ['m4', 'm5'].map((id) => client.send(conversation.id, `during the crash ${id}`, id));
  await eventually(async () =>
    expect(
      client
        .pendingMessages()
        .filter((m) => m.state === 'sending')
        .map((m) => m.clientId),
    ).toEqual(['m4', 'm5']),
  );
  balancer.pointAt(c.url);
  expect((await b.kill()).signal).toBe('SIGKILL');

  await Promise.all(inFlight);
  await whenOnline(client, 20_000);
  const after = nextEvent<Message>(inbox, EVENTS.messageNew, (m) => m.clientId === 'm6', 10_000);
  await client.send(conversation.id, 'after the crash m6', 'm6');
  expect((await after).authorKind).toBe('visitor');

  const ids = ['m1', 'm2', 'm3', 'm4', 'm5', 'm6'];
  expect(await storedTimes(ids)).toEqual(Object.fromEntries(ids.map((id) => [id, 1])));
  await eventually(async () => {
    const timeline = client.timeline(conversation.id).filter((m) => m.authorKind === 'visitor');
    expect(timeline.map((m) => m.clientId)).toEqual(ids);
    expect(new Set(timeline.map((m) => m.id)).size).toBe(ids.length);
  });
  // The agent's view from C, read from the database: the whole conversation, once each.
  const listed = (
    await c.request
      .get(`/livechat/conversations/${conversation.id}/messages`)
      .set({ Authorization: `Bearer ${agent.token}` })
      .expect(200)
  ).body.data.results as Message[];
  expect(listed.filter((m) => m.authorKind === 'visitor').map((m) => m.clientId)).toEqual(ids);
  inbox.disconnect();
}, 90_000);
