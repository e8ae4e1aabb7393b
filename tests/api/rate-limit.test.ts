import { startConversation, startVisitor, visitorSays } from '../helpers/chat';
import { startStrapi, type TestApp } from '../helpers/strapi';

let app: TestApp;

beforeAll(async () => {
  app = await startStrapi({ config: { rateLimit: { messages: 3, windowSeconds: 60 } } });
});

afterAll(() => app.stop());

describe('rate limit', () => {
  it('a visitor flooding messages gets 429 and the earlier messages stay stored', async () => {
    const visitor = await startVisitor(app);
    const conversation = await startConversation(app, visitor);
    await app.request.post(`/api/livechat/conversations/${conversation.id}/human`).set(visitor.auth).expect(200);
    for (let i = 0; i < 3; i += 1) await visitorSays(app, visitor, conversation.id, `m${i}`);
    const refused = await app.request
      .post(`/api/livechat/conversations/${conversation.id}/messages`)
      .set(visitor.auth)
      .send({ clientId: 'flood', text: 'm3' })
      .expect(429);
    expect(refused.body.error.message).toMatch(/Too many messages/);
    const page = await app.request
      .get(`/api/livechat/conversations/${conversation.id}/messages`)
      .set(visitor.auth)
      .expect(200);
    expect(page.body.data.results.map((m: { text: string }) => m.text)).toEqual(['m0', 'm1', 'm2']);
  });

  it("another visitor is not slowed down by the first one's flood", async () => {
    const visitor = await startVisitor(app);
    const conversation = await startConversation(app, visitor);
    await app.request.post(`/api/livechat/conversations/${conversation.id}/human`).set(visitor.auth).expect(200);
    await visitorSays(app, visitor, conversation.id, 'calm message');
  });
});
