import { actionId, VISITOR_NAMESPACE } from '../../plugin';
import { as, startVisitor } from '../helpers/chat';
import { connectSocket, createAgent, startStrapi, type TestAgent, type TestApp } from '../helpers/strapi';

let app: TestApp;
let admin: TestAgent;

beforeAll(async () => {
  app = await startStrapi();
  admin = await createAgent(app);
});

afterAll(() => app.stop());

describe('help-desk settings', () => {
  it('start from the defaults', async () => {
    const settings = (await as(app, admin).get('/settings').expect(200)).body.data;
    expect(settings.routing).toEqual({ mode: 'manual', capacity: 5, onAgentOffline: 'queue', unansweredMinutes: 0 });
    expect(settings.widget.position).toBe('right');
  });

  it('a partial update merges field by field and is kept in the plugin store', async () => {
    await as(app, admin)
      .put('/settings', { routing: { mode: 'auto' }, widget: { title: 'Ask Acme' } })
      .expect(200);
    const updated = (
      await as(app, admin)
        .put('/settings', { routing: { capacity: 3 } })
        .expect(200)
    ).body.data;
    expect(updated.routing).toMatchObject({ mode: 'auto', capacity: 3 });
    expect(updated.widget.title).toBe('Ask Acme');
    const stored = await app.strapi.store({ type: 'plugin', name: 'livechat' }).get({ key: 'desk-settings' });
    expect(stored).toMatchObject({ routing: { mode: 'auto', capacity: 3 } });
  });

  it('bad values are a 400 naming the field and change nothing', async () => {
    const cases: Array<[object, string]> = [
      [{ routing: { capacity: 0 } }, 'routing.capacity'],
      [{ routing: { mode: 'random' } }, 'routing.mode'],
      [{ notificationEmail: 'nope' }, 'notificationEmail'],
      [{ widget: { color: 'red' } }, 'widget.color'],
      [{ allowedOrigins: ['not a url'] }, 'allowedOrigins.0'],
      [{ surprise: true }, 'surprise'],
    ];
    for (const [body, field] of cases) {
      const response = await as(app, admin).put('/settings', body).expect(400);
      expect(response.body.error.details.field).toBe(field);
    }
    const settings = (await as(app, admin).get('/settings').expect(200)).body.data;
    expect(settings.routing).toMatchObject({ mode: 'auto', capacity: 3 });
  });

  it('only managers change settings; the widget reads its public part without a login', async () => {
    const agent = await createAgent(app, { actions: [actionId('read'), actionId('reply')] });
    await as(app, agent).get('/settings').expect(200);
    await as(app, agent).put('/settings', { waitingMessage: 'x' }).expect(403);
    const widget = await app.request.get('/api/livechat/widget-config').expect(200);
    expect(widget.body.data).toMatchObject({ title: 'Ask Acme', online: false, waitingMessage: expect.any(String) });
    expect(widget.body.data.routing).toBeUndefined();
  });

  it('a widget origin added in the settings is allowed on the socket at once, on WebSocket and polling', async () => {
    const visitor = await startVisitor(app);
    const open = (transport: 'websocket' | 'polling') =>
      connectSocket(app.url, VISITOR_NAMESPACE, visitor.token, {
        transports: [transport],
        extraHeaders: { Origin: 'https://partner.example' },
      });
    await expect(open('websocket')).rejects.toThrow();
    await expect(open('polling')).rejects.toThrow();

    await as(app, admin)
      .put('/settings', { allowedOrigins: ['https://partner.example/'] })
      .expect(200);
    expect((await open('websocket')).connected).toBe(true);
    expect((await open('polling')).connected).toBe(true);

    await as(app, admin).put('/settings', { allowedOrigins: [] }).expect(200);
    await expect(open('websocket')).rejects.toThrow();
  });
});
