import { startStrapi, type TestApp } from '../helpers/strapi';

let app: TestApp;

beforeAll(async () => {
  // Read by playground/config/server.js: Strapi trusts X-Forwarded-For, as behind a load balancer.
  process.env.TRUST_PROXY = 'true';
  app = await startStrapi({ config: { rateLimit: { sessions: 3, sessionWindowSeconds: 3600 } } });
});

afterAll(() => app.stop());

/** POST /api/livechat/sessions as a client the proxy saw at `forwardedFor`. */
const startSession = (forwardedFor: string) =>
  app.request.post('/api/livechat/sessions').set('X-Forwarded-For', forwardedFor).send({});

describe('session starts behind a proxy', () => {
  it('are counted per forwarded address: one address is limited with a 429 naming the limit, another is not', async () => {
    for (let i = 0; i < 3; i += 1) await startSession('203.0.113.1').expect(201);
    const refused = await startSession('203.0.113.1').expect(429);
    expect(refused.body.error.message).toMatch(/^Too many sessions started: at most 3 per 3600 seconds/);
    await startSession('203.0.113.2').expect(201);
  });

  it('an address the client writes in front of the one the proxy appended does not escape the limit', async () => {
    for (let i = 0; i < 3; i += 1) await startSession('198.51.100.9').expect(201);
    await startSession('192.0.2.77, 198.51.100.9').expect(429);
  });
});
