import { as, openConversation } from '../helpers/chat';
import { createTeam, routingDesk, setPresence, setRouting } from '../helpers/routing';
import type { TestAgent } from '../helpers/strapi';

const desk = routingDesk();

/** The agent's display name, as the server words its refusals. */
const nameOf = async (agent: TestAgent) => {
  const agents = (await as(desk.app(), desk.manager()).get('/agents').expect(200)).body.data.results as Array<{
    id: number;
    name: string;
  }>;
  return agents.find((a) => a.id === agent.id)?.name ?? '';
};

describe('transfer checked on the server', () => {
  it('a transfer to an agent who is offline or away is a 409 naming them; online, it goes through', async () => {
    const sender = await desk.replier();
    const receiver = await desk.replier();
    const { conversation } = await openConversation(desk.app(), sender, 'Transfer me');
    const transfer = () =>
      as(desk.app(), sender).post(`/conversations/${conversation.id}/transfer`, { agentId: receiver.id, note: 'x' });

    const offline = await transfer().expect(409);
    expect(offline.body.error.message).toBe(`${await nameOf(receiver)} is offline; transfer to an agent who is online`);
    const inbox = await desk.online(receiver);
    await setPresence(inbox, 'away');
    expect((await transfer().expect(409)).body.error.message).toMatch(/ is away; /);
    expect(await desk.conversation(conversation.id)).toMatchObject({ status: 'open', assignee: { id: sender.id } });

    await setPresence(inbox, 'online');
    const moved = await transfer().expect(200);
    expect(moved.body.data).toMatchObject({ status: 'open', assignee: { id: receiver.id } });
  });

  it('a transfer to an online agent at capacity is a 409 and leaves the conversation with its agent', async () => {
    await setRouting(desk.app(), desk.manager(), { capacity: 1 });
    try {
      const sender = await desk.replier();
      const receiver = await desk.replier();
      await desk.online(receiver);
      await openConversation(desk.app(), receiver, 'Receiver is busy');
      const { conversation } = await openConversation(desk.app(), sender, 'Transfer me too');
      const refused = await as(desk.app(), sender)
        .post(`/conversations/${conversation.id}/transfer`, { agentId: receiver.id })
        .expect(409);
      expect(refused.body.error.message).toBe(
        `${await nameOf(receiver)} already has 1 open conversations (capacity 1)`,
      );
      expect(await desk.conversation(conversation.id)).toMatchObject({ status: 'open', assignee: { id: sender.id } });
    } finally {
      await setRouting(desk.app(), desk.manager(), { capacity: 5 });
    }
  });

  it('accepting an escalation at capacity is a 409 and the escalation stays pending', async () => {
    await setRouting(desk.app(), desk.manager(), { capacity: 1 });
    try {
      const sender = await desk.replier();
      const receiver = await desk.replier();
      const team = await createTeam(desk.app(), desk.manager(), `Escalations ${Date.now()}`, [receiver]);
      await openConversation(desk.app(), receiver, 'Receiver is busy');
      const { conversation } = await openConversation(desk.app(), sender, 'Escalate me');
      const escalation = (
        await as(desk.app(), sender)
          .post(`/conversations/${conversation.id}/escalations`, { toTeamId: team.id, note: 'needs billing' })
          .expect(201)
      ).body.data;

      const refused = await as(desk.app(), receiver).post(`/escalations/${escalation.id}/accept`).expect(409);
      expect(refused.body.error.message).toMatch(/already has 1 open conversations \(capacity 1\)/);
      const pending = (await as(desk.app(), receiver).get('/escalations?status=pending').expect(200)).body.data.results;
      expect(pending.map((e: { id: number }) => e.id)).toContain(escalation.id);
      expect(await desk.conversation(conversation.id)).toMatchObject({ assignee: { id: sender.id } });
    } finally {
      await setRouting(desk.app(), desk.manager(), { capacity: 5 });
    }
  });
});
