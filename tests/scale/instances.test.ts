import { randomUUID } from 'node:crypto';
import type { Socket } from 'socket.io-client';
import {
  AGENT_NAMESPACE,
  EVENTS,
  VISITOR_NAMESPACE,
  type Ack,
  type Conversation,
  type Message,
  type VisitorConversation,
  type VisitorPresenceChange,
} from '../../plugin';
import {
  closeOnlineSockets,
  goOnline,
  eventually,
  openConversation,
  queuedConversation,
  startConversation,
  startVisitor,
} from '../helpers/chat';
import { sharedRedis, startStrapiProcess, type StrapiProcess } from '../helpers/cluster';
import { startTwoInstances, type TwoInstances } from '../helpers/instances';
import { connectSocket, createAgent, emitAck, nextEvent, type TestAgent, type TestApp } from '../helpers/strapi';

// Two instances behind one load balancer: A in this process, B in a child process, one PostgreSQL database
// and one Redis. Redis channels are shared with anything else using that Redis, so this run's names and
// clientIds carry a unique marker.
let a: TestApp;
let b: StrapiProcess;
let agent: TestAgent;
let instances: TwoInstances | undefined;
const run = randomUUID().slice(0, 8);

beforeAll(async () => {
  instances = await startTwoInstances({ ...sharedRedis(), agentSessionCheckSeconds: 1, presenceGraceSeconds: 0 });
  ({ a, b, agent } = instances);
});

afterAll(() => instances?.stop());

const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });
const send = (socket: Socket, conversationId: number, clientId: string, text: string) =>
  emitAck<Ack<Message>>(socket, EVENTS.messageSend, { conversationId, clientId, text });

/**
 * Closes a visitor's sockets, waits until their instance has announced them offline to `inbox` (an agent
 * socket on any instance), then closes `inbox`. An instance stopped earlier than that crashes: see the last test.
 */
async function hangUp(inbox: Socket, contactId: number, ...tabs: Socket[]) {
  const offline = nextEvent<{ visitors: VisitorPresenceChange[] }>(inbox, EVENTS.visitorPresence, (p) =>
    p.visitors.some((v) => v.contactId === contactId && !v.online),
  );
  tabs.forEach((tab) => tab.disconnect());
  await offline;
  inbox.disconnect();
}

const available = async (instance: { request: TestApp['request'] }) =>
  (await instance.request.get('/api/livechat/availability').expect(200)).body.data.online as boolean;

describe('two Strapi instances sharing PostgreSQL and Redis', () => {
  it("a visitor's message sent to A reaches the agent on B; the agent's reply sent to B reaches the visitor on A", async () => {
    const { visitor, conversation } = await openConversation(a, agent, `Cross ${run}`);
    const [tab, inbox] = await Promise.all([
      connectSocket(a.url, VISITOR_NAMESPACE, visitor.token),
      connectSocket(b.url, AGENT_NAMESPACE, agent.token),
    ]);
    expect(await emitAck(inbox, EVENTS.conversationWatch, { conversationId: conversation.id })).toEqual({
      ok: true,
      data: null,
    });

    const atAgent = nextEvent<Message>(inbox, EVENTS.messageNew, (m) => m.clientId === `${run}-question`);
    const question = await send(tab, conversation.id, `${run}-question`, 'Is my order on its way?');
    if (!question.ok) throw new Error(question.error.message);
    expect(await atAgent).toMatchObject({
      id: question.data.id,
      authorKind: 'visitor',
      text: 'Is my order on its way?',
    });

    const atVisitor = nextEvent<Message>(tab, EVENTS.messageNew, (m) => m.clientId === `${run}-answer`);
    const answer = await send(inbox, conversation.id, `${run}-answer`, 'It left the warehouse today.');
    if (!answer.ok) throw new Error(answer.error.message);
    expect(await atVisitor).toMatchObject({ id: answer.data.id, authorKind: 'agent', authorId: agent.id });
    await hangUp(inbox, visitor.contactId, tab);
  });

  it('a conversation queued through A appears live in the queue of an agent on B; the pick on B reaches the visitor on A', async () => {
    const inbox = await connectSocket(b.url, AGENT_NAMESPACE, agent.token);
    const name = `Queue ${run}`;
    const visitor = await startVisitor(a, { name });
    const conversation = await startConversation(a, visitor);
    const tab = await connectSocket(a.url, VISITOR_NAMESPACE, visitor.token);

    const queued = nextEvent<Conversation>(
      inbox,
      EVENTS.conversationUpdated,
      (c) => c.contact.name === name && c.status === 'queued',
    );
    await a.request.post(`/api/livechat/conversations/${conversation.id}/human`).set(visitor.auth).expect(200);
    expect((await queued).id).toBe(conversation.id);

    const taken = nextEvent<VisitorConversation>(
      tab,
      EVENTS.conversationUpdated,
      (c) => c.id === conversation.id && c.status === 'open',
    );
    await goOnline(b, agent);
    await b.request.post(`/livechat/conversations/${conversation.id}/pick`).set(bearer(agent.token)).expect(200);
    expect((await taken).assignee).not.toBeNull();
    await hangUp(inbox, visitor.contactId, tab);
  });

  it("a visitor token issued by A works on B's REST API and visitor sockets", async () => {
    const visitor = await startVisitor(a, { name: `Roaming ${run}` });
    const started = await b.request.post('/api/livechat/conversations').set(visitor.auth).send({}).expect(201);
    const conversationId = started.body.data.id as number;
    await b.request
      .post(`/api/livechat/conversations/${conversationId}/messages`)
      .set(visitor.auth)
      .send({ clientId: `${run}-roam`, text: 'Sent to B' })
      .expect(201);
    const listedOnB = await b.request.get('/api/livechat/conversations').set(visitor.auth).expect(200);
    expect(listedOnB.body.data.results.map((c: VisitorConversation) => c.id)).toEqual([conversationId]);
    const readOnA = await a.request
      .get(`/api/livechat/conversations/${conversationId}/messages`)
      .set(visitor.auth)
      .expect(200);
    expect(readOnA.body.data.results[0]).toMatchObject({ clientId: `${run}-roam`, text: 'Sent to B' });

    const [tabOnB, inboxOnA] = await Promise.all([
      connectSocket(b.url, VISITOR_NAMESPACE, visitor.token),
      connectSocket(a.url, AGENT_NAMESPACE, agent.token),
    ]);
    expect(tabOnB.connected).toBe(true);
    await b.request.get('/api/livechat/conversations').set(bearer('forged.token.value')).expect(401);
    await hangUp(inboxOnA, visitor.contactId, tabOnB);
  });

  it("an admin session started on A authenticates on B's agent API and socket; logging out on A ends it on B", async () => {
    const roaming = await createAgent(a);
    await b.request.get('/livechat/conversations').set(bearer(roaming.token)).expect(200);
    const inbox = await connectSocket(b.url, AGENT_NAMESPACE, roaming.token);
    expect(inbox.connected).toBe(true);

    const dropped = new Promise((resolve) => inbox.once('disconnect', resolve));
    await a.request.post('/admin/logout').set(bearer(roaming.token)).expect(200);
    await dropped;
    await expect(connectSocket(b.url, AGENT_NAMESPACE, roaming.token)).rejects.toThrow('The admin session has ended');
    await b.request.get('/livechat/conversations').set(bearer(roaming.token)).expect(401);
  });

  it('agents on A and on B picking the same queued conversation at the same moment: exactly one wins', async () => {
    const pickers = [agent, await createAgent(a), await createAgent(a), await createAgent(a)];
    for (const picker of pickers) await goOnline(a, picker);
    for (let round = 0; round < 5; round += 1) {
      const { conversation } = await queuedConversation(a, `Race ${run} ${round}`);
      const responses = await Promise.all(
        pickers.map((picker, i) =>
          (i % 2 === 0 ? a.request : b.request)
            .post(`/livechat/conversations/${conversation.id}/pick`)
            .set(bearer(picker.token)),
        ),
      );
      expect(responses.map((r) => r.status).sort()).toEqual([200, 409, 409, 409]);
      const winner = pickers[responses.findIndex((r) => r.status === 200)];
      const stored = await b.request
        .get(`/livechat/conversations/${conversation.id}`)
        .set(bearer(winner.token))
        .expect(200);
      expect(stored.body.data).toMatchObject({ status: 'open', assignee: { id: winner.id } });
      const picks = await a.strapi.db
        .query('plugin::livechat.journey-event' as never)
        .count({ where: { conversationId: conversation.id, type: 'conversation.pick' } } as never);
      expect(picks).toBe(1);
    }
  });

  it('an agent online on B makes agents available to visitors on A', async () => {
    // The inboxes the tests above opened to take chats close: no agent is online anywhere.
    closeOnlineSockets();
    await eventually(async () => expect([await available(a), await available(b)]).toEqual([false, false]));
    const present = await createAgent(a);
    const inbox = await connectSocket(b.url, AGENT_NAMESPACE, present.token);
    expect(await available(b)).toBe(true);
    try {
      expect(await available(a)).toBe(true);
    } finally {
      inbox.disconnect();
    }
  });

  it('an instance shuts down cleanly while visitors are connected to it', async () => {
    const c = await startStrapiProcess();
    const visitor = await startVisitor(a, { name: `Shutdown ${run}` });
    await connectSocket(c.url, VISITOR_NAMESPACE, visitor.token);
    expect(await c.stop()).toEqual({ code: 0, signal: null });
  });
});
