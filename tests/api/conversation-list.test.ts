import { EVENTS, VISITOR_NAMESPACE, type ListedConversation } from '../../plugin';
import { backfillLastVisitorMessages } from '../../server/store/last-visitor-message';
import { sqlNames } from '../../server/store/sql';
import {
  as,
  eventually,
  openConversation,
  queuedConversation,
  startConversation,
  startVisitor,
  visitorSays,
} from '../helpers/chat';
import { connectSocket, createAgent, emitAck, startStrapi, type TestAgent, type TestApp } from '../helpers/strapi';

let app: TestApp;
let alice: TestAgent;

beforeAll(async () => {
  app = await startStrapi();
  alice = await createAgent(app);
  await as(app, alice)
    .put('/settings', { routing: { capacity: 100 } })
    .expect(200);
});

afterAll(() => app.stop());

const listed = async (query: string) =>
  (await as(app, alice).get(`/conversations?${query}`).expect(200)).body.data.results as ListedConversation[];
const rowOf = async (id: number, query = 'status=bot,queued,open') => {
  const row = (await listed(query)).find((conversation) => conversation.id === id);
  if (!row) throw new Error(`conversation ${id} is not listed`);
  return row;
};

describe('the conversation list for triage', () => {
  it("a row carries the visitor's own last message, not the bot's refusal that followed it", async () => {
    const visitor = await startVisitor(app, { name: 'Triage visitor' });
    const conversation = await startConversation(app, visitor);
    const sent = await visitorSays(app, visitor, conversation.id, 'Where is my parcel #4411?');
    // The bot refuses (empty knowledge) after the visitor's message: the last message is the bot's.
    const row = await eventually(async () => {
      const current = await rowOf(conversation.id);
      expect(current.lastMessagePreview).not.toBe('Where is my parcel #4411?');
      return current;
    });
    expect(row.lastVisitorMessage).toBe('Where is my parcel #4411?');
    expect(Date.parse(row.lastVisitorMessageAt ?? '')).toBe(Date.parse(sent.createdAt));
  });

  it("a message sent over the visitor's socket is the row's last visitor message too", async () => {
    const { visitor, conversation } = await queuedConversation(app, 'Socket visitor');
    const socket = await connectSocket(app.url, VISITOR_NAMESPACE, visitor.token);
    const ack = await emitAck<{ ok: boolean }>(socket, EVENTS.messageSend, {
      conversationId: conversation.id,
      clientId: 'socket-1',
      text: 'Sent from the widget',
    });
    expect(ack.ok).toBe(true);
    expect((await rowOf(conversation.id)).lastVisitorMessage).toBe('Sent from the widget');
    socket.disconnect();
  });

  it('a row says whether the visitor has the chat open (their socket) and follows them leaving', async () => {
    const { visitor, conversation } = await queuedConversation(app, 'Present visitor');
    expect((await rowOf(conversation.id)).visitorOnline).toBe(false);
    const socket = await connectSocket(app.url, VISITOR_NAMESPACE, visitor.token);
    await eventually(async () => expect((await rowOf(conversation.id)).visitorOnline).toBe(true));
    socket.disconnect();
    await eventually(async () => expect((await rowOf(conversation.id)).visitorOnline).toBe(false));
  });

  it('unread=true lists only conversations with messages the agents have not read', async () => {
    const read = await openConversation(app, alice, 'Read visitor');
    const unread = await openConversation(app, alice, 'Unread visitor');
    await visitorSays(app, read.visitor, read.conversation.id, 'Seen by the agent');
    await visitorSays(app, unread.visitor, unread.conversation.id, 'Not seen yet');
    // The assignee reads a conversation by opening it.
    await as(app, alice).get(`/conversations/${read.conversation.id}`).expect(200);
    const rows = await listed('status=open&mine=true&unread=true');
    expect(rows.map((row) => row.id)).toContain(unread.conversation.id);
    expect(rows.map((row) => row.id)).not.toContain(read.conversation.id);
    expect(rows.every((row) => row.unreadByAgent > 0)).toBe(true);
    const all = await listed('status=open&mine=true&unread=false');
    expect(all.map((row) => row.id)).toEqual(expect.arrayContaining([read.conversation.id, unread.conversation.id]));
  });

  it('a bad unread value is a 400 naming the field', async () => {
    const response = await as(app, alice).get('/conversations?unread=yes').expect(400);
    expect(response.body.error.message).toMatch(/unread/);
    expect(response.body.error.message).toMatch(/must be true or false/);
  });

  it("conversations stored before the field existed get the visitor's last message at start-up", async () => {
    const { visitor, conversation } = await queuedConversation(app, 'Old visitor');
    await visitorSays(app, visitor, conversation.id, 'First question');
    await visitorSays(app, visitor, conversation.id, 'Second question');
    const { table, column } = sqlNames(app.strapi, 'conversation');
    await app.strapi.db
      .connection(table)
      .where('id', conversation.id)
      .update({ [column('lastVisitorMessage')]: null, [column('lastVisitorMessageAt')]: null });
    expect((await rowOf(conversation.id)).lastVisitorMessage).toBeNull();
    await backfillLastVisitorMessages(app.strapi);
    const row = await rowOf(conversation.id);
    expect(row.lastVisitorMessage).toBe('Second question');
    expect(row.lastVisitorMessageAt).not.toBeNull();
  });
});
