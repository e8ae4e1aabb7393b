import type { Socket } from 'socket.io-client';
import { actionId, AGENT_NAMESPACE, EVENTS, type Message } from '../../plugin';
import { goOnline, as, eventually, openConversation, queuedConversation, visitorSays } from '../helpers/chat';
import { createTeam } from '../helpers/routing';
import {
  connectSocket,
  createAgent,
  emitAck,
  nextEvent,
  startStrapi,
  type TestAgent,
  type TestApp,
} from '../helpers/strapi';

let app: TestApp;
let outsider: TestAgent;
let reader: TestAgent;
let agent: TestAgent;
let supervisor: TestAgent;
let colleague: TestAgent;

beforeAll(async () => {
  app = await startStrapi();
  outsider = await createAgent(app, { actions: ['admin::marketplace.read'] });
  reader = await createAgent(app, { actions: [actionId('read')] });
  agent = await createAgent(app, { actions: (['read', 'reply'] as const).map(actionId) });
  supervisor = await createAgent(app);
  colleague = await createAgent(app);
  // These tests give the agent more chats than the default capacity of 5.
  await as(app, supervisor)
    .put('/settings', { routing: { capacity: 50 } })
    .expect(200);
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
    await goOnline(app, agent);
    await as(app, agent).post(`/conversations/${conversation.id}/assign`, { agentId: agent.id }).expect(200);
    await as(app, agent).post('/canned-messages', { shortcut: 'x', title: 'x', text: 'x' }).expect(403);
    await as(app, agent).get('/canned-messages').expect(200);
    await as(app, agent).delete(`/contacts/1`).expect(403);
  });
});

describe('what an agent without "read all" sees around other agents\' chats', () => {
  const escalate = async (from: TestAgent, conversationId: number, to: { toAgentId?: number; toTeamId?: number }) =>
    (
      await as(app, from)
        .post(`/conversations/${conversationId}/escalations`, { ...to, note: 'please help' })
        .expect(201)
    ).body.data as { id: number };
  const escalationIds = async (viewer: TestAgent, query = '') =>
    (await as(app, viewer).get(`/escalations${query}`).expect(200)).body.data.results.map((e: { id: number }) => e.id);

  it('the escalation list holds only escalations from them, to them or their team, or on chats they may see', async () => {
    const team = await createTeam(app, supervisor, `Refunds ${Date.now()}`, [agent]);
    const between = await openConversation(app, supervisor, 'Between supervisors');
    const toOther = await escalate(supervisor, between.conversation.id, { toAgentId: colleague.id });
    const direct = await openConversation(app, supervisor, 'To the agent');
    const toAgent = await escalate(supervisor, direct.conversation.id, { toAgentId: agent.id });
    const viaTeam = await openConversation(app, supervisor, 'To the team');
    const toTeam = await escalate(supervisor, viaTeam.conversation.id, { toTeamId: team.id });
    const own = await openConversation(app, agent, 'Agent escalates');
    const fromAgent = await escalate(agent, own.conversation.id, { toAgentId: colleague.id });

    const visible = await escalationIds(agent);
    expect(visible).toEqual(expect.arrayContaining([toAgent.id, toTeam.id, fromAgent.id]));
    expect(visible).not.toContain(toOther.id);
    expect(await escalationIds(agent, '?status=pending&mine=true')).toEqual(
      expect.arrayContaining([toAgent.id, fromAgent.id]),
    );
    expect(await escalationIds(supervisor)).toEqual(
      expect.arrayContaining([toOther.id, toAgent.id, toTeam.id, fromAgent.id]),
    );

    // Team members open, and may accept, a chat escalated to their team.
    await as(app, agent).get(`/conversations/${viaTeam.conversation.id}`).expect(200);
    await as(app, agent).get(`/contacts/${viaTeam.visitor.contactId}`).expect(200);
    await as(app, agent).get(`/conversations/${between.conversation.id}`).expect(403);
    await as(app, agent).post(`/escalations/${toTeam.id}/accept`).expect(200);
    const moved = await as(app, agent).get(`/conversations/${viaTeam.conversation.id}`).expect(200);
    expect(moved.body.data.assignee.id).toBe(agent.id);
  });

  it('contact details, edits and journey are refused for contacts of chats they may not see', async () => {
    const theirs = await openConversation(app, supervisor, 'Someone else’s contact');
    const queued = await queuedConversation(app, 'Queued contact');
    const mine = await openConversation(app, agent, 'My contact');
    const contactId = theirs.visitor.contactId;

    const refused = await as(app, agent).get(`/contacts/${contactId}`).expect(403);
    expect(refused.body.error.message).toMatch(`Contact ${contactId}`);
    await as(app, agent).put(`/contacts/${contactId}`, { name: 'Changed' }).expect(403);
    await as(app, agent).get(`/contacts/${contactId}/journey`).expect(403);
    const unchanged = await as(app, supervisor).get(`/contacts/${contactId}`).expect(200);
    expect(unchanged.body.data.name).toBe('Someone else’s contact');

    await as(app, agent).get(`/contacts/${queued.visitor.contactId}`).expect(200);
    await as(app, agent).get(`/contacts/${mine.visitor.contactId}/journey`).expect(200);
    await as(app, agent).put(`/contacts/${mine.visitor.contactId}`, { name: 'Renamed' }).expect(200);
    await as(app, agent).get('/contacts/999999').expect(404);
  });

  it('an agent watching a queued chat leaves its room once another agent takes it', async () => {
    const inbox: Socket = await connectSocket(app.url, AGENT_NAMESPACE, agent.token);
    const taken = await queuedConversation(app, 'Taken by the supervisor');
    const own = await openConversation(app, agent, 'Still mine');
    await emitAck(inbox, EVENTS.conversationWatch, { conversationId: taken.conversation.id });
    await emitAck(inbox, EVENTS.conversationWatch, { conversationId: own.conversation.id });
    const heard: number[] = [];
    inbox.on(EVENTS.messageNew, (message: Message) => heard.push(message.id));

    // Watching the queued chat, the agent hears its messages.
    const before = await visitorSays(app, taken.visitor, taken.conversation.id, 'anyone there?');
    await eventually(async () => expect(heard).toContain(before.id));

    await goOnline(app, supervisor);
    await as(app, supervisor).post(`/conversations/${taken.conversation.id}/pick`).expect(200);
    // Messages reach one socket in the order they were sent: once the control message of the agent's own
    // chat arrives, a probe sent before it to the taken chat would have arrived too.
    await eventually(async () => {
      const probe = await visitorSays(app, taken.visitor, taken.conversation.id, 'probe');
      const control = visitorSays(app, own.visitor, own.conversation.id, 'control');
      const arrived = nextEvent<Message>(inbox, EVENTS.messageNew, (message) => message.text === 'control');
      await Promise.all([control, arrived]);
      expect(heard).not.toContain(probe.id);
    });
    await expect(
      emitAck(inbox, EVENTS.conversationWatch, { conversationId: taken.conversation.id }),
    ).resolves.toMatchObject({
      ok: false,
      error: { status: 403 },
    });
    inbox.disconnect();
  });
});
