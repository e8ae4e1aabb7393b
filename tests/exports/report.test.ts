import { actionId } from '../../plugin';
import { as, openConversation, queuedConversation, visitorSays } from '../helpers/chat';
import { csvRecords, parseCsv } from '../helpers/csv';
import { createAgent, startStrapi, type TestAgent, type TestApp } from '../helpers/strapi';

let app: TestApp;
let alice: TestAgent;
let bob: TestAgent;
let ended: { id: number; contactId: number };
let bobs: number;
let waiting: number;
let vipTagId: number;

const HEADER = [
  'Conversation ID',
  'Contact name',
  'Contact email',
  'Agent',
  'Team',
  'Tags',
  'Status',
  'End reason',
  'Created',
  'First response',
  'Ended',
  'Messages',
  'Visitor messages',
  'Agent messages',
];

beforeAll(async () => {
  app = await startStrapi();
  alice = await createAgent(app);
  // May export, but sees only the queue and their own conversations.
  bob = await createAgent(app, { actions: (['read', 'reply', 'export'] as const).map(actionId) });

  const first = await openConversation(app, alice, '=2+5');
  await visitorSays(app, first.visitor, first.conversation.id, 'my parcel is late');
  await visitorSays(app, first.visitor, first.conversation.id, 'still waiting');
  await as(app, alice)
    .post(`/conversations/${first.conversation.id}/messages`, { clientId: 'a1', text: 'On its way' })
    .expect(201);
  vipTagId = (await as(app, alice).post('/tags', { name: 'vip' }).expect(201)).body.data.id;
  await as(app, alice)
    .put(`/conversations/${first.conversation.id}/tags`, { tagIds: [vipTagId] })
    .expect(200);
  const reasons = (await as(app, alice).get('/end-reasons').expect(200)).body.data.results;
  await as(app, alice).post(`/conversations/${first.conversation.id}/end`, { reasonId: reasons[0].id }).expect(200);
  ended = { id: first.conversation.id, contactId: first.visitor.contactId };

  const second = await openConversation(app, bob, 'Bob customer');
  await visitorSays(app, second.visitor, second.conversation.id, 'hello bob, order 77123');
  bobs = second.conversation.id;
  waiting = (await queuedConversation(app, 'In the queue')).conversation.id;
});

afterAll(() => app.stop());

const report = (agent: TestAgent, query = '') => as(app, agent).get(`/conversations/report.csv${query}`);

describe('conversations report', () => {
  it('one row per conversation with contact, agent, tags, status, end reason, times and message counts', async () => {
    const response = await report(alice, '?status=ended').expect(200);
    expect(response.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(response.headers['content-disposition']).toMatch(
      /^attachment; filename="conversations-\d{4}-\d{2}-\d{2}\.csv"$/,
    );
    expect(parseCsv(response.text)[0]).toEqual(HEADER);
    const rows = csvRecords(response.text);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      'Conversation ID': String(ended.id),
      // The contact's name starts with "=": a spreadsheet would run it as a formula without the apostrophe.
      'Contact name': "'=2+5",
      Agent: 'Test Agent 1',
      Team: '',
      Tags: 'vip',
      Status: 'ended',
      'End reason': 'Customer issue resolved',
      Messages: '3',
      'Visitor messages': '2',
      'Agent messages': '1',
    });
    for (const column of ['Created', 'First response', 'Ended']) {
      expect(new Date(rows[0][column]).toISOString()).toBe(rows[0][column]);
    }
  });

  it('respects the same filters as the list: assignee, tag, search, contact', async () => {
    const ids = async (query: string) =>
      csvRecords((await report(alice, query).expect(200)).text).map((r) => Number(r['Conversation ID']));
    expect(await ids(`?assignee=${bob.id}`)).toEqual([bobs]);
    expect(await ids(`?tag=${vipTagId}`)).toEqual([ended.id]);
    expect(await ids('?q=77123')).toEqual([bobs]);
    expect(await ids(`?contact=${ended.contactId}`)).toEqual([ended.id]);
    expect(await ids('?status=open,queued')).toEqual([bobs, waiting]);
  });

  it('an agent without "read all" exports only the queue and their own conversations', async () => {
    const rows = csvRecords((await report(bob).expect(200)).text);
    expect(rows.map((r) => Number(r['Conversation ID']))).toEqual([bobs, waiting]);
  });

  it('bad filters are a 400 naming the field; no export permission is a 403', async () => {
    const bad = await report(alice, '?status=nope').expect(400);
    expect(bad.body.error.details.field).toBe('status.0');
    const paged = await report(alice, '?page=2').expect(400);
    expect(paged.body.error.message).toBe('page: is not a known field');
    const reader = await createAgent(app, { actions: (['read', 'readAll'] as const).map(actionId) });
    await report(reader).expect(403);
  });

  it('streams every matching conversation across read pages, each once, oldest first', async () => {
    const contact = (await app.strapi.db
      .query('plugin::livechat.contact' as never)
      .create({ data: { name: 'Bulk' } } as never)) as { id: number };
    const data = Array.from({ length: 2_050 }, () => ({ status: 'ended', contactId: contact.id, channel: 'web' }));
    await app.strapi.db.query('plugin::livechat.conversation' as never).createMany({ data } as never);
    const rows = csvRecords((await report(alice, `?contact=${contact.id}`).expect(200)).text);
    const ids = rows.map((r) => Number(r['Conversation ID']));
    expect(ids).toHaveLength(2_050);
    expect(new Set(ids).size).toBe(2_050);
    expect(ids).toEqual([...ids].sort((a, b) => a - b));
    expect(rows.every((r) => r['Contact name'] === 'Bulk' && r.Messages === '0')).toBe(true);
  });
});
