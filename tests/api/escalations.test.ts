import { actionId } from '../../plugin';
import { as, openConversation, queuedConversation } from '../helpers/chat';
import { createAgent, startStrapi, type TestAgent, type TestApp } from '../helpers/strapi';

let app: TestApp;
let alice: TestAgent;
let bob: TestAgent;
let carol: TestAgent;

beforeAll(async () => {
  app = await startStrapi();
  // Plain agents: they may not assign or transfer other people's conversations.
  const actions = (['read', 'reply', 'manageSettings'] as const).map(actionId);
  [alice, bob, carol] = [
    await createAgent(app, { actions }),
    await createAgent(app, { actions }),
    await createAgent(app, { actions }),
  ];
});

afterAll(() => app.stop());

describe('escalations', () => {
  it('an escalation to an agent waits as pending; when accepted, the conversation moves to the receiver', async () => {
    const { conversation } = await openConversation(app, alice);
    const created = await as(app, alice)
      .post(`/conversations/${conversation.id}/escalations`, {
        toAgentId: bob.id,
        note: 'needs a refund approval',
        expectedResolutionMinutes: 30,
      })
      .expect(201);
    expect(created.body.data).toMatchObject({
      status: 'pending',
      fromAgentId: alice.id,
      toAgentId: bob.id,
      expectedResolutionMinutes: 30,
    });
    const pending = await as(app, bob).get('/escalations?status=pending&mine=true').expect(200);
    expect(pending.body.data.results.map((e: { id: number }) => e.id)).toContain(created.body.data.id);
    const second = await as(app, alice)
      .post(`/conversations/${conversation.id}/escalations`, { toAgentId: carol.id, note: 'again' })
      .expect(409);
    expect(second.body.error.message).toMatch(/already has a pending escalation/);

    await as(app, carol).post(`/escalations/${created.body.data.id}/accept`).expect(403);
    const accepted = await as(app, bob).post(`/escalations/${created.body.data.id}/accept`).expect(200);
    expect(accepted.body.data).toMatchObject({ status: 'accepted' });
    const moved = await as(app, bob).get(`/conversations/${conversation.id}`).expect(200);
    expect(moved.body.data).toMatchObject({ status: 'open', assignee: { id: bob.id } });
    expect(moved.body.data.escalations).toHaveLength(1);
    const again = await as(app, bob).post(`/escalations/${created.body.data.id}/accept`).expect(409);
    expect(again.body.error.message).toBe('Cannot accept an escalation that is accepted');
  });

  it('rejecting needs a reason and leaves the conversation with its agent', async () => {
    const { conversation } = await openConversation(app, alice);
    const escalation = (
      await as(app, alice)
        .post(`/conversations/${conversation.id}/escalations`, { toAgentId: bob.id, note: 'please' })
        .expect(201)
    ).body.data;
    const noReason = await as(app, bob).post(`/escalations/${escalation.id}/reject`, {}).expect(400);
    expect(noReason.body.error.details.field).toBe('reason');
    const rejected = await as(app, bob)
      .post(`/escalations/${escalation.id}/reject`, { reason: 'not my area' })
      .expect(200);
    expect(rejected.body.data).toMatchObject({ status: 'rejected', reason: 'not my area' });
    const still = await as(app, alice).get(`/conversations/${conversation.id}`).expect(200);
    expect(still.body.data.assignee.id).toBe(alice.id);
  });

  it('only the sender cancels; a team escalation is accepted by a member of the team', async () => {
    const { conversation } = await openConversation(app, alice);
    const team = (
      await as(app, alice)
        .post('/teams', { name: 'Tier 2', memberIds: [carol.id] })
        .expect(201)
    ).body.data;
    const escalation = (
      await as(app, alice)
        .post(`/conversations/${conversation.id}/escalations`, { toTeamId: team.id, note: 'tier 2 please' })
        .expect(201)
    ).body.data;
    await as(app, carol).post(`/escalations/${escalation.id}/cancel`).expect(403);
    await as(app, alice).post(`/escalations/${escalation.id}/cancel`).expect(200);
    const next = (
      await as(app, alice)
        .post(`/conversations/${conversation.id}/escalations`, { toTeamId: team.id, note: 'once more' })
        .expect(201)
    ).body.data;
    await as(app, bob).post(`/escalations/${next.id}/accept`).expect(403);
    await as(app, carol).post(`/escalations/${next.id}/accept`).expect(200);
    const moved = await as(app, carol).get(`/conversations/${conversation.id}`).expect(200);
    expect(moved.body.data).toMatchObject({ assignee: { id: carol.id }, teamId: team.id });
    const journey = await as(app, carol).get(`/contacts/${moved.body.data.contact.id}/journey`).expect(200);
    const types = journey.body.data.results.map((e: { type: string }) => e.type);
    expect(types).toEqual(
      expect.arrayContaining([
        'escalation.requested',
        'escalation.cancelled',
        'escalation.accepted',
        'conversation.transferred',
      ]),
    );
  });

  it('bad escalations are 4xx: not open (409), no target or two targets (400), unknown target (400)', async () => {
    const { conversation: queued } = await queuedConversation(app);
    await as(app, alice).post(`/conversations/${queued.id}/escalations`, { toAgentId: bob.id, note: 'x' }).expect(409);
    const { conversation } = await openConversation(app, alice);
    const none = await as(app, alice).post(`/conversations/${conversation.id}/escalations`, { note: 'x' }).expect(400);
    expect(none.body.error.details.field).toBe('toAgentId');
    await as(app, alice)
      .post(`/conversations/${conversation.id}/escalations`, { toAgentId: bob.id, toTeamId: 1, note: 'x' })
      .expect(400);
    const unknown = await as(app, alice)
      .post(`/conversations/${conversation.id}/escalations`, { toTeamId: 9999, note: 'x' })
      .expect(400);
    expect(unknown.body.error.details.field).toBe('toTeamId');
    const noNote = await as(app, alice)
      .post(`/conversations/${conversation.id}/escalations`, { toAgentId: bob.id })
      .expect(400);
    expect(noNote.body.error.details.field).toBe('note');
    await as(app, bob)
      .post(`/conversations/${conversation.id}/escalations`, { toAgentId: carol.id, note: 'not mine' })
      .expect(403);
  });
});
