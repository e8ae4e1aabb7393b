import { openConversation, startConversation, startVisitor, visitorSays } from '../helpers/chat';
import {
  conversationAsAgent,
  endedForNoResponse,
  endEvents,
  SHORT_INACTIVITY,
  warned,
  warnings,
} from '../helpers/inactivity';
import { createAgent, startStrapi, type TestAgent, type TestApp } from '../helpers/strapi';

let app: TestApp;
let agent: TestAgent;

beforeAll(async () => {
  app = await startStrapi({ config: { inactivity: SHORT_INACTIVITY } });
  agent = await createAgent(app);
});

afterAll(() => app.stop());

describe('inactivity', () => {
  it('a bot conversation nobody writes in ends by itself: "No response from customer", one journey event', async () => {
    const visitor = await startVisitor(app);
    const conversation = await startConversation(app, visitor);
    const ended = await endedForNoResponse(app, agent, conversation.id);
    expect(ended.endedAt).not.toBeNull();
    // Only open conversations warn first.
    expect(await warnings(app, agent, conversation.id)).toEqual([]);
  });

  it('an open conversation whose visitor is silent is warned once, then ends', async () => {
    const { conversation } = await openConversation(app, agent, 'Silent visitor');
    const [warning] = await warned(app, agent, conversation.id);
    expect((await conversationAsAgent(app, agent, conversation.id)).status).toBe('open');
    const ended = await endedForNoResponse(app, agent, conversation.id);
    expect(new Date(ended.endedAt as string).getTime()).toBeGreaterThan(new Date(warning.createdAt).getTime());
    expect(await warnings(app, agent, conversation.id)).toHaveLength(1);
  });

  it('a visitor who answers the warning keeps the conversation open until the next silence is warned again', async () => {
    const { visitor, conversation } = await openConversation(app, agent, 'Returning visitor');
    await warned(app, agent, conversation.id);
    await visitorSays(app, visitor, conversation.id, 'Still here, sorry!');
    // The second warning is the sign that the first silence did not end it.
    await warned(app, agent, conversation.id, 2);
    expect((await conversationAsAgent(app, agent, conversation.id)).status).toBe('open');
    const ended = await endedForNoResponse(app, agent, conversation.id);
    expect(await endEvents(app, agent, ended.contact.id, conversation.id)).toHaveLength(1);
  });
});
