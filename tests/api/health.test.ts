import { startStrapi, type TestApp } from '../helpers/strapi';

let app: TestApp;

beforeAll(async () => {
  app = await startStrapi();
});

afterAll(async () => {
  await app?.stop();
});

test('the playground answers its health check', async () => {
  await app.request.get('/_health').expect(204);
});

test('the live chat plugin is loaded', () => {
  expect(app.strapi.plugin('livechat')).toBeDefined();
});
