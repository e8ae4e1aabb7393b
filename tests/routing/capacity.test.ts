import { actionId } from '../../plugin';
import { goOnline, as, queuedConversation } from '../helpers/chat';
import { setRouting } from '../helpers/routing';
import { createAgent, startStrapi, type TestAgent, type TestApp } from '../helpers/strapi';

let app: TestApp;
let manager: TestAgent;

beforeAll(async () => {
  app = await startStrapi();
  manager = await createAgent(app);
  await setRouting(app, manager, { capacity: 2 });
});

afterAll(() => app.stop());

const plainAgent = () => createAgent(app, { actions: (['read', 'reply'] as const).map(actionId) });

describe('agent capacity', () => {
  it('an agent at capacity cannot pick another conversation (409 naming the limit) until one ends', async () => {
    const agent = await plainAgent();
    const first = await queuedConversation(app);
    const second = await queuedConversation(app);
    const third = await queuedConversation(app);
    await goOnline(app, agent);
    await as(app, agent).post(`/conversations/${first.conversation.id}/pick`).expect(200);
    await goOnline(app, agent);
    await as(app, agent).post(`/conversations/${second.conversation.id}/pick`).expect(200);

    const refused = await as(app, agent).post(`/conversations/${third.conversation.id}/pick`).expect(409);
    expect(refused.body.error.message).toMatch(/^Test Agent \d+ already has 2 open conversations \(capacity 2\)$/);
    const untouched = await as(app, agent).get(`/conversations/${third.conversation.id}`).expect(200);
    expect(untouched.body.data).toMatchObject({ status: 'queued', assignee: null });

    const reasons = (await as(app, agent).get('/end-reasons').expect(200)).body.data.results;
    await as(app, agent).post(`/conversations/${first.conversation.id}/end`, { reasonId: reasons[0].id }).expect(200);
    await goOnline(app, agent);
    await as(app, agent).post(`/conversations/${third.conversation.id}/pick`).expect(200);
  });

  it('assigning to an agent at capacity is refused too; the conversation stays where it was', async () => {
    const agent = await plainAgent();
    for (let i = 0; i < 2; i += 1) {
      const { conversation } = await queuedConversation(app);
      await goOnline(app, agent);
      await as(app, manager).post(`/conversations/${conversation.id}/assign`, { agentId: agent.id }).expect(200);
    }
    const { conversation } = await queuedConversation(app);
    const refused = await as(app, manager)
      .post(`/conversations/${conversation.id}/assign`, { agentId: agent.id })
      .expect(409);
    expect(refused.body.error.message).toMatch(/already has 2 open conversations \(capacity 2\)/);
    const still = await as(app, manager).get(`/conversations/${conversation.id}`).expect(200);
    expect(still.body.data.status).toBe('queued');
  });

  it('two picks at once by an agent with one free slot: exactly one succeeds', async () => {
    const agent = await plainAgent();
    const held = await queuedConversation(app);
    await goOnline(app, agent);
    await as(app, agent).post(`/conversations/${held.conversation.id}/pick`).expect(200);
    const [a, b] = [await queuedConversation(app), await queuedConversation(app)];
    const results = await Promise.all([
      as(app, agent).post(`/conversations/${a.conversation.id}/pick`),
      as(app, agent).post(`/conversations/${b.conversation.id}/pick`),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
    const mine = await as(app, agent).get('/conversations?mine=true&status=open').expect(200);
    expect(mine.body.data.pagination.total).toBe(2);
  });
});
