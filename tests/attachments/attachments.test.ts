import type { Message } from '../../plugin';
import { actionId, AGENT_NAMESPACE, EVENTS } from '../../plugin';
import { as, openConversation, startConversation, startVisitor, visitorSays } from '../helpers/chat';
import {
  connectSocket,
  createAgent,
  emitAck,
  nextEvent,
  startStrapi,
  type TestAgent,
  type TestApp,
} from '../helpers/strapi';

let app: TestApp;
let agent: TestAgent;

// A real 1×1 PNG, a minimal PDF, a GIF header, and a Windows executable (MZ header, NUL bytes).
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);
const PDF = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');
const GIF = Buffer.concat([Buffer.from('GIF89a'), Buffer.alloc(20, 1)]);
const EXE = Buffer.concat([Buffer.from([0x4d, 0x5a, 0x90, 0x00, 0x03, 0x00, 0x00, 0x00]), Buffer.alloc(64)]);
const FIVE_MB = 5 * 1024 * 1024;

beforeAll(async () => {
  app = await startStrapi({
    config: {
      attachments: { allowedTypes: ['image/png', 'image/jpeg', 'application/pdf', 'text/plain'] },
      rateLimit: { messages: 5, windowSeconds: 60 },
    },
  });
  agent = await createAgent(app);
  // One agent holds every conversation of this file: lift the default limit of 5 open ones.
  await as(app, agent)
    .put('/settings', { routing: { capacity: 100 } })
    .expect(200);
});

afterAll(async () => {
  // Uploaded files live in the playground's public/uploads: remove what this file stored.
  const upload = app.strapi.plugin('upload').service('upload');
  for (const file of await app.strapi.db.query('plugin::upload.file').findMany()) await upload.remove(file);
  await app.stop();
});

const uploadCount = () => app.strapi.db.query('plugin::upload.file').count();

type FilePart = { content: Buffer; filename: string; contentType: string };

const visitorUpload = (token: string, conversationId: number, fields: Record<string, string>, file?: FilePart) => {
  let request = app.request
    .post(`/api/livechat/conversations/${conversationId}/attachments`)
    .set({ Authorization: `Bearer ${token}` });
  for (const [name, value] of Object.entries(fields)) request = request.field(name, value);
  return file
    ? request.attach('file', file.content, { filename: file.filename, contentType: file.contentType })
    : request;
};

const agentUpload = (by: TestAgent, conversationId: number, clientId: string, file: FilePart) =>
  app.request
    .post(`/livechat/conversations/${conversationId}/attachments`)
    .set({ Authorization: `Bearer ${by.token}` })
    .field('clientId', clientId)
    .attach('file', file.content, { filename: file.filename, contentType: file.contentType });

const png = { content: PNG, filename: 'holiday photo.png', contentType: 'image/png' };

describe('attachments', () => {
  it('a visitor sends a picture: stored through the upload plugin, relayed with the message, served at its url', async () => {
    const { visitor, conversation } = await openConversation(app, agent);
    const inbox = await connectSocket(app.url, AGENT_NAMESPACE, agent.token);
    await emitAck(inbox, EVENTS.conversationWatch, { conversationId: conversation.id });
    const relayed = nextEvent<Message>(inbox, EVENTS.messageNew, (m) => m.clientId === 'photo-1');

    const response = await visitorUpload(
      visitor.token,
      conversation.id,
      { clientId: 'photo-1', text: 'This one' },
      png,
    ).expect(201);
    const message = response.body.data as Message;
    expect(message).toMatchObject({ authorKind: 'visitor', text: 'This one', clientId: 'photo-1' });
    expect(message.attachments).toEqual([
      {
        id: expect.any(Number),
        name: 'holiday photo.png',
        mime: 'image/png',
        size: PNG.length,
        url: expect.stringMatching(/^\/uploads\/.+\.png$/),
      },
    ]);
    expect((await relayed).attachments).toEqual(message.attachments);
    const served = await app.request.get(message.attachments[0].url).expect(200);
    expect(served.headers['content-type']).toBe('image/png');

    const files = await uploadCount();
    const again = await visitorUpload(
      visitor.token,
      conversation.id,
      { clientId: 'photo-1', text: 'This one' },
      png,
    ).expect(201);
    expect(again.body.data.id).toBe(message.id);
    expect(await uploadCount()).toBe(files);
    const thread = await as(app, agent).get(`/conversations/${conversation.id}/messages`).expect(200);
    expect(thread.body.data.results.filter((m: Message) => m.clientId === 'photo-1')).toHaveLength(1);
  });

  it('an agent sends a PDF without text; the list preview names the file and the visitor receives it', async () => {
    const { visitor, conversation } = await openConversation(app, agent);
    const response = await agentUpload(agent, conversation.id, 'invoice', {
      content: PDF,
      filename: 'Invoice 42.pdf',
      contentType: 'application/pdf',
    }).expect(201);
    expect(response.body.data).toMatchObject({
      authorKind: 'agent',
      text: '',
      attachments: [{ mime: 'application/pdf', name: 'Invoice 42.pdf' }],
    });
    const listed = await as(app, agent).get(`/conversations?contact=${visitor.contactId}`).expect(200);
    expect(listed.body.data.results[0].lastMessagePreview).toBe('📎 Invoice 42.pdf');
    const seen = await app.request
      .get(`/api/livechat/conversations/${conversation.id}/messages`)
      .set(visitor.auth)
      .expect(200);
    expect(seen.body.data.results.at(-1).attachments[0].name).toBe('Invoice 42.pdf');
  });

  it('a file over 5 MB is refused with 413 and nothing is stored', async () => {
    const { visitor, conversation } = await openConversation(app, agent);
    const files = await uploadCount();
    const big = { content: Buffer.alloc(FIVE_MB + 1, 'a'), filename: 'big.txt', contentType: 'text/plain' };
    const response = await visitorUpload(visitor.token, conversation.id, { clientId: 'big' }, big).expect(413);
    expect(response.body.error).toMatchObject({
      message: `file: must be at most 5 MB (this one is ${FIVE_MB + 1} bytes)`,
      details: { field: 'file' },
    });
    expect(await uploadCount()).toBe(files);
    const thread = await app.request
      .get(`/api/livechat/conversations/${conversation.id}/messages`)
      .set(visitor.auth)
      .expect(200);
    expect(thread.body.data.results).toHaveLength(0);
  });

  it('the real type decides, not the name or declared type: an executable renamed to .png is refused with 415', async () => {
    const { visitor, conversation } = await openConversation(app, agent);
    const files = await uploadCount();
    const disguised = await visitorUpload(
      visitor.token,
      conversation.id,
      { clientId: 'exe' },
      {
        content: EXE,
        filename: 'cat.png',
        contentType: 'image/png',
      },
    ).expect(415);
    expect(disguised.body.error.message).toBe(
      'file: this kind of file is not allowed; allowed: image/png, image/jpeg, application/pdf, text/plain',
    );
    // A real GIF, but GIFs are not in this site's allow-list.
    const gif = await visitorUpload(
      visitor.token,
      conversation.id,
      { clientId: 'gif' },
      {
        content: GIF,
        filename: 'fun.gif',
        contentType: 'image/gif',
      },
    ).expect(415);
    expect(gif.body.error.message).toMatch(/^file: image\/gif files are not allowed/);
    // A PNG declared as a PDF is stored as what it is.
    const mislabelled = await visitorUpload(
      visitor.token,
      conversation.id,
      { clientId: 'png-as-pdf' },
      {
        content: PNG,
        filename: 'scan.pdf',
        contentType: 'application/pdf',
      },
    ).expect(201);
    expect(mislabelled.body.data.attachments[0]).toMatchObject({ name: 'scan.png', mime: 'image/png' });
    expect(await uploadCount()).toBe(files + 1);
  });

  it('bad requests name the field: no file, no clientId', async () => {
    const { visitor, conversation } = await openConversation(app, agent);
    const noFile = await visitorUpload(visitor.token, conversation.id, { clientId: 'x' }).expect(400);
    expect(noFile.body.error.details.field).toBe('file');
    const noClientId = await visitorUpload(visitor.token, conversation.id, {}, png).expect(400);
    expect(noClientId.body.error.details.field).toBe('clientId');
  });

  it("visitor B cannot upload into visitor A's conversation; agents only into conversations they hold", async () => {
    const { conversation } = await openConversation(app, agent);
    const stranger = await startVisitor(app);
    const files = await uploadCount();
    await visitorUpload(stranger.token, conversation.id, { clientId: 'intrude' }, png).expect(404);
    await visitorUpload('not-a-token', conversation.id, { clientId: 'intrude' }, png).expect(401);
    const other = await createAgent(app);
    await agentUpload(other, conversation.id, 'not-mine', png).expect(403);
    const reader = await createAgent(app, { actions: (['read', 'readAll'] as const).map(actionId) });
    await agentUpload(reader, conversation.id, 'reader', png).expect(403);
    expect(await uploadCount()).toBe(files);
  });

  it('uploads count against the visitor’s message rate limit', async () => {
    const { visitor, conversation } = await openConversation(app, agent);
    for (let i = 0; i < 5; i += 1) await visitorSays(app, visitor, conversation.id, `message ${i}`);
    const files = await uploadCount();
    await visitorUpload(visitor.token, conversation.id, { clientId: 'flood' }, png).expect(429);
    expect(await uploadCount()).toBe(files);
  });

  it('a file alone does not wake the bot', async () => {
    const visitor = await startVisitor(app);
    const conversation = await startConversation(app, visitor);
    await visitorUpload(visitor.token, conversation.id, { clientId: 'just-a-file' }, png).expect(201);
    await new Promise((resolve) => setTimeout(resolve, 500));
    const thread = await app.request
      .get(`/api/livechat/conversations/${conversation.id}/messages`)
      .set(visitor.auth)
      .expect(200);
    expect(thread.body.data.results.map((m: Message) => m.authorKind)).toEqual(['visitor']);
  });

  it('deleting the contact deletes their files', async () => {
    const { visitor, conversation } = await openConversation(app, agent);
    const sent = await visitorUpload(visitor.token, conversation.id, { clientId: 'doomed' }, png).expect(201);
    const file = sent.body.data.attachments[0];
    await as(app, agent).delete(`/contacts/${visitor.contactId}`).expect(204);
    expect(await app.strapi.db.query('plugin::upload.file').findOne({ where: { id: file.id } })).toBeNull();
    await app.request.get(file.url).expect(404);
  });
});
