import { actionId, VISITOR_NAMESPACE } from '../../plugin';
import { as, startConversation, startVisitor } from '../helpers/chat';
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

  it('the bot switch in the settings overrides the plugin config for new conversations, and null follows it again', async () => {
    const visitor = await startVisitor(app);
    expect((await startConversation(app, visitor)).status).toBe('bot');
    await as(app, admin)
      .put('/settings', { bot: { enabled: false } })
      .expect(200);
    expect((await startConversation(app, await startVisitor(app))).status).toBe('queued');
    const refused = await as(app, admin)
      .put('/settings', { bot: { enabled: 'no' } })
      .expect(400);
    expect(refused.body.error.details.field).toBe('bot.enabled');
    await as(app, admin)
      .put('/settings', { bot: { enabled: null } })
      .expect(200);
    expect((await startConversation(app, await startVisitor(app))).status).toBe('bot');
  });

  it('widget string overrides name real widget strings; the widget gets them, empty ones keep the built-in text', async () => {
    const unknown = await as(app, admin)
      .put('/settings', { widget: { strings: { send: 'Go', sendd: 'Typo' } } })
      .expect(400);
    expect(unknown.body.error.details.field).toBe('widget.strings.sendd');
    const tooLong = await as(app, admin)
      .put('/settings', { widget: { strings: { send: 'x'.repeat(501) } } })
      .expect(400);
    expect(tooLong.body.error.details.field).toBe('widget.strings.send');
    expect((await as(app, admin).get('/settings').expect(200)).body.data.widget.strings).toEqual({});

    const saved = await as(app, admin)
      .put('/settings', { widget: { language: 'fr', strings: { send: 'Envoyer !', talkToHuman: '  ' } } })
      .expect(200);
    expect(saved.body.data.widget.strings).toEqual({ send: 'Envoyer !' });
    const widget = (await app.request.get('/api/livechat/widget-config').expect(200)).body.data;
    expect(widget).toMatchObject({ language: 'fr', strings: { send: 'Envoyer !' } });
    await as(app, admin)
      .put('/settings', { widget: { language: 'auto', strings: {} } })
      .expect(200);
  });

  it('the install instructions give this server’s script tag and the allowed origins from config and settings', async () => {
    await as(app, admin)
      .put('/settings', { allowedOrigins: ['https://shop.example'] })
      .expect(200);
    const install = (await as(app, admin).get('/settings/install').expect(200)).body.data;
    expect(install.scriptUrl).toBe(`${app.url}/api/livechat/widget.js`);
    expect(install.snippet).toBe(`<script src="${app.url}/api/livechat/widget.js" async></script>`);
    expect(install.allowedOrigins.settings).toEqual(['https://shop.example']);
    expect(Array.isArray(install.allowedOrigins.config)).toBe(true);
    expect(install.everyOrigin).toBe(false);
    await app.request.get('/livechat/settings/install').expect(401);
  });

  it('the widget config says whether the asking page’s origin may embed the widget', async () => {
    const from = async (origin: string) =>
      (await app.request.get('/api/livechat/widget-config').set('Origin', origin).expect(200)).body.data.originAllowed;
    expect(await from('https://shop.example')).toBe(true);
    expect(await from('https://elsewhere.example')).toBe(false);
    expect((await app.request.get('/api/livechat/widget-config').expect(200)).body.data.originAllowed).toBe(true);
    await as(app, admin).put('/settings', { allowedOrigins: [] }).expect(200);
    expect(await from('https://shop.example')).toBe(false);
  });
});
