import { actionId, type Conversation, type JourneyEvent } from '../../plugin';
import { as, queuedConversation, startVisitor } from '../helpers/chat';
import { createTeam, routingDesk, setPresence, setRouting } from '../helpers/routing';
import { createAgent, type TestAgent } from '../helpers/strapi';

const desk = routingDesk();
let sender: TestAgent;

beforeAll(async () => {
  // Hands conversations to team queues; never online, so never a candidate itself.
  sender = await createAgent(desk.app());
  await setRouting(desk.app(), desk.manager(), { mode: 'auto', capacity: 5, onAgentOffline: 'keep' });
});

/** The agent holds one more conversation (one they opened themselves). */
const giveLoad = async (agent: TestAgent) => {
  const visitor = await startVisitor(desk.app());
  const started = await as(desk.app(), agent).post('/conversations', { contactId: visitor.contactId }).expect(201);
  return started.body.data as Conversation;
};

/** A conversation waiting in the team's queue (handed over by `sender`). */
const queuedForTeam = async (teamId: number) => {
  const started = await giveLoad(sender);
  await as(desk.app(), sender).post(`/conversations/${started.id}/transfer`, { teamId }).expect(200);
  return started.id;
};

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('auto-assign', () => {
  it('a queued team conversation goes to the least-loaded online member, then ties go to the one idle longest', async () => {
    const [busy, free, outsider] = [await desk.replier(), await desk.replier(), await desk.replier()];
    const team = await createTeam(desk.app(), desk.manager(), 'Billing', [busy, free]);
    await Promise.all([desk.online(busy), desk.online(free), desk.online(outsider)]);
    await giveLoad(busy);

    const first = await queuedForTeam(team.id);
    const assigned = await desk.assignedTo(first, free);
    const journey = (await as(desk.app(), desk.manager()).get(`/contacts/${assigned.contact.id}/journey`).expect(200))
      .body.data.results as JourneyEvent[];
    expect(journey.find((e) => e.type === 'conversation.auto-assigned')).toMatchObject({
      actor: 'system',
      payload: { agentId: free.id },
    });

    // Both hold one now; `busy` got theirs earlier, so has been idle longer.
    const second = await queuedForTeam(team.id);
    await desk.assignedTo(second, busy);
  });

  it('in the general queue, equal loads go to whoever got a conversation longest ago, not who came online first', async () => {
    const [early, late] = [await desk.replier(), await desk.replier()];
    await desk.online(early);
    await desk.online(late);
    await giveLoad(late);
    await giveLoad(early);
    const { conversation: queued } = await queuedConversation(desk.app(), 'General question');
    await desk.assignedTo(queued.id, late);
  });

  it('away agents are skipped, however light their load', async () => {
    const [resting, working] = [await desk.replier(), await desk.replier()];
    const team = await createTeam(desk.app(), desk.manager(), 'Returns', [resting, working]);
    const restingInbox = await desk.online(resting);
    await desk.online(working);
    expect(await setPresence(restingInbox, 'away')).toMatchObject({ ok: true });
    await giveLoad(working);
    const id = await queuedForTeam(team.id);
    await desk.assignedTo(id, working);
  });

  it('a conversation nobody can take waits in the queue, and goes to the first member who comes online', async () => {
    const member = await desk.replier();
    const reader = await createAgent(desk.app(), { actions: (['read', 'readAll'] as const).map(actionId) });
    const team = await createTeam(desk.app(), desk.manager(), 'Night shift', [member, reader]);
    await desk.online(reader); // may read, may not reply: never auto-assigned
    const id = await queuedForTeam(team.id);
    await pause(500);
    expect(await desk.conversation(id)).toMatchObject({ status: 'queued', assignee: null, teamId: team.id });
    await desk.online(member);
    await desk.assignedTo(id, member);
  });

  it('auto-assign respects capacity; a freed slot takes the next waiting conversation', async () => {
    await setRouting(desk.app(), desk.manager(), { capacity: 1 });
    try {
      const agent = await desk.replier();
      const team = await createTeam(desk.app(), desk.manager(), 'Tier 3', [agent]);
      await desk.online(agent);
      const held = await giveLoad(agent);
      const id = await queuedForTeam(team.id);
      await pause(500);
      expect((await desk.conversation(id)).status).toBe('queued');
      const reasons = (await as(desk.app(), agent).get('/end-reasons').expect(200)).body.data.results;
      await as(desk.app(), agent).post(`/conversations/${held.id}/end`, { reasonId: reasons[0].id }).expect(200);
      await desk.assignedTo(id, agent);
    } finally {
      await setRouting(desk.app(), desk.manager(), { capacity: 5 });
    }
  });
});
