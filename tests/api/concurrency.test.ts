import { goOnline, as, queuedConversation } from '../helpers/chat';
import { createAgent, startStrapi, type TestAgent, type TestApp } from '../helpers/strapi';

let app: TestApp;
let agents: TestAgent[];

beforeAll(async () => {
  app = await startStrapi();
  agents = [await createAgent(app), await createAgent(app), await createAgent(app)];
  // Picking needs the agent online.
  for (const agent of agents) await goOnline(app, agent);
});

afterAll(() => app.stop());

describe('concurrent picks', () => {
  it('agents picking the same queued conversation at the same moment: exactly one wins, the others get 409', async () => {
    for (let round = 0; round < 10; round += 1) {
      const { conversation } = await queuedConversation(app, `Race ${round}`);
      const responses = await Promise.all(
        agents.map((agent) => as(app, agent).post(`/conversations/${conversation.id}/pick`)),
      );
      const statuses = responses.map((r) => r.status).sort();
      expect(statuses).toEqual([200, 409, 409]);
      const winner = agents[responses.findIndex((r) => r.status === 200)];
      const stored = await as(app, winner).get(`/conversations/${conversation.id}`).expect(200);
      expect(stored.body.data.assignee.id).toBe(winner.id);
      const picks = await app.strapi.db
        .query('plugin::livechat.journey-event' as never)
        .count({ where: { conversationId: conversation.id, type: 'conversation.pick' } } as never);
      expect(picks).toBe(1);
    }
  });
});
