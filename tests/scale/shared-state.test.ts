import { randomUUID } from 'node:crypto';
import { AGENT_NAMESPACE, EVENTS, VISITOR_NAMESPACE, type Contact, type VisitorPresenceChange } from '../../plugin';
import {
  as,
  closeOnlineSockets,
  goOnline,
  eventually,
  openConversation,
  presenceOf,
  startConversation,
  startVisitor,
  type Instance,
  type TestVisitor,
} from '../helpers/chat';
import { REDIS_URL, startStrapiProcess, type StrapiProcess } from '../helpers/cluster';
import { startMailbox, type Mailbox } from '../helpers/mailbox';
import { startRedisServer } from '../helpers/redis-server';
import { connectSocket, createAgent, nextEvent, startStrapi, type TestAgent, type TestApp } from '../helpers/strapi';

// Two instances behind one load balancer (A in this process, B in a child), one PostgreSQL database and one
// Redis. The database is new, so contact ids start again at 1: a key prefix of this run keeps the counts of
// earlier runs, still in that Redis, out of this one.
const run = randomUUID().slice(0, 8);
const MESSAGES = 4;
const SESSIONS = 10;
const config = {
  redis: REDIS_URL,
  redisKey: `livechat-test-${run}`,
  presenceGraceSeconds: 0,
  rateLimit: { messages: MESSAGES, windowSeconds: 3600, sessions: SESSIONS, sessionWindowSeconds: 3600 },
  followUp: { throttleMinutes: 0 },
};

let mailbox: Mailbox;
let a: TestApp;
let b: StrapiProcess;
let agent: TestAgent;

beforeAll(async () => {
  mailbox = await startMailbox();
  // Read by playground/config/server.js: the session limit counts the address in X-Forwarded-For.
  process.env.TRUST_PROXY = 'true';
  a = await startStrapi({ database: 'postgres', config });
  b = await startStrapiProcess();
  agent = await createAgent(a);
});

afterAll(async () => {
  // B first: A's stop() drops the database B is connected to.
  await b?.stop();
  await a?.stop();
  await mailbox?.close();
  delete process.env.TRUST_PROXY;
});

const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });

/** A visitor message over REST through `instance`, answered with its status. */
const post = (instance: Instance, visitor: TestVisitor, conversationId: number, n: number) =>
  instance.request
    .post(`/api/livechat/conversations/${conversationId}/messages`)
    .set(visitor.auth)
    .send({ clientId: `${run}-${visitor.contactId}-${n}`, text: `message ${n}` })
    .then((response) => response.status);

/** A visitor talking to people (not the bot, whose answers are no visitor messages but would be noise). */
async function visitorWithAgent(instance: Instance) {
  const visitor = await startVisitor(instance, { name: `Visitor ${run}` });
  const conversation = await startConversation(instance, visitor);
  await instance.request.post(`/api/livechat/conversations/${conversation.id}/human`).set(visitor.auth).expect(200);
  return { visitor, conversationId: conversation.id };
}

describe('state shared by two instances through Redis', () => {
  it('the expected wait in the queue comes from pick-ups seen on any instance', async () => {
    // First in this file: nothing picked up yet under this run's key, so the default of two minutes per place.
    const first = await visitorWithAgent(a);
    const waitOf = async (instance: Instance, visitor: TestVisitor, conversationId: number) =>
      (await instance.request.get(`/api/livechat/conversations/${conversationId}/queue`).set(visitor.auth).expect(200))
        .body.data.expectedWaitSeconds as number;
    expect(await waitOf(b, first.visitor, first.conversationId)).toBe(120);
    // Picked on A at once: a pick-up of about 0 s, which B quotes for the next visitor.
    await goOnline(a, agent);
    await a.request.post(`/livechat/conversations/${first.conversationId}/pick`).set(bearer(agent.token)).expect(200);
    const next = await visitorWithAgent(b);
    await eventually(async () => expect(await waitOf(b, next.visitor, next.conversationId)).toBeLessThan(5));
    await goOnline(b, agent);
    await b.request.post(`/livechat/conversations/${next.conversationId}/pick`).set(bearer(agent.token)).expect(200);
  });

  it("a visitor's messages are counted over A and B together: 429 once the sum reaches the limit", async () => {
    const { visitor, conversationId } = await visitorWithAgent(a);
    const statuses: number[] = [];
    for (let n = 0; n < MESSAGES; n += 1) statuses.push(await post(n % 2 === 0 ? a : b, visitor, conversationId, n));
    statuses.push(
      await post(b, visitor, conversationId, MESSAGES),
      await post(a, visitor, conversationId, MESSAGES + 1),
    );
    expect(statuses).toEqual([...Array<number>(MESSAGES).fill(201), 429, 429]);
  });

  it('session starts from one address are counted over A and B together', async () => {
    const startSession = (instance: Instance) =>
      instance.request
        .post('/api/livechat/sessions')
        .set('X-Forwarded-For', '203.0.113.40')
        .send({})
        .then((response) => response.status);
    const statuses: number[] = [];
    for (let n = 0; n < SESSIONS; n += 1) statuses.push(await startSession(n % 2 === 0 ? a : b));
    statuses.push(await startSession(a), await startSession(b));
    expect(statuses).toEqual([...Array<number>(SESSIONS).fill(201), 429, 429]);
  });

  it('a visitor online on A is online for an agent on B, and a reply through B emails them nothing', async () => {
    const email = `online-${run}@example.com`;
    const online = await openConversation(a, agent, `Online ${run}`);
    await a.request.put('/api/livechat/contact').set(online.visitor.auth).send({ email }).expect(200);
    const inbox = await connectSocket(b.url, AGENT_NAMESPACE, agent.token);
    const announced = nextEvent<{ visitors: VisitorPresenceChange[] }>(inbox, EVENTS.visitorPresence, (p) =>
      p.visitors.some((v) => v.contactId === online.visitor.contactId && v.online),
    );
    const tab = await connectSocket(a.url, VISITOR_NAMESPACE, online.visitor.token);
    await announced;

    const contact = await b.request.get(`/livechat/contacts/${online.visitor.contactId}`).set(bearer(agent.token));
    expect(contact.status).toBe(200);
    expect((contact.body.data as Contact).online).toBe(true);
    const listed = async () =>
      (
        (await b.request.get('/livechat/conversations?mine=true&pageSize=100').set(bearer(agent.token))).body.data
          .results as Array<{ id: number; visitorOnline: boolean }>
      ).find((row) => row.id === online.conversation.id)?.visitorOnline;
    expect(await listed()).toBe(true);

    await b.request
      .post(`/livechat/conversations/${online.conversation.id}/messages`)
      .set(bearer(agent.token))
      .send({ clientId: `${run}-to-online`, text: 'You are here, so no email.' })
      .expect(201);
    // Proof that B has decided about that reply: its decision about a later reply to a visitor who is away.
    const away = await openConversation(a, agent, `Away ${run}`);
    const awayEmail = `away-${run}@example.com`;
    await a.request.put('/api/livechat/contact').set(away.visitor.auth).send({ email: awayEmail }).expect(200);
    await b.request
      .post(`/livechat/conversations/${away.conversation.id}/messages`)
      .set(bearer(agent.token))
      .send({ clientId: `${run}-to-away`, text: 'You left, so an email.' })
      .expect(201);
    await mailbox.waitFor((m) => m.to.includes(awayEmail));
    expect(mailbox.messages.filter((m) => m.to.includes(email))).toEqual([]);

    const offline = nextEvent<{ visitors: VisitorPresenceChange[] }>(inbox, EVENTS.visitorPresence, (p) =>
      p.visitors.some((v) => v.contactId === online.visitor.contactId && !v.online),
    );
    tab.disconnect();
    await offline;
    const after = await b.request.get(`/livechat/contacts/${online.visitor.contactId}`).set(bearer(agent.token));
    expect((after.body.data as Contact).online).toBe(false);
    expect(await listed()).toBe(false);
    inbox.disconnect();
  });

  it('an agent at capacity gets no more chats, however many instances assign at once', async () => {
    const busy = await createAgent(a);
    await goOnline(a, busy);
    const settings = (await a.request.get('/livechat/settings').set(bearer(agent.token)).expect(200)).body.data;
    await a.request
      .put('/livechat/settings')
      .set(bearer(agent.token))
      .send({ ...settings, routing: { ...settings.routing, capacity: 1 } })
      .expect(200);
    try {
      // Each from an address of its own: the session limit is not what is measured here.
      const waiting = await Promise.all(
        Array.from({ length: 6 }, async (_, i) => {
          const instance = i % 2 ? a : b;
          const session = await instance.request
            .post('/api/livechat/sessions')
            .set('X-Forwarded-For', `198.51.100.${i + 1}`)
            .send({})
            .expect(201);
          const auth = bearer(session.body.data.token);
          const started = await instance.request.post('/api/livechat/conversations').set(auth).send({}).expect(201);
          await instance.request
            .post(`/api/livechat/conversations/${started.body.data.id}/human`)
            .set(auth)
            .expect(200);
          return { conversationId: started.body.data.id as number };
        }),
      );
      const statuses = await Promise.all(
        waiting.map(({ conversationId }, i) =>
          (i % 2 ? a : b).request
            .post(`/livechat/conversations/${conversationId}/pick`)
            .set(bearer(busy.token))
            .then((response) => response.status),
        ),
      );
      expect(statuses.filter((status) => status === 200)).toHaveLength(1);
      expect(statuses.filter((status) => status === 409)).toHaveLength(5);
      const open = await a.request
        .get(`/livechat/conversations?status=open&assignee=${busy.id}`)
        .set(bearer(busy.token));
      expect(open.body.data.pagination?.total ?? open.body.data.results.length).toBe(1);
    } finally {
      await a.request.put('/livechat/settings').set(bearer(agent.token)).send(settings).expect(200);
    }
  });

  it('the offline-agent email is throttled over A and B together', async () => {
    // The agent takes both chats while online (taking needs it), the desk keeps them when the inbox
    // closes, and then the agent is offline on every instance.
    const away = await createAgent(a);
    await as(a, away)
      .put('/settings', { routing: { onAgentOffline: 'keep' } })
      .expect(200);
    const subjectOf = (id: number) => `New message in conversation #${id} while you are offline`;
    const first = await openConversation(a, away, `Throttled ${run}`);
    const second = await openConversation(a, away, `Throttle sign ${run}`);
    closeOnlineSockets();
    await eventually(async () => expect(await presenceOf(a, away)).toBe('offline'));
    await eventually(async () => expect(await presenceOf(b, away)).toBe('offline'));
    expect(await post(a, first.visitor, first.conversation.id, 100)).toBe(201);
    await mailbox.waitFor((m) => m.subject === subjectOf(first.conversation.id));
    expect(await post(b, first.visitor, first.conversation.id, 101)).toBe(201);
    // Proof that B has decided about that message: its email about another conversation, written later.
    expect(await post(b, second.visitor, second.conversation.id, 102)).toBe(201);
    await mailbox.waitFor((m) => m.subject === subjectOf(second.conversation.id));
    expect(mailbox.messages.filter((m) => m.subject === subjectOf(first.conversation.id))).toHaveLength(1);
  });

  it('while Redis is down, messages are still accepted and limited by each instance; then Redis counts again', async () => {
    const redis = await startRedisServer();
    let c: StrapiProcess | undefined;
    try {
      // C: one more instance, on a Redis of this test's own.
      c = await startStrapiProcess({
        config: { ...config, redis: redis.url, rateLimit: { messages: 3, windowSeconds: 3600 } },
      });
      const instance = c;
      const { visitor, conversationId } = await visitorWithAgent(instance);
      expect(await post(instance, visitor, conversationId, 0)).toBe(201);

      await redis.kill();
      const statuses: number[] = [];
      for (let n = 1; n <= 4; n += 1) statuses.push(await post(instance, visitor, conversationId, n));
      // The insurance limiter starts from nothing: 3 more, then 429.
      expect(statuses).toEqual([201, 201, 201, 429]);

      // Back, empty: once C has reconnected, Redis counts from nothing again where memory says 429.
      await redis.restart();
      let n = 5;
      await eventually(async () => {
        n += 1;
        expect(await post(instance, visitor, conversationId, n)).toBe(201);
      }, 10_000);
    } finally {
      await c?.stop();
      await redis.kill();
    }
  });
});
