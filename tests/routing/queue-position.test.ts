import { EVENTS, VISITOR_NAMESPACE, type QueuePosition, type QueuePositionPayload } from '../../plugin';
import { goOnline, as, queuedConversation, startVisitor } from '../helpers/chat';
import { createTeam } from '../helpers/routing';
import { connectSocket, createAgent, nextEvent, startStrapi, type TestAgent, type TestApp } from '../helpers/strapi';

let app: TestApp;
let agent: TestAgent;

beforeAll(async () => {
  app = await startStrapi();
  agent = await createAgent(app);
});

afterAll(() => app.stop());

const positionOf = async (conversationId: number, auth: { Authorization: string }): Promise<QueuePosition> =>
  (await app.request.get(`/api/livechat/conversations/${conversationId}/queue`).set(auth).expect(200)).body.data;

describe('queue position for visitors', () => {
  it('a waiting visitor learns their place and expected wait, by REST and pushed over the socket as it changes', async () => {
    const first = await queuedConversation(app, 'First in line');
    const second = await queuedConversation(app, 'Second in line');
    // No pick-up seen yet: two minutes per place.
    expect(await positionOf(first.conversation.id, first.visitor.auth)).toEqual({
      position: 1,
      waiting: 2,
      expectedWaitSeconds: 120,
    });
    expect(await positionOf(second.conversation.id, second.visitor.auth)).toEqual({
      position: 2,
      waiting: 2,
      expectedWaitSeconds: 240,
    });

    const tab = await connectSocket(app.url, VISITOR_NAMESPACE, second.visitor.token);
    const movedUp = nextEvent<QueuePositionPayload>(
      tab,
      EVENTS.queuePosition,
      (p) => p.conversationId === second.conversation.id && p.position === 1,
    );
    await goOnline(app, agent);
    await as(app, agent).post(`/conversations/${first.conversation.id}/pick`).expect(200);
    const pushed = await movedUp;
    // The expected wait now comes from the pick-up just seen (well under the two-minute default).
    expect(pushed).toMatchObject({ position: 1, waiting: 1 });
    expect(pushed.expectedWaitSeconds).toBeLessThan(60);
    expect(await positionOf(second.conversation.id, second.visitor.auth)).toEqual({
      position: 1,
      waiting: 1,
      expectedWaitSeconds: pushed.expectedWaitSeconds,
    });

    expect(await positionOf(first.conversation.id, first.visitor.auth)).toEqual({
      position: null,
      waiting: 1,
      expectedWaitSeconds: null,
    });
    await goOnline(app, agent);
    await as(app, agent).post(`/conversations/${second.conversation.id}/pick`).expect(200);
  });

  it('a team queue counts only the conversations waiting for that team', async () => {
    const general = await queuedConversation(app, 'General');
    const team = await createTeam(app, agent, 'Wholesale', [agent]);
    const visitor = await startVisitor(app, { name: 'Wholesale buyer' });
    const started = await as(app, agent).post('/conversations', { contactId: visitor.contactId }).expect(201);
    await as(app, agent).post(`/conversations/${started.body.data.id}/transfer`, { teamId: team.id }).expect(200);

    expect(await positionOf(started.body.data.id, visitor.auth)).toMatchObject({ position: 1, waiting: 1 });
    expect(await positionOf(general.conversation.id, general.visitor.auth)).toMatchObject({
      position: 1,
      waiting: 1,
    });
  });

  it("a visitor cannot read another visitor's queue position", async () => {
    const { conversation } = await queuedConversation(app);
    const stranger = await startVisitor(app);
    await app.request.get(`/api/livechat/conversations/${conversation.id}/queue`).set(stranger.auth).expect(404);
    await app.request.get(`/api/livechat/conversations/${conversation.id}/queue`).expect(401);
  });
});
