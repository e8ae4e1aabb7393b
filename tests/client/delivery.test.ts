import type { Message } from '../../plugin';
import { as, eventually } from '../helpers/chat';
import { closeClients, nextClientEvent, record, visitorClient, whenOnline } from '../helpers/client';
import { startFlakyNetwork, type FlakyNetwork } from '../helpers/network';
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

/** A visitor (through the flaky hop) in a conversation the agent holds. */
async function conversationWithAgent() {
  const client = visitorClient(network.url);
  await client.start({ name: 'Flaky phone' });
  const conversation = await client.startConversation();
  await as(app, agent).post(`/conversations/${conversation.id}/pick`).expect(200);
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
    const { client, conversation } = await conversationWithAgent();
    const messages = record(client, 'message');
    const stored = await client.send(conversation.id, 'hello there');
    expect(stored).toMatchObject({ conversationId: conversation.id, authorKind: 'visitor', text: 'hello there' });
    await agentSays(conversation.id, 'hi back');
    await eventually(async () => expect(messages.map((m) => m.text)).toEqual(['hello there', 'hi back']));
  });

  it('a message whose acknowledgement is lost is resent with the same clientId until acknowledged, and stored once', async () => {
    const { client, conversation } = await conversationWithAgent();
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
    const { client, conversation } = await conversationWithAgent();
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
    const { client, conversation } = await conversationWithAgent();
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

  it('a message refused by the server fails visibly instead of being retried forever', async () => {
    const { client, conversation } = await conversationWithAgent();
    const pending = record(client, 'pending');
    const error = await client.send(conversation.id, 'x'.repeat(5000)).catch((e: unknown) => e);
    expect(error).toMatchObject({ status: 400, field: 'text' });
    expect(pending.at(-1)).toMatchObject({ state: 'failed' });
    expect(await client.send(conversation.id, 'a normal one')).toMatchObject({ text: 'a normal one' });
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
