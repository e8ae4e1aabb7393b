import type { Message } from '../../plugin';
import type { Services } from '../../server/services/registry';
import { as, openConversation, queuedConversation, startConversation, startVisitor } from '../helpers/chat';
import { createAgent, startStrapi, type TestAgent, type TestApp } from '../helpers/strapi';

let app: TestApp;
let agents: TestAgent[];

beforeAll(async () => {
  app = await startStrapi();
  agents = [await createAgent(app), await createAgent(app), await createAgent(app)];
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

describe('visitor messages stored in one group commit', () => {
  it('a resend shares the first copy, an ended conversation reopens, and a conversation that is not the sender’s answers 404 without storing', async () => {
    // Fresh agents: the picks above filled the others' capacity.
    const [agent, other] = [await createAgent(app), await createAgent(app)];
    const messages = app.strapi.plugin('livechat').service('messages') as Services['messages'];
    const own = await openConversation(app, agent, 'Batch owner');
    const ended = await openConversation(app, other, 'Batch ended');
    const reasons = (await as(app, agent).get('/end-reasons').expect(200)).body.data.results as Array<{
      id: number;
      requiresNote: boolean;
    }>;
    const reason = reasons.find((r) => !r.requiresNote)!;
    await as(app, other).post(`/conversations/${ended.conversation.id}/end`, { reasonId: reason.id }).expect(200);
    const someoneElses = await startConversation(app, ended.visitor);
    const intruder = await startVisitor(app, { name: 'Batch intruder' });
    const intruders = await startConversation(app, intruder);
    const conversation = (id: number) =>
      app.strapi.db.query('plugin::livechat.conversation' as never).findOne({ where: { id } } as never) as Promise<{
        status: string;
        unreadByAgent: number | null;
        lastMessagePreview: string | null;
      }>;
    const unreadBefore = (await conversation(own.conversation.id)).unreadByAgent ?? 0;

    // Pushed in one turn of the event loop, so they share one batch.
    const send = (contactId: number, conversationId: number, clientId: string, text: string) =>
      messages.sendAsVisitor(contactId, conversationId, { clientId, text });
    const outcomes = await Promise.allSettled([
      send(own.visitor.contactId, own.conversation.id, 'gc-first', 'first'),
      send(own.visitor.contactId, own.conversation.id, 'gc-first', 'first'),
      send(own.visitor.contactId, own.conversation.id, 'gc-second', 'second'),
      send(ended.visitor.contactId, ended.conversation.id, 'gc-back', 'back again'),
      send(intruder.contactId, someoneElses.id, 'gc-not-mine', 'not mine'),
      // One conversation named by its owner and by someone else in one batch.
      send(intruder.contactId, intruders.id, 'gc-mine', 'mine'),
      send(ended.visitor.contactId, intruders.id, 'gc-intruding', 'me too'),
    ]);
    const value = (i: number) => (outcomes[i] as PromiseFulfilledResult<Message>).value;
    const reason404 = (i: number) => (outcomes[i] as PromiseRejectedResult).reason as { status: number };
    expect(outcomes.map((o) => o.status)).toEqual([
      'fulfilled',
      'fulfilled',
      'fulfilled',
      'fulfilled',
      'rejected',
      'fulfilled',
      'rejected',
    ]);
    expect(value(1).id).toBe(value(0).id);
    expect(value(2).id).toBeGreaterThan(value(0).id);
    expect(value(0)).toMatchObject({ authorKind: 'visitor', authorName: 'Batch owner', text: 'first' });
    expect(value(3)).toMatchObject({ conversationId: ended.conversation.id, text: 'back again' });
    expect([reason404(4).status, reason404(6).status]).toEqual([404, 404]);

    const stored = (await app.strapi.db.query('plugin::livechat.message' as never).findMany({
      where: { clientId: { $startsWith: 'gc-' } },
      orderBy: { id: 'asc' },
    } as never)) as Array<{ clientId: string; conversationId: number }>;
    expect(stored.map((m) => [m.conversationId, m.clientId])).toEqual(
      expect.arrayContaining([
        [own.conversation.id, 'gc-first'],
        [own.conversation.id, 'gc-second'],
        [ended.conversation.id, 'gc-back'],
        [intruders.id, 'gc-mine'],
      ]),
    );
    expect(stored).toHaveLength(4);
    expect(await conversation(own.conversation.id)).toMatchObject({
      unreadByAgent: unreadBefore + 2,
      lastMessagePreview: 'second',
    });
    expect((await conversation(ended.conversation.id)).status).not.toBe('ended');
  });
});
