// Visitor tracking from the site: identify and page views through the headless client, and their bounds.
import type { Contact, JourneyEvent } from '../../plugin';
import { as, startVisitor, type TestVisitor } from '../helpers/chat';
import { closeClients, visitorClient } from '../helpers/client';
import { createAgent, startStrapi, type TestAgent, type TestApp } from '../helpers/strapi';

const PAGES_PER_WINDOW = 4;

let app: TestApp;
let agent: TestAgent;

beforeAll(async () => {
  app = await startStrapi({ config: { rateLimit: { pages: PAGES_PER_WINDOW, pageWindowSeconds: 3600 } } });
  agent = await createAgent(app);
});

afterEach(() => closeClients());
afterAll(() => app.stop());

const contactOf = async (contactId: number): Promise<Contact> =>
  (await as(app, agent).get(`/contacts/${contactId}`).expect(200)).body.data;

const journeyOf = async (contactId: number): Promise<JourneyEvent[]> =>
  (await as(app, agent).get(`/contacts/${contactId}/journey`).expect(200)).body.data.results;

const identify = (visitor: TestVisitor, body: object) =>
  app.request.post('/api/livechat/identify').set(visitor.auth).send(body);

describe('visitor tracking', () => {
  it('identify sets the details and merges attributes into the contact, with a journey event', async () => {
    const client = visitorClient(app.url);
    const first = await client.identify({ name: 'Noor', attributes: { plan: 'pro', seats: 3 } });
    expect(first).toMatchObject({ name: 'Noor', attributes: { plan: 'pro', seats: 3 } });
    await client.identify({ email: 'noor@example.com', phone: '+33 1 23 45 67 89', attributes: { seats: 5 } });
    expect(client.session?.contact).toMatchObject({ name: 'Noor', email: 'noor@example.com' });

    const contactId = client.session!.contact.id;
    expect(await contactOf(contactId)).toMatchObject({
      name: 'Noor',
      email: 'noor@example.com',
      phone: '+33 1 23 45 67 89',
      attributes: { plan: 'pro', seats: 5 },
    });
    const identified = (await journeyOf(contactId)).filter((event) => event.type === 'contact.identified');
    expect(identified.map((event) => event.payload)).toEqual([
      { fields: ['name'], attributes: ['plan', 'seats'] },
      { fields: ['email', 'phone'], attributes: ['seats'] },
    ]);
  });

  it('page views land in the journey, and the agent sees the latest as the page the visitor is on', async () => {
    const client = visitorClient(app.url);
    await client.start();
    expect(await client.page('https://shop.example.com/pricing', 'Pricing')).toBe(true);
    expect(await client.page('https://shop.example.com/checkout')).toBe(true);

    const contactId = client.session!.contact.id;
    const pages = (await journeyOf(contactId)).filter((event) => event.type === 'page.viewed');
    expect(pages.map((event) => event.payload)).toEqual([
      { url: 'https://shop.example.com/pricing', title: 'Pricing' },
      { url: 'https://shop.example.com/checkout', title: null },
    ]);
    expect((await contactOf(contactId)).currentPage).toMatchObject({
      url: 'https://shop.example.com/checkout',
      title: null,
    });
  });

  it('a client without a session records no page view and starts no session', async () => {
    const client = visitorClient(app.url);
    expect(await client.page('https://shop.example.com/')).toBe(false);
    expect(client.session).toBeNull();
    expect(client.connection).toBe('idle');
  });

  it('attributes beyond the bounds are a 400 naming the field, and the contact keeps what it had', async () => {
    const visitor = await startVisitor(app);
    await identify(visitor, { attributes: { plan: 'basic' } }).expect(200);

    const tooMany = Object.fromEntries(Array.from({ length: 51 }, (_, i) => [`key${i}`, i]));
    expect((await identify(visitor, { attributes: tooMany }).expect(400)).body.error.details.field).toBe('attributes');
    const longKey = { ['k'.repeat(61)]: 1 };
    const longKeyRefused = (await identify(visitor, { attributes: longKey }).expect(400)).body.error;
    expect(longKeyRefused.details.field).toBe('attributes');
    expect(longKeyRefused.message).toMatch(/keys must be 1 to 60 characters long/);
    const longValue = { notes: 'x'.repeat(2001) };
    expect((await identify(visitor, { attributes: longValue }).expect(400)).body.error.details.field).toBe(
      'attributes.notes',
    );
    const nested = { plan: { $gt: '' } };
    expect((await identify(visitor, { attributes: nested }).expect(400)).body.error.details.field).toBe(
      'attributes.plan',
    );
    // 49 new keys and the stored one are 50; one more in all is beyond.
    const fortyNine = Object.fromEntries(Array.from({ length: 49 }, (_, i) => [`extra${i}`, i]));
    await identify(visitor, { attributes: fortyNine }).expect(200);
    const beyond = await identify(visitor, { attributes: { oneMore: true } }).expect(400);
    expect(beyond.body.error.details.field).toBe('attributes');
    expect(beyond.body.error.message).toMatch(/at most 50 keys/);
    const tooManyTags = Array.from({ length: 21 }, (_, i) => `tag${i}`);
    expect((await identify(visitor, { tags: tooManyTags }).expect(400)).body.error.details.field).toBe('tags');

    const kept = await contactOf(visitor.contactId);
    expect(Object.keys(kept.attributes)).toHaveLength(50);
    expect(kept.attributes).toMatchObject({ plan: 'basic', extra48: 48 });
    expect(kept.attributes).not.toHaveProperty('oneMore');
  });

  it('a bad page view is a 400 naming the field; a flood of page views is a 429', async () => {
    const visitor = await startVisitor(app);
    const page = (body: object) => app.request.post('/api/livechat/pages').set(visitor.auth).send(body);
    expect((await page({ url: '  ' }).expect(400)).body.error.details.field).toBe('url');
    expect((await page({ url: `/${'a'.repeat(2000)}` }).expect(400)).body.error.details.field).toBe('url');
    await app.request.post('/api/livechat/pages').send({ url: '/' }).expect(401);

    for (let i = 0; i < PAGES_PER_WINDOW; i += 1) await page({ url: `/page-${i}` }).expect(204);
    const flood = await page({ url: '/one-too-many' }).expect(429);
    expect(flood.body.error.message).toMatch(/Too many page views/);
    const pages = (await journeyOf(visitor.contactId)).filter((event) => event.type === 'page.viewed');
    expect(pages).toHaveLength(PAGES_PER_WINDOW);
  });
});
