import type { JourneyEvent } from '../../plugin';
import { as, openConversation, startVisitor } from '../helpers/chat';
import { routingDesk, setRouting } from '../helpers/routing';

// Sweep every second; the settings' threshold is whole minutes, so tests backdate the assignment.
const desk = routingDesk({ routingSweepSeconds: 1 });

/** As if the agent had been given the conversation `minutes` ago. */
const assignedMinutesAgo = (id: number, minutes: number) =>
  desk
    .app()
    .strapi.db.query('plugin::livechat.conversation' as never)
    .update({ where: { id }, data: { assignedAt: new Date(Date.now() - minutes * 60_000) } } as never);

describe('unanswered conversations', () => {
  it('an assigned conversation the agent has not answered in time goes back to the queue; an answered one stays', async () => {
    await setRouting(desk.app(), desk.manager(), { mode: 'manual', unansweredMinutes: 1, onAgentOffline: 'keep' });
    const agent = await desk.replier();
    const silent = await openConversation(desk.app(), agent, 'Ignored');
    const answered = await openConversation(desk.app(), agent, 'Answered');
    await as(desk.app(), agent)
      .post(`/conversations/${answered.conversation.id}/messages`, { clientId: 'hello', text: 'Hello!' })
      .expect(201);
    await assignedMinutesAgo(silent.conversation.id, 2);
    await assignedMinutesAgo(answered.conversation.id, 2);
    // Assigned just now: not due yet.
    const recent = await openConversation(desk.app(), agent, 'Not yet due');

    await desk.requeued(silent.conversation.id);
    for (const kept of [answered, recent]) {
      expect(await desk.conversation(kept.conversation.id)).toMatchObject({
        status: 'open',
        assignee: { id: agent.id },
      });
    }
    const journey = (
      await as(desk.app(), desk.manager()).get(`/contacts/${silent.visitor.contactId}/journey`).expect(200)
    ).body.data.results as JourneyEvent[];
    expect(journey.at(-1)).toMatchObject({
      type: 'conversation.rerouted',
      payload: { reason: 'unanswered', fromAgentId: agent.id },
    });
  });

  it('with auto-assign, an unanswered conversation goes to the next online agent, not back to the silent one', async () => {
    await setRouting(desk.app(), desk.manager(), { mode: 'auto', unansweredMinutes: 1, onAgentOffline: 'keep' });
    try {
      const [silent, next] = [await desk.replier(), await desk.replier()];
      await desk.online(silent);
      const visitor = await startVisitor(desk.app());
      const held = (await as(desk.app(), silent).post('/conversations', { contactId: visitor.contactId }).expect(201))
        .body.data;
      await desk.online(next);
      await assignedMinutesAgo(held.id, 5);
      await desk.assignedTo(held.id, next);
    } finally {
      await setRouting(desk.app(), desk.manager(), { mode: 'manual', unansweredMinutes: 0 });
    }
  });
});
