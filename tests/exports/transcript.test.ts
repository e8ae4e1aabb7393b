import { actionId } from '../../plugin';
import { as, openConversation, queuedConversation, startVisitor, visitorSays } from '../helpers/chat';
import { csvRecords } from '../helpers/csv';
import { createAgent, startStrapi, type TestAgent, type TestApp } from '../helpers/strapi';

let app: TestApp;
let agent: TestAgent;

beforeAll(async () => {
  app = await startStrapi();
  agent = await createAgent(app);
});

afterAll(() => app.stop());

/** An open conversation with a visitor message, a reply that looks like a spreadsheet formula, and a note. */
async function conversationWithNote() {
  const visitor = await startVisitor(app, { name: 'Jane Doe' });
  const started = await as(app, agent).post('/conversations', { contactId: visitor.contactId }).expect(201);
  const id = started.body.data.id as number;
  await visitorSays(app, visitor, id, 'Where is my order, "the blue one"?');
  await as(app, agent)
    .post(`/conversations/${id}/messages`, { clientId: 'formula', text: '=HYPERLINK("http://evil.example","Open")' })
    .expect(201);
  await as(app, agent).post(`/conversations/${id}/notes`, { text: '-5 points: customer is upset' }).expect(201);
  return id;
}

describe('transcript export', () => {
  it('downloads the thread as CSV (time, from, author, text), without internal notes by default', async () => {
    const id = await conversationWithNote();
    const response = await as(app, agent).get(`/conversations/${id}/transcript.csv`).expect(200);
    expect(response.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(response.headers['content-disposition']).toBe(`attachment; filename="conversation-${id}.csv"`);
    expect(response.text.startsWith('\uFEFFTime,From,Author,Text,Attachments\n')).toBe(true);
    const records = csvRecords(response.text);
    expect(records.map(({ From, Author, Text }) => ({ From, Author, Text }))).toEqual([
      { From: 'visitor', Author: 'Jane Doe', Text: 'Where is my order, "the blue one"?' },
      { From: 'agent', Author: 'Test Agent 1', Text: `'=HYPERLINK("http://evil.example","Open")` },
    ]);
    expect(new Date(records[0].Time).toISOString()).toBe(records[0].Time);
  });

  it('with notes=true the internal notes are interleaved by time, and guarded against formulas too', async () => {
    const id = await conversationWithNote();
    const response = await as(app, agent).get(`/conversations/${id}/transcript.csv?notes=true`).expect(200);
    const records = csvRecords(response.text);
    expect(records.map((r) => r.From)).toEqual(['visitor', 'agent', 'note']);
    expect(records[2]).toMatchObject({ Author: 'Test Agent 1', Text: "'-5 points: customer is upset" });
    const bad = await as(app, agent).get(`/conversations/${id}/transcript.csv?notes=maybe`).expect(400);
    expect(bad.body.error.details.field).toBe('notes');
  });

  it('needs the export permission, and the conversation must be one the agent may see', async () => {
    const id = await conversationWithNote();
    const noExport = await createAgent(app, { actions: (['read', 'readAll', 'reply'] as const).map(actionId) });
    const denied = await as(app, noExport).get(`/conversations/${id}/transcript.csv`).expect(403);
    expect(denied.headers['content-type']).toMatch(/json/);

    const exporter = await createAgent(app, { actions: (['read', 'reply', 'export'] as const).map(actionId) });
    const notTheirs = await as(app, exporter).get(`/conversations/${id}/transcript.csv`).expect(403);
    expect(notTheirs.body.error.message).toBe(`Conversation ${id} is assigned to another agent`);
    const { conversation: queued } = await queuedConversation(app);
    await as(app, exporter).get(`/conversations/${queued.id}/transcript.csv`).expect(200);
    const { conversation: own } = await openConversation(app, exporter);
    await as(app, exporter).get(`/conversations/${own.id}/transcript.csv`).expect(200);
    await as(app, exporter).get('/conversations/999999/transcript.csv').expect(404);
  });
});
