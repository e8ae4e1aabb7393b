import { as, openConversation, startVisitor, visitorSays } from '../helpers/chat';
import { createAgent, startStrapi, type TestAgent, type TestApp } from '../helpers/strapi';

let app: TestApp;
let agent: TestAgent;

beforeAll(async () => {
  app = await startStrapi();
  agent = await createAgent(app);
});

afterAll(() => app.stop());

describe('contacts', () => {
  it('an agent edits details and custom attributes; bad input is a 400 and the stored contact stays', async () => {
    const visitor = await startVisitor(app, { name: 'Dana', email: 'dana@example.com' });
    const vip = (await as(app, agent).post('/tags', { name: 'vip' }).expect(201)).body.data;
    const updated = await as(app, agent)
      .put(`/contacts/${visitor.contactId}`, {
        phone: '+44 20 7946 0000',
        attributes: { plan: 'pro', seats: 12 },
        tagIds: [vip.id],
      })
      .expect(200);
    expect(updated.body.data).toMatchObject({
      name: 'Dana',
      phone: '+44 20 7946 0000',
      attributes: { plan: 'pro', seats: 12 },
      tags: [{ name: 'vip' }],
    });
    const bad = await as(app, agent)
      .put(`/contacts/${visitor.contactId}`, { email: 'nope', name: 'Changed' })
      .expect(400);
    expect(bad.body.error.details.field).toBe('email');
    const nested = await as(app, agent)
      .put(`/contacts/${visitor.contactId}`, { attributes: { plan: { $gt: '' } } })
      .expect(400);
    expect(nested.body.error.details.field).toBe('attributes.plan');
    const kept = await as(app, agent).get(`/contacts/${visitor.contactId}`).expect(200);
    expect(kept.body.data).toMatchObject({
      name: 'Dana',
      email: 'dana@example.com',
      attributes: { plan: 'pro', seats: 12 },
    });
  });

  it('deleting a contact removes their conversations, messages, notes and journey', async () => {
    const { visitor, conversation } = await openConversation(app, agent, 'Erased');
    await visitorSays(app, visitor, conversation.id, 'please forget me');
    await as(app, agent).post(`/conversations/${conversation.id}/notes`, { text: 'asked for erasure' }).expect(201);
    await as(app, agent).delete(`/contacts/${visitor.contactId}`).expect(204);
    await as(app, agent).get(`/contacts/${visitor.contactId}`).expect(404);
    await as(app, agent).get(`/conversations/${conversation.id}`).expect(404);
    const count = (name: string, where: object) =>
      app.strapi.db.query(`plugin::livechat.${name}` as never).count({ where } as never);
    expect(await count('message', { conversationId: conversation.id })).toBe(0);
    expect(await count('note', { conversationId: conversation.id })).toBe(0);
    expect(await count('journey-event', { contactId: visitor.contactId })).toBe(0);
    await app.request.get('/api/livechat/conversations').set(visitor.auth).expect(401);
  });
});

describe('configuration collections', () => {
  it('canned messages: create, list, update only the sent fields, reject a duplicate shortcut, delete', async () => {
    const created = await as(app, agent)
      .post('/canned-messages', { shortcut: 'hello', title: 'Greeting', text: 'Hi! How can I help?' })
      .expect(201);
    const duplicate = await as(app, agent)
      .post('/canned-messages', { shortcut: 'hello', title: 'Again', text: 'x' })
      .expect(409);
    expect(duplicate.body.error.message).toMatch(/shortcut/);
    const updated = await as(app, agent)
      .put(`/canned-messages/${created.body.data.id}`, { title: 'Warm greeting' })
      .expect(200);
    expect(updated.body.data).toMatchObject({ shortcut: 'hello', title: 'Warm greeting', text: 'Hi! How can I help?' });
    const bad = await as(app, agent)
      .post('/canned-messages', { shortcut: 'has space', title: 't', text: 't' })
      .expect(400);
    expect(bad.body.error.details.field).toBe('shortcut');
    await as(app, agent).delete(`/canned-messages/${created.body.data.id}`).expect(204);
    await as(app, agent).delete(`/canned-messages/${created.body.data.id}`).expect(404);
  });

  it('end reasons and teams: create, update and validate', async () => {
    const reason = await as(app, agent)
      .post('/end-reasons', { label: 'Spam', requiresNote: false, position: 9 })
      .expect(201);
    await as(app, agent).post('/end-reasons', { label: 'Spam' }).expect(409);
    await as(app, agent).put(`/end-reasons/${reason.body.data.id}`, { requiresNote: 'yes' }).expect(400);
    const team = await as(app, agent)
      .post('/teams', { name: 'Sales', memberIds: [agent.id] })
      .expect(201);
    expect(team.body.data).toMatchObject({ name: 'Sales', memberIds: [agent.id] });
    const renamed = await as(app, agent).put(`/teams/${team.body.data.id}`, { name: 'Sales EU' }).expect(200);
    expect(renamed.body.data).toMatchObject({ name: 'Sales EU', memberIds: [agent.id] });
    const agents = await as(app, agent).get('/agents').expect(200);
    expect(agents.body.data.results).toEqual(
      // The agent opened the inbox to pick a chat above: the list shows them online.
      expect.arrayContaining([expect.objectContaining({ id: agent.id, presence: 'online' })]),
    );
  });

  it('the visitor session records the country a CDN header gives, as a validated two-letter code', async () => {
    const countryOf = async (headers: Record<string, string>) => {
      const session = await app.request.post('/api/livechat/sessions').set(headers).send({}).expect(201);
      const contact = await as(app, agent).get(`/contacts/${session.body.data.contact.id}`).expect(200);
      return contact.body.data.country;
    };
    expect(await countryOf({ 'CF-IPCountry': 'de' })).toBe('DE');
    expect(await countryOf({ 'X-Vercel-IP-Country': 'FR' })).toBe('FR');
    expect(await countryOf({ 'X-Country-Code': ' nl ' })).toBe('NL');
    expect(await countryOf({ 'CF-IPCountry': 'XX', 'X-Country-Code': 'BE' })).toBe('BE');
    expect(await countryOf({ 'CF-IPCountry': 'Germany' })).toBeNull();
    expect(await countryOf({ 'CF-IPCountry': 'T1' })).toBeNull();
    expect(await countryOf({})).toBeNull();
  });
});
