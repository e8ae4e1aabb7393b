import type { JourneyEvent } from '../../plugin';
import { as, openConversation } from '../helpers/chat';
import { everyoneOffline, routingDesk, setRouting } from '../helpers/routing';

const desk = routingDesk();

describe('when an agent goes offline', () => {
  it('"queue": their open conversations go back to the queue, keeping their place, and the journey says why', async () => {
    await setRouting(desk.app(), desk.manager(), { mode: 'manual', onAgentOffline: 'queue' });
    const leaving = await desk.replier();
    const inbox = await desk.online(leaving);
    const first = await openConversation(desk.app(), leaving, 'First');
    const second = await openConversation(desk.app(), leaving, 'Second');
    inbox.disconnect();

    await desk.requeued(first.conversation.id);
    await desk.requeued(second.conversation.id);
    expect((await desk.conversation(first.conversation.id)).queuedAt).toBe(first.conversation.queuedAt);
    const journey = (
      await as(desk.app(), desk.manager()).get(`/contacts/${first.visitor.contactId}/journey`).expect(200)
    ).body.data.results as JourneyEvent[];
    expect(journey.at(-1)).toMatchObject({
      type: 'conversation.rerouted',
      actor: 'system',
      payload: { reason: 'agent offline', fromAgentId: leaving.id, toAgentId: null, from: 'open', to: 'queued' },
    });
  });

  it('"reassign": their open conversations go to another online agent', async () => {
    await setRouting(desk.app(), desk.manager(), { mode: 'manual', onAgentOffline: 'reassign' });
    const [leaving, staying] = [await desk.replier(), await desk.replier()];
    const inbox = await desk.online(leaving);
    await desk.online(staying);
    const { conversation: held } = await openConversation(desk.app(), leaving);
    inbox.disconnect();
    await desk.assignedTo(held.id, staying);
  });

  it('"reassign" with nobody else online falls back to the queue', async () => {
    await setRouting(desk.app(), desk.manager(), { mode: 'manual', onAgentOffline: 'reassign' });
    const leaving = await desk.replier();
    const inbox = await desk.online(leaving);
    const { conversation: held } = await openConversation(desk.app(), leaving);
    inbox.disconnect();
    await desk.requeued(held.id);
  });

  it('"keep": their conversations stay with them', async () => {
    await setRouting(desk.app(), desk.manager(), { mode: 'manual', onAgentOffline: 'keep' });
    const leaving = await desk.replier();
    const inbox = await desk.online(leaving);
    const { conversation: held } = await openConversation(desk.app(), leaving);
    inbox.disconnect();
    await everyoneOffline(desk.app(), desk.manager());
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await desk.conversation(held.id)).toMatchObject({ status: 'open', assignee: { id: leaving.id } });
  });
});
