import { AGENT_NAMESPACE, PLUGIN_ID, type Conversation } from '../../plugin';
import {
  as,
  goOnline,
  openConversation,
  queuedConversation,
  startConversation,
  startVisitor,
  visitorSays,
} from '../helpers/chat';
import { connectSocket, createAgent, startStrapi, type TestAgent, type TestApp } from '../helpers/strapi';

let app: TestApp;
let alice: TestAgent;
let bob: TestAgent;

beforeAll(async () => {
  app = await startStrapi();
  alice = await createAgent(app);
  bob = await createAgent(app);
  // One agent holds many open conversations here; capacity has its own tests (tests/routing).
  await as(app, alice)
    .put('/settings', { routing: { capacity: 100 } })
    .expect(200);
});

afterAll(() => app.stop());

const endReasons = async () =>
  (await as(app, alice).get('/end-reasons').expect(200)).body.data.results as Array<{
    id: number;
    label: string;
    requiresNote: boolean;
  }>;

describe('the agent conversation lifecycle', () => {
  it('pick takes a queued conversation: open, assigned to me, with assignedAt; a journey event records it', async () => {
    const { conversation } = await queuedConversation(app, 'Pick me');
    // Only an agent who is online picks; the refusal changes nothing.
    const offline = await as(app, alice).post(`/conversations/${conversation.id}/pick`).expect(409);
    expect(offline.body.error.message).toBe('Test Agent 1 is offline; go online to pick a conversation');
    expect((await as(app, alice).get(`/conversations/${conversation.id}`).expect(200)).body.data).toMatchObject({
      status: 'queued',
      assignee: null,
    });
    await goOnline(app, alice);
    const picked = await as(app, alice).post(`/conversations/${conversation.id}/pick`).expect(200);
    expect(picked.body.data).toMatchObject({ status: 'open', assignee: { id: alice.id } });
    expect(picked.body.data.assignedAt).not.toBeNull();
    expect(picked.body.data.queuedAt).not.toBeNull();
    const journey = await as(app, alice).get(`/contacts/${picked.body.data.contact.id}/journey`).expect(200);
    expect(journey.body.data.results.map((e: { type: string }) => e.type)).toEqual([
      'conversation.started',
      'conversation.requestHuman',
      'conversation.pick',
    ]);
    expect(journey.body.data.results[2]).toMatchObject({
      actor: `agent:${alice.id}`,
      payload: { from: 'queued', to: 'open' },
    });
  });

  it('picking an open conversation is a 409 naming its state and the action', async () => {
    const { conversation } = await openConversation(app, alice);
    await goOnline(app, bob);
    const response = await as(app, bob).post(`/conversations/${conversation.id}/pick`).expect(409);
    expect(response.body.error.message).toBe('Cannot pick a conversation that is open');
  });

  it('picking a bot conversation is a 409: the visitor has not asked for a human', async () => {
    const visitor = await startVisitor(app);
    const conversation = await startConversation(app, visitor);
    const response = await as(app, alice).post(`/conversations/${conversation.id}/pick`).expect(409);
    expect(response.body.error.message).toBe('Cannot pick a conversation that is bot');
  });

  it('an agent replies in their conversation; the first response time is set once', async () => {
    const { visitor, conversation } = await openConversation(app, alice);
    const sent = await as(app, alice)
      .post(`/conversations/${conversation.id}/messages`, { clientId: 'r1', text: 'Hello, Alice here' })
      .expect(201);
    expect(sent.body.data).toMatchObject({ authorKind: 'agent', authorId: alice.id, authorName: 'Test Agent 1' });
    const first = (await as(app, alice).get(`/conversations/${conversation.id}`).expect(200)).body.data.firstResponseAt;
    await as(app, alice)
      .post(`/conversations/${conversation.id}/messages`, { clientId: 'r2', text: 'Anything else?' })
      .expect(201);
    const after = (await as(app, alice).get(`/conversations/${conversation.id}`).expect(200)).body.data;
    expect(after.firstResponseAt).toBe(first);
    const seen = await app.request
      .get(`/api/livechat/conversations/${conversation.id}/messages`)
      .set(visitor.auth)
      .expect(200);
    expect(seen.body.data.results.map((m: { text: string }) => m.text)).toEqual([
      'Hello, Alice here',
      'Anything else?',
    ]);
  });

  it("writing into another agent's conversation is a 403; into a queued one a 409", async () => {
    const { conversation } = await openConversation(app, alice);
    await as(app, bob).post(`/conversations/${conversation.id}/messages`, { clientId: 'x1', text: 'hi' }).expect(403);
    const queued = await queuedConversation(app);
    const response = await as(app, alice)
      .post(`/conversations/${queued.conversation.id}/messages`, { clientId: 'x2', text: 'hi' })
      .expect(409);
    expect(response.body.error.message).toMatch(/Cannot write to a conversation that is queued/);
  });

  it('assign gives a conversation to another agent who is online (409 for one who is not); an unknown agent is a 400 naming agentId', async () => {
    const { conversation } = await queuedConversation(app);
    const bad = await as(app, alice).post(`/conversations/${conversation.id}/assign`, { agentId: 99999 }).expect(400);
    expect(bad.body.error.details.field).toBe('agentId');
    const carol = await createAgent(app);
    const offline = await as(app, alice)
      .post(`/conversations/${conversation.id}/assign`, { agentId: carol.id })
      .expect(409);
    expect(offline.body.error.message).toMatch(/^Test Agent \d+ is offline; assign to an agent who is online$/);
    expect((await as(app, alice).get(`/conversations/${conversation.id}`).expect(200)).body.data).toMatchObject({
      status: 'queued',
      assignee: null,
    });
    await goOnline(app, bob);
    const assigned = await as(app, alice)
      .post(`/conversations/${conversation.id}/assign`, { agentId: bob.id })
      .expect(200);
    expect(assigned.body.data.assignee.id).toBe(bob.id);
  });

  it('"Assign to…" lists the agents online now with the open conversations each holds, least loaded first', async () => {
    await goOnline(app, alice);
    await goOnline(app, bob);
    const { capacity, results } = (await as(app, alice).get('/agents/online').expect(200)).body.data;
    expect(capacity).toBe(100);
    const held = async (agent: TestAgent) =>
      (await as(app, alice).get(`/conversations?status=open&assignee=${agent.id}&pageSize=1`).expect(200)).body.data
        .pagination.total;
    const expected = [
      { id: alice.id, openConversations: await held(alice) },
      { id: bob.id, openConversations: await held(bob) },
    ].sort((a, b) => a.openConversations - b.openConversations);
    expect(
      results.map((a: { id: number; openConversations: number }) => ({
        id: a.id,
        openConversations: a.openConversations,
      })),
    ).toEqual(expected);
    expect(results.every((a: { presence: string }) => a.presence === 'online')).toBe(true);
  });

  it('take over: an online agent steps into a bot conversation, and the journey records the intervention', async () => {
    const visitor = await startVisitor(app);
    const conversation = await startConversation(app, visitor);
    const dave = await createAgent(app);
    const offline = await as(app, dave).post(`/conversations/${conversation.id}/take-over`).expect(409);
    expect(offline.body.error.message).toMatch(/ is offline; go online to take over a conversation$/);
    await goOnline(app, alice);
    const taken = await as(app, alice).post(`/conversations/${conversation.id}/take-over`).expect(200);
    expect(taken.body.data).toMatchObject({ status: 'open', assignee: { id: alice.id } });
    const journey = await as(app, alice).get(`/contacts/${visitor.contactId}/journey`).expect(200);
    expect(journey.body.data.results.at(-1)).toMatchObject({
      type: 'conversation.taken-over',
      actor: `agent:${alice.id}`,
      payload: { from: 'bot', to: 'open', agentId: alice.id },
    });
    const again = await as(app, alice).post(`/conversations/${conversation.id}/take-over`).expect(409);
    expect(again.body.error.message).toBe('Cannot take over a conversation that is open');
    const queued = await queuedConversation(app);
    await as(app, alice).post(`/conversations/${queued.conversation.id}/take-over`).expect(409);
  });

  it('transfer moves an open conversation to another agent, or to a team queue', async () => {
    const { conversation } = await openConversation(app, alice);
    // Transfers go to agents who are online: Bob opens the inbox.
    await connectSocket(app.url, AGENT_NAMESPACE, bob.token);
    const toBob = await as(app, alice)
      .post(`/conversations/${conversation.id}/transfer`, { agentId: bob.id, note: 'billing' })
      .expect(200);
    expect(toBob.body.data).toMatchObject({ status: 'open', assignee: { id: bob.id } });
    const team = (
      await as(app, alice)
        .post('/teams', { name: 'Billing', memberIds: [alice.id] })
        .expect(201)
    ).body.data;
    const toTeam = await as(app, bob)
      .post(`/conversations/${conversation.id}/transfer`, { teamId: team.id })
      .expect(200);
    expect(toTeam.body.data).toMatchObject({ status: 'queued', assignee: null, teamId: team.id });
    const both = await as(app, bob)
      .post(`/conversations/${conversation.id}/transfer`, { agentId: alice.id, teamId: team.id })
      .expect(400);
    expect(both.body.error.details.field).toBe('agentId');
  });

  it('an install seeded with the old "Time waster" wording gets "Spam or abuse" on boot, unless someone edited it', async () => {
    const endReasonRows = app.strapi.db.query(`plugin::${PLUGIN_ID}.end-reason`);
    const seed = () => app.strapi.plugin(PLUGIN_ID).service('settings').seedDefaults();
    const spam = (await endReasons()).find((r) => r.label === 'Spam or abuse')!;
    await endReasonRows.delete({ where: { id: spam.id } });

    const edited = await endReasonRows.create({ data: { label: 'Time waster', requiresNote: false, position: 3 } });
    await as(app, alice).put(`/end-reasons/${edited.id}`, { requiresNote: true }).expect(200);
    await seed();
    expect((await endReasons()).find((r) => r.id === edited.id)).toMatchObject({ label: 'Time waster' });
    await endReasonRows.delete({ where: { id: edited.id } });

    const asSeeded = await endReasonRows.create({ data: { label: 'Time waster', requiresNote: false, position: 3 } });
    await seed();
    const labels = (await endReasons()).map((r) => r.label);
    expect(labels).toContain('Spam or abuse');
    expect(labels).not.toContain('Time waster');
    expect((await endReasons()).find((r) => r.id === asSeeded.id)).toMatchObject({ label: 'Spam or abuse' });
  });

  it('end needs a configured reason; "Others" needs a note; an ended conversation is reopened by an agent', async () => {
    const { conversation } = await openConversation(app, alice);
    const reasons = await endReasons();
    expect(reasons.map((r) => r.label)).toEqual([
      'Customer issue resolved',
      'No response from customer',
      'Will be contacted upon issue resolution',
      'Spam or abuse',
      'Others',
    ]);
    const others = reasons.find((r) => r.label === 'Others')!;
    const noNote = await as(app, alice)
      .post(`/conversations/${conversation.id}/end`, { reasonId: others.id })
      .expect(400);
    expect(noNote.body.error).toMatchObject({
      message: 'note: is required for the reason "Others"',
      details: { field: 'note' },
    });
    await as(app, alice).post(`/conversations/${conversation.id}/end`, { reasonId: 4242 }).expect(400);
    const ended = await as(app, alice)
      .post(`/conversations/${conversation.id}/end`, { reasonId: others.id, note: 'asked about a partner shop' })
      .expect(200);
    expect(ended.body.data).toMatchObject({
      status: 'ended',
      endReason: 'Others',
      endNote: 'asked about a partner shop',
    });
    expect(ended.body.data.endedAt).not.toBeNull();
    const endTwice = await as(app, alice)
      .post(`/conversations/${conversation.id}/end`, { reasonId: reasons[0].id })
      .expect(409);
    expect(endTwice.body.error.message).toBe('Cannot end a conversation that is ended');
    const reopened = await as(app, bob).post(`/conversations/${conversation.id}/reopen`).expect(200);
    expect(reopened.body.data).toMatchObject({
      status: 'open',
      assignee: { id: bob.id },
      endReason: null,
      endedAt: null,
    });
  });

  it('an agent opens a conversation with a known contact: it starts open, assigned to them', async () => {
    const visitor = await startVisitor(app, { name: 'Known contact' });
    const started = await as(app, alice)
      .post('/conversations', { contactId: visitor.contactId, text: 'Following up on your order' })
      .expect(201);
    expect(started.body.data).toMatchObject({
      status: 'open',
      assignee: { id: alice.id },
      lastMessagePreview: 'Following up on your order',
    });
    await as(app, alice).post('/conversations', { contactId: 987654 }).expect(400);
  });

  it('notes are internal: listed for agents, never in the visitor thread', async () => {
    const { visitor, conversation } = await openConversation(app, alice);
    await as(app, alice).post(`/conversations/${conversation.id}/notes`, { text: 'VIP customer' }).expect(201);
    await as(app, alice).post(`/conversations/${conversation.id}/notes`, { text: '' }).expect(400);
    const notes = await as(app, alice).get(`/conversations/${conversation.id}/notes`).expect(200);
    expect(notes.body.data.results).toMatchObject([{ text: 'VIP customer', authorId: alice.id }]);
    const thread = await app.request
      .get(`/api/livechat/conversations/${conversation.id}/messages`)
      .set(visitor.auth)
      .expect(200);
    expect(JSON.stringify(thread.body.data)).not.toContain('VIP customer');
  });

  it('tags are set from the configured list; an unknown tag id is a 400 and the previous tags stay', async () => {
    const { conversation } = await openConversation(app, alice);
    const refund = (await as(app, alice).post('/tags', { name: 'refund', color: '#ff0000' }).expect(201)).body.data;
    const tagged = await as(app, alice)
      .put(`/conversations/${conversation.id}/tags`, { tagIds: [refund.id] })
      .expect(200);
    expect(tagged.body.data.tags).toMatchObject([{ name: 'refund', color: '#ff0000' }]);
    const bad = await as(app, alice)
      .put(`/conversations/${conversation.id}/tags`, { tagIds: [refund.id, 5555] })
      .expect(400);
    expect(bad.body.error.message).toBe('tagIds: no tag with id 5555');
    const kept = await as(app, alice).get(`/conversations/${conversation.id}`).expect(200);
    expect(kept.body.data.tags.map((t: { id: number }) => t.id)).toEqual([refund.id]);
  });
});

describe('the agent conversation list', () => {
  it('filters by status, mine, assignee, tag and date, searches contact and message text, and pages', async () => {
    const listApp = app;
    const mine = await openConversation(listApp, bob, 'Zelda Searchable');
    await visitorSays(listApp, mine.visitor, mine.conversation.id, 'my parcel to Reykjavik is late');
    const queued = await queuedConversation(listApp, 'Queue Person');
    const vip = (await as(listApp, bob).post('/tags', { name: 'vip' }).expect(201)).body.data;
    await as(listApp, bob)
      .put(`/conversations/${mine.conversation.id}/tags`, { tagIds: [vip.id] })
      .expect(200);

    const ids = (body: { data: { results: Conversation[] } }) => body.data.results.map((c) => c.id);
    const list = (query: string) =>
      as(listApp, bob)
        .get(`/conversations?${query}`)
        .expect(200)
        .then((r) => r.body);

    expect(ids(await list('status=queued'))).toContain(queued.conversation.id);
    expect(ids(await list('status=queued'))).not.toContain(mine.conversation.id);
    expect(ids(await list('mine=true'))).toContain(mine.conversation.id);
    const byAssignee = (await list(`assignee=${bob.id}`)).data.results as Conversation[];
    expect(byAssignee.map((c) => c.id)).toContain(mine.conversation.id);
    expect(byAssignee.every((c) => c.assignee?.id === bob.id)).toBe(true);
    expect(ids(await list(`tag=${vip.id}`))).toEqual([mine.conversation.id]);
    expect(ids(await list('q=zelda'))).toEqual([mine.conversation.id]);
    expect(ids(await list('q=reykjavik'))).toEqual([mine.conversation.id]);
    expect(ids(await list('from=2000-01-01&to=2000-01-02'))).toEqual([]);
    const returns = (
      await as(listApp, bob)
        .post('/teams', { name: 'Returns', memberIds: [bob.id] })
        .expect(201)
    ).body.data;
    await as(listApp, bob).post(`/conversations/${mine.conversation.id}/transfer`, { teamId: returns.id }).expect(200);
    expect(ids(await list(`team=${returns.id}`))).toEqual([mine.conversation.id]);
    const paged = await list('pageSize=2&page=1');
    expect(paged.data.results).toHaveLength(2);
    expect(paged.data.pagination.total).toBeGreaterThan(2);
    expect(paged.data.pagination.pageCount).toBe(Math.ceil(paged.data.pagination.total / 2));
  });

  it('bad filters are a 400 naming the parameter', async () => {
    const cases: Array<[string, string]> = [
      ['status=closed', 'status.0'],
      ['pageSize=1000', 'pageSize'],
      ['assignee=abc', 'assignee'],
      ['from=yesterday', 'from'],
      ['mine=maybe', 'mine'],
      ['unknown=1', 'unknown'],
    ];
    for (const [query, field] of cases) {
      const response = await as(app, alice).get(`/conversations?${query}`).expect(400);
      expect(response.body.error.details.field).toBe(field);
    }
  });

  it('an unknown conversation is a 404', async () => {
    await as(app, alice).get('/conversations/424242').expect(404);
    await as(app, alice).post('/conversations/424242/pick').expect(404);
  });
});
