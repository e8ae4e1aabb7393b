import { actionId } from '../../plugin';
import type { ReportSummary } from '../../plugin/contracts/reports';
import {
  as,
  openConversation,
  queuedConversation,
  startConversation,
  startVisitor,
  visitorSays,
} from '../helpers/chat';
import { createAgent, startStrapi, type TestAgent, type TestApp } from '../helpers/strapi';

let app: TestApp;
let alice: TestAgent;
let bob: TestAgent;

const today = new Date().toISOString().slice(0, 10);
const yesterday = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);

const summary = async (agent: TestAgent, query = '') =>
  (await as(app, agent).get(`/reports/summary${query}`).expect(200)).body.data as ReportSummary.Response;

/** An agent takes a queued conversation, answers, ends it with a reason and the visitor rates it. */
async function handled(agent: TestAgent, reasonId: number, rating: number) {
  const { visitor, conversation } = await openConversation(app, agent, `Rated ${rating}`);
  await as(app, agent)
    .post(`/conversations/${conversation.id}/messages`, { clientId: `reply-${conversation.id}`, text: 'Sorted.' })
    .expect(201);
  await as(app, agent).post(`/conversations/${conversation.id}/end`, { reasonId }).expect(200);
  await app.request
    .post(`/api/livechat/conversations/${conversation.id}/rating`)
    .set(visitor.auth)
    .send({ score: rating })
    .expect(200);
}

beforeAll(async () => {
  app = await startStrapi();
  alice = await createAgent(app);
  // Exports reports, but sees only the queue and their own conversations.
  bob = await createAgent(app, { actions: (['read', 'reply', 'export'] as const).map(actionId) });
  const reasons = (await as(app, alice).get('/end-reasons').expect(200)).body.data.results as Array<{ id: number }>;

  // The bot alone: one still talking (its refusal records a failed response), one ended by the visitor.
  const talking = await startVisitor(app, { name: 'Bot only' });
  await visitorSays(app, talking, (await startConversation(app, talking)).id, 'Which moon is the greenest?');
  const leaving = await startVisitor(app, { name: 'Bot then gone' });
  const left = await startConversation(app, leaving);
  await app.request.post(`/api/livechat/conversations/${left.id}/end`).set(leaving.auth).expect(200);

  // Asked for a human, then left before anyone took it: missed.
  const missed = await queuedConversation(app, 'Gave up waiting');
  await app.request
    .post(`/api/livechat/conversations/${missed.conversation.id}/end`)
    .set(missed.visitor.auth)
    .expect(200);

  await handled(alice, reasons[0].id, 5);
  await handled(alice, reasons[1].id, 3);
  await queuedConversation(app, 'Still waiting');
  await openConversation(app, bob, 'With Bob');
}, 120_000);

afterAll(() => app.stop());

describe('reports summary', () => {
  it('counts volume by status, bot containment, missed chats, speed, ratings and end reasons', async () => {
    const figures = await summary(alice);
    expect(figures.conversations).toBe(7);
    expect(figures.byStatus).toEqual({ bot: 1, queued: 1, open: 1, ended: 4 });
    expect([figures.botOnly, figures.botContainment]).toEqual([2, 0.286]);
    expect([figures.handledByAgent, figures.missed]).toEqual([3, 1]);
    expect(figures.firstResponse.count).toBe(2);
    expect(figures.firstResponse.medianSeconds).toBeGreaterThanOrEqual(0);
    expect(figures.queueWait.count).toBe(3);
    expect(figures.resolution.count).toBe(4);
    expect(figures.rating).toEqual({ count: 2, average: 4 });
    expect(figures.endReasons.map((entry) => entry.count)).toEqual([2, 1, 1]);
    expect(figures.endReasons[0].reason).toBe('Ended by visitor');
    expect(figures.perDay).toEqual([{ day: today, conversations: 7, botOnly: 2 }]);
    expect(figures.failedResponses).toBe(1);
  });

  it("takes the conversation list's filters", async () => {
    const alices = await summary(alice, `?assignee=${alice.id}`);
    expect([alices.conversations, alices.byStatus.ended, alices.rating.average]).toEqual([2, 2, 4]);
    const waiting = await summary(alice, '?status=queued');
    expect(waiting.conversations).toBe(1);
    const before = await summary(alice, `?to=${yesterday}`);
    expect([before.conversations, before.perDay, before.failedResponses, before.botContainment]).toEqual([
      0,
      [],
      0,
      null,
    ]);
  });

  it('an agent without "read all" counts the queue and their own conversations only', async () => {
    const figures = await summary(bob);
    expect(figures.conversations).toBe(2);
    expect(figures.byStatus).toEqual({ bot: 0, queued: 1, open: 1, ended: 0 });
  });

  it('bad filters are a 400 naming the field; a role without "export" gets 403', async () => {
    const badDate = await as(app, alice).get('/reports/summary?from=last-week').expect(400);
    expect(badDate.body.error.message).toMatch(/from/);
    const unknown = await as(app, alice).get('/reports/summary?colour=red').expect(400);
    expect(unknown.body.error.message).toMatch(/colour/);
    const reader = await createAgent(app, { actions: (['read', 'readAll'] as const).map(actionId) });
    await as(app, reader).get('/reports/summary').expect(403);
  });
});
