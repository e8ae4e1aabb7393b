import type { Message } from '../../plugin';
import { memoryStorage, type LivechatClientOptions } from '../../widget/client';
import { goOnline, as, eventually } from '../helpers/chat';
import { closeClients, nextClientEvent, record, visitorClient, whenOnline } from '../helpers/client';
import { refuseInserts } from '../helpers/database';
import { startFlakyNetwork, startGateway, type FlakyNetwork } from '../helpers/network';
import { createAgent, startStrapi, type TestAgent, type TestApp } from '../helpers/strapi';

let app: TestApp;
let agent: TestAgent;
let network: FlakyNetwork;

beforeAll(async () => {
  app = await startStrapi({ config: { botEnabled: false } });
  agent = await createAgent(app);
});

beforeEach(async () => {
  network = await startFlakyNetwork(app.url);
});

afterEach(async () => {
  closeClients();
  await network.close();
});

afterAll(() => app.stop());

/** A visitor (through the flaky hop) in a new conversation, held by the agent or left in the queue (the bot is off). */
async function visitorInConversation(where: 'with agent' | 'queued', options: Partial<LivechatClientOptions> = {}) {
  const client = visitorClient(network.url, options);
  await client.start({ name: 'Flaky phone' });
  const conversation = await client.startConversation();
  await goOnline(app, agent);
  if (where === 'with agent') await as(app, agent).post(`/conversations/${conversation.id}/pick`).expect(200);
  await client.messages(conversation.id);
  await whenOnline(client);
  return { client, conversation };
}

const agentSays = (conversationId: number, text: string) =>
  as(app, agent)
    .post(`/conversations/${conversationId}/messages`, { clientId: `agent-${text.replace(/\W+/g, '-')}`, text })
    .expect(201);

const storedMessages = async (conversationId: number): Promise<Message[]> =>
  (await as(app, agent).get(`/conversations/${conversationId}/messages?limit=500`).expect(200)).body.data.results;

describe('headless client: delivery', () => {
  it('send resolves with the stored message, and the message is reported once (ack and push alike)', async () => {
    const { client, conversation } = await visitorInConversation('with agent');
    const messages = record(client, 'message');
    const stored = await client.send(conversation.id, 'hello there');
    expect(stored).toMatchObject({ conversationId: conversation.id, authorKind: 'visitor', text: 'hello there' });
    await agentSays(conversation.id, 'hi back');
    await eventually(async () => expect(messages.map((m) => m.text)).toEqual(['hello there', 'hi back']));
  });

  it('a message whose acknowledgement is lost is resent with the same clientId until acknowledged, and stored once', async () => {
    const { client, conversation } = await visitorInConversation('with agent');
    const pending = record(client, 'pending');
    network.loseAnswers();
    const sent = client.send(conversation.id, 'did this arrive?');
    // The server stores it, but the ack never comes back…
    await eventually(async () => {
      const texts = (await storedMessages(conversation.id)).map((m) => m.text);
      expect(texts).toContain('did this arrive?');
    });
    // …so after the ack timeout the client is still sending; the link then drops and comes back.
    await new Promise((resolve) => setTimeout(resolve, 2000));
    expect(pending.at(-1)?.state).toBe('sending');
    network.cut();
    network.restore();
    const message = await sent;
    expect(pending.at(-1)).toMatchObject({ state: 'sent', clientId: message.clientId });
    expect(pending.find((p) => p.state === 'sending')?.clientId).toBe(message.clientId);
    const copies = (await storedMessages(conversation.id)).filter((m) => m.text === 'did this arrive?');
    expect(copies.map((m) => m.id)).toEqual([message.id]);
    expect(client.timeline(conversation.id).filter((m) => m.text === 'did this arrive?')).toHaveLength(1);
  });

  it('network cut mid-conversation: what the visitor wrote offline is sent, what the agent wrote is replayed, nothing is lost or doubled', async () => {
    const { client, conversation } = await visitorInConversation('with agent');
    const seen = record(client, 'message');
    await client.send(conversation.id, 'before the tunnel');
    await agentSays(conversation.id, 'answer before the tunnel');
    await eventually(async () => expect(seen).toHaveLength(2));

    network.cut();
    await nextClientEvent(client, 'connection', (state) => state === 'offline');
    const offlineSend = client.send(conversation.id, 'typed in the tunnel');
    await agentSays(conversation.id, 'agent wrote while you were away 1');
    await agentSays(conversation.id, 'agent wrote while you were away 2');
    expect(seen.map((m) => m.text)).not.toContain('agent wrote while you were away 1');

    network.restore();
    await offlineSend;
    await whenOnline(client);
    await eventually(async () => expect(seen).toHaveLength(5));

    const stored = await storedMessages(conversation.id);
    expect(stored.map((m) => m.text)).toEqual([
      'before the tunnel',
      'answer before the tunnel',
      'agent wrote while you were away 1',
      'agent wrote while you were away 2',
      'typed in the tunnel',
    ]);
    // Every stored message reported exactly once, and the timeline in stored order.
    expect(seen.map((m) => m.id).sort((a, b) => a - b)).toEqual(stored.map((m) => m.id));
    expect(client.timeline(conversation.id).map((m) => m.id)).toEqual(stored.map((m) => m.id));
  });

  it('a second cut right after reconnecting still loses nothing', async () => {
    const { client, conversation } = await visitorInConversation('with agent');
    const seen = record(client, 'message');
    network.cut();
    await nextClientEvent(client, 'connection', (state) => state === 'offline');
    for (let i = 1; i <= 3; i += 1) await agentSays(conversation.id, `missed ${i}`);
    network.restore();
    await new Promise((resolve) => setTimeout(resolve, 150));
    network.cut();
    await agentSays(conversation.id, 'missed 4');
    network.restore();
    await eventually(
      async () => expect(seen.map((m) => m.text)).toEqual(['missed 1', 'missed 2', 'missed 3', 'missed 4']),
      10_000,
    );
  });

  it("a message refused by the server (4xx) fails after one attempt, with the status and the server's message", async () => {
    const { client, conversation } = await visitorInConversation('with agent');
    const pending = record(client, 'pending');
    const error = await client.send(conversation.id, 'x'.repeat(5000)).catch((e: unknown) => e);
    expect(error).toMatchObject({ status: 400, field: 'text' });
    expect(pending.at(-1)).toMatchObject({
      state: 'failed',
      attempts: 1,
      error: { status: 400, message: expect.stringMatching(/\w/) },
    });
    expect(pending.at(-1)?.error?.message).toBe((error as Error).message);
    expect(await client.send(conversation.id, 'a normal one')).toMatchObject({ text: 'a normal one' });
  });

  it('a message the server keeps failing on (5xx) fails after maxServerErrors attempts; retry sends it once the server recovers', async () => {
    // A long ack wait: every attempt gets its answer, so each one is a 5xx and the count is exact.
    const { client, conversation } = await visitorInConversation('queued', {
      maxServerErrors: 3,
      ackTimeoutMs: 20_000,
    });
    const pending = record(client, 'pending');
    const text = 'written while the database was down';
    const outage = await refuseInserts(app, 'livechat_messages', text);
    let failure: unknown;
    try {
      failure = await client.send(conversation.id, text).catch((e: unknown) => e);
    } finally {
      await outage.restore();
    }
    expect(failure).toMatchObject({ status: 500, message: 'Internal error' });
    const failed = pending.at(-1)!;
    expect(failed).toMatchObject({ state: 'failed', attempts: 3, error: { status: 500, message: 'Internal error' } });
    expect(pending.filter((p) => p.state === 'failed')).toHaveLength(1);
    expect((await storedMessages(conversation.id)).map((m) => m.text)).not.toContain(text);

    const message = await client.retry(failed.clientId);
    expect(message).toMatchObject({ text, clientId: failed.clientId });
    expect(pending.at(-1)).toMatchObject({ state: 'sent', clientId: failed.clientId, attempts: 1 });
    const copies = (await storedMessages(conversation.id)).filter((m) => m.text === text);
    expect(copies.map((m) => m.id)).toEqual([message.id]);
    await expect(client.retry(failed.clientId)).rejects.toMatchObject({ status: 0 });
  });

  it('after a reload, a message whose session cannot be resumed (503 from the gateway) fails after maxServerErrors tries; retry delivers it', async () => {
    const storage = memoryStorage();
    const before = visitorClient(app.url, { storage });
    await before.start({ name: 'Reloading visitor' });
    const conversation = await before.startConversation();
    before.close();

    const gateway = await startGateway(app.url);
    try {
      // The page reloads while the load balancer has no healthy instance for the visitor API.
      gateway.fail('GET /api/livechat/conversations', 503);
      const client = visitorClient(gateway.url, { storage, maxServerErrors: 2 });
      const pending = record(client, 'pending');
      const failure = await client.send(conversation.id, 'after the reload').catch((e: unknown) => e);
      expect(failure).toMatchObject({ status: 503 });
      expect(gateway.failures()).toBe(2);
      const failed = pending.at(-1)!;
      // Never sent: the session, the first step, failed twice.
      expect(failed).toMatchObject({ state: 'failed', attempts: 0, error: { status: 503 } });
      expect(failed.error?.message).toMatch(/503/);

      gateway.restore();
      const message = await client.retry(failed.clientId);
      expect(message).toMatchObject({ text: 'after the reload', conversationId: conversation.id });
      expect((await storedMessages(conversation.id)).map((m) => m.text)).toEqual(['after the reload']);
    } finally {
      closeClients();
      await gateway.close();
    }
  });

  it('a status change made during a cut arrives after reconnecting: assigned, then ended', async () => {
    // A second agent: the first one holds the earlier tests' conversations up to their capacity.
    const other = await createAgent(app);
    const client = visitorClient(network.url);
    await client.start({ name: 'Tunnel commuter' });
    const conversation = await client.startConversation();
    expect(conversation.status).toBe('queued');
    await client.messages(conversation.id);
    await whenOnline(client);
    const reported = record(client, 'conversation');

    network.cut();
    await nextClientEvent(client, 'connection', (state) => state === 'offline');
    await goOnline(app, other);
    await as(app, agent).post(`/conversations/${conversation.id}/assign`, { agentId: other.id }).expect(200);
    expect(reported).toEqual([]);
    network.restore();
    await whenOnline(client);
    expect(reported.at(-1)).toMatchObject({
      id: conversation.id,
      status: 'open',
      assignee: { name: expect.stringMatching(/^Test Agent/) },
    });

    network.cut();
    await nextClientEvent(client, 'connection', (state) => state === 'offline');
    const reasons = (await as(app, agent).get('/end-reasons').expect(200)).body.data.results as Array<{
      id: number;
      requiresNote: boolean;
    }>;
    const reason = reasons.find((r) => !r.requiresNote)!;
    await as(app, other).post(`/conversations/${conversation.id}/end`, { reasonId: reason.id }).expect(200);
    network.restore();
    await whenOnline(client);
    expect(reported.at(-1)).toMatchObject({ id: conversation.id, status: 'ended' });
    // Reported once per change: an unchanged conversation is not reported again on the next reconnect.
    const count = reported.length;
    network.cut();
    await nextClientEvent(client, 'connection', (state) => state === 'offline');
    network.restore();
    await whenOnline(client);
    expect(reported).toHaveLength(count);
  });
});
