import { actionId } from '../../plugin';
import { as, openConversation, queuedConversation } from '../helpers/chat';
import { createAgent, startStrapi, type TestAgent, type TestApp } from '../helpers/strapi';

let app: TestApp;
let outsider: TestAgent;
let reader: TestAgent;
let agent: TestAgent;
let supervisor: TestAgent;

beforeAll(async () => {
  app = await startStrapi();
  outsider = await createAgent(app, { actions: ['admin::marketplace.read'] });
  reader = await createAgent(app, { actions: [actionId('read')] });
  agent = await createAgent(app, { actions: (['read', 'reply'] as const).map(actionId) });
  supervisor = await createAgent(app);
});

afterAll(() => app.stop());

describe('permissions', () => {
  it('an admin role without the plugin permissions gets 403 on every agent route', async () => {
    const { conversation } = await queuedConversation(app);
    const calls = [
      as(app, outsider).get('/conversations'),
      as(app, outsider).get(`/conversations/${conversation.id}`),
      as(app, outsider).post(`/conversations/${conversation.id}/pick`),
      as(app, outsider).get('/escalations'),
      as(app, outsider).get('/canned-messages'),
      as(app, outsider).post('/tags', { name: 'nope' }),
    ];
    for (const call of calls) await call.expect(403);
    await app.request.get('/livechat/conversations').expect(401);
  });

  it('read without reply can list but not pick or write', async () => {
    const { conversation } = await queuedConversation(app);
    await as(app, reader).get('/conversations').expect(200);
    await as(app, reader).post(`/conversations/${conversation.id}/pick`).expect(403);
    await as(app, reader).post(`/conversations/${conversation.id}/notes`, { text: 'x' }).expect(403);
  });

  it('an agent without "read all" sees the queue and their own conversations only', async () => {
    const theirs = await openConversation(app, supervisor, 'Supervisor chat');
    const mine = await openConversation(app, agent, 'Agent chat');
    const queued = await queuedConversation(app, 'Waiting');
    const listed = (await as(app, agent).get('/conversations?pageSize=100').expect(200)).body.data.results.map(
      (c: { id: number }) => c.id,
    );
    expect(listed).toEqual(expect.arrayContaining([mine.conversation.id, queued.conversation.id]));
    expect(listed).not.toContain(theirs.conversation.id);
    await as(app, agent).get(`/conversations/${theirs.conversation.id}`).expect(403);
    const all = (await as(app, supervisor).get('/conversations?pageSize=100').expect(200)).body.data.results.map(
      (c: { id: number }) => c.id,
    );
    expect(all).toEqual(expect.arrayContaining([theirs.conversation.id, mine.conversation.id, queued.conversation.id]));
  });

  it('assigning to someone else needs the assign permission; settings need manage settings', async () => {
    const { conversation } = await queuedConversation(app);
    await as(app, agent).post(`/conversations/${conversation.id}/assign`, { agentId: supervisor.id }).expect(403);
    await as(app, agent).post(`/conversations/${conversation.id}/assign`, { agentId: agent.id }).expect(200);
    await as(app, agent).post('/canned-messages', { shortcut: 'x', title: 'x', text: 'x' }).expect(403);
    await as(app, agent).get('/canned-messages').expect(200);
    await as(app, agent).delete(`/contacts/1`).expect(403);
  });
});
