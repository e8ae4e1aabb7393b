import { AGENT_NAMESPACE } from '../../plugin';
import { connectSocket, createAgent, startStrapi, type TestApp } from '../helpers/strapi';

let app: TestApp;
const TOKEN_LIFESPAN_SECONDS = 2;

beforeAll(async () => {
  process.env.ADMIN_ACCESS_TOKEN_LIFESPAN = String(TOKEN_LIFESPAN_SECONDS);
  app = await startStrapi();
});

afterAll(async () => {
  delete process.env.ADMIN_ACCESS_TOKEN_LIFESPAN;
  await app.stop();
});

describe('agent socket lifetime', () => {
  it('an agent socket is disconnected when its access token expires, and the expired token is refused after', async () => {
    const agent = await createAgent(app);
    const connectedAt = Date.now();
    const inbox = await connectSocket(app.url, AGENT_NAMESPACE, agent.token);
    await new Promise((resolve) => inbox.once('disconnect', resolve));
    expect(Date.now() - connectedAt).toBeLessThan((TOKEN_LIFESPAN_SECONDS + 2) * 1000);
    await expect(connectSocket(app.url, AGENT_NAMESPACE, agent.token)).rejects.toThrow(
      'The admin access token is invalid or expired',
    );
  });
});
