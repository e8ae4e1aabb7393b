// Nobody online: the offline form's message waits for an answer by email (never for the bot); a site with
// nothing published sends the visitor to a person; the bot's own sentences follow the conversation's locale.
import type { Socket } from 'socket.io-client';
import { AGENT_NAMESPACE, type Conversation, type JourneyEvent, type Message } from '../../plugin';
import { botSentences, declineText } from '../../server/answering/sentences';
import {
  as,
  eventually,
  goOnline,
  startConversation,
  startVisitor,
  visitorSays,
  type TestVisitor,
} from '../helpers/chat';
import { askBot, publishEntry } from '../helpers/knowledge';
import { connectSocket, createAgent, startStrapi, type TestAgent, type TestApp } from '../helpers/strapi';

let app: TestApp;
let agent: TestAgent;

beforeAll(async () => {
  // The playground's default: with nothing published the bot steps aside (the harness turns this off).
  app = await startStrapi({ config: { emptyKnowledge: 'handoff', presenceGraceSeconds: 0 } });
  agent = await createAgent(app);
  await app.strapi.plugin('livechat').service('knowledge').settled();
});

afterAll(() => app?.stop());

const leave = (visitor: TestVisitor, body: object) =>
  app.request.post('/api/livechat/offline-requests').set(visitor.auth).send(body);

const messagesOf = async (visitor: TestVisitor, conversationId: number) =>
  (await app.request.get(`/api/livechat/conversations/${conversationId}/messages`).set(visitor.auth).expect(200)).body
    .data.results as Message[];

/** Resolves once every bot reply under way is written: after it, a reply that did not come never will. */
const botSettled = () => app.strapi.plugin('livechat').service('bot').settle() as Promise<void>;

const agentSocket = async () => {
  const socket: Socket = await connectSocket(app.url, AGENT_NAMESPACE, agent.token);
  await eventually(async () => {
    expect((await app.request.get('/api/livechat/availability').expect(200)).body.data.online).toBe(true);
  });
  return socket;
};

const agentGoesAway = async (socket: Socket) => {
  socket.disconnect();
  await eventually(async () => {
    expect((await app.request.get('/api/livechat/availability').expect(200)).body.data.online).toBe(false);
  });
};

describe('an empty knowledge base', () => {
  it('sends the visitor straight to a person while one is online: no refusal, no failed response', async () => {
    const socket = await agentSocket();
    const visitor = await startVisitor(app);
    const conversation = await startConversation(app, visitor);
    await visitorSays(app, visitor, conversation.id, 'Hello, is anyone there? I need help with my order');

    const queued = await eventually(async () => {
      const got = await app.request.get(`/api/livechat/conversations/${conversation.id}`).set(visitor.auth).expect(200);
      expect(got.body.data.status).toBe('queued');
      return got.body.data;
    });
    expect(queued.offline).toBe(false);
    await botSettled();
    expect((await messagesOf(visitor, conversation.id)).map((m) => m.authorKind)).toEqual(['visitor']);
    const failed = await as(app, agent).get('/failed-responses?q=anyone').expect(200);
    expect(failed.body.data.results).toEqual([]);
    await agentGoesAway(socket);
  });

  it('offers the email form, never "talk to a person", while nobody is online', async () => {
    const visitor = await startVisitor(app);
    const conversation = await startConversation(app, visitor);
    const { reply } = await askBot(app, visitor, conversation.id, 'Hello, is anyone there?');
    const { away, offerEmail, offerHuman } = botSentences('en');
    expect(reply).toMatchObject({ text: `${away} ${offerEmail}`, offerHuman: true, sources: [] });
    expect(reply.text).not.toContain(offerHuman);
    const got = await app.request.get(`/api/livechat/conversations/${conversation.id}`).set(visitor.auth).expect(200);
    expect(got.body.data.status).toBe('bot');
  });
});

describe('offline messages', () => {
  it('bad input answers 400 naming the field, and nothing is stored', async () => {
    const visitor = await startVisitor(app);
    const cases: Array<[object, string]> = [
      [{ text: 'Call me back' }, 'email'],
      [{ email: 'not-an-email', text: 'Call me back' }, 'email'],
      [{ email: 'a@example.com', text: '   ' }, 'text'],
      [{ email: 'a@example.com', text: 'x'.repeat(4001) }, 'text'],
      [{ email: 'a@example.com', text: 'Call me back', conversationId: 'abc' }, 'conversationId'],
      [{ email: 'a@example.com', text: 'Call me back', channel: 'sms' }, 'channel'],
    ];
    for (const [body, field] of cases) {
      const response = await leave(visitor, body).expect(400);
      expect(response.body.error.message).toContain(field);
    }
    const other = await startVisitor(app);
    const theirs = await startConversation(app, other);
    await leave(visitor, { email: 'a@example.com', text: 'Call me back', conversationId: theirs.id }).expect(404);

    expect(
      (await app.request.get('/api/livechat/conversations').set(visitor.auth).expect(200)).body.data.results,
    ).toEqual([]);
    const contact = await as(app, agent).get(`/contacts/${visitor.contactId}`).expect(200);
    expect(contact.body.data.email).toBeNull();
  });

  it('beyond the open-conversation cap: 409, and neither a conversation nor the email is stored', async () => {
    const visitor = await startVisitor(app);
    for (let i = 0; i < 3; i += 1) await startConversation(app, visitor);
    const refused = await leave(visitor, { email: 'capped@example.com', text: 'Hello?' }).expect(409);
    expect(refused.body.error.message).toContain('at most 3 open conversations');
    const listed = await app.request.get('/api/livechat/conversations').set(visitor.auth).expect(200);
    expect(listed.body.data.results).toHaveLength(3);
    const contact = await as(app, agent).get(`/contacts/${visitor.contactId}`).expect(200);
    expect(contact.body.data.email).toBeNull();
  });

  it("the form's message goes to the agents as an offline message, not to the bot; no queue position is promised", async () => {
    await publishEntry(app, {
      title: 'Opening hours',
      answer: 'We are open from 9:00 to 17:00 on weekdays.',
      alternativeQuestions: ['When are you open?'],
    });
    const visitor = await startVisitor(app);
    const conversation = await startConversation(app, visitor);
    const { reply } = await askBot(app, visitor, conversation.id, 'Do you repair bicycles?');
    expect(reply.text).toBe(declineText('refusal', 'en', false));

    const left = await leave(visitor, {
      email: 'rider@example.com',
      text: 'Do you repair bicycles? Please email me.',
      conversationId: conversation.id,
    }).expect(201);
    expect(left.body.data).toMatchObject({ id: conversation.id, status: 'queued', offline: true });
    const queue = await app.request
      .get(`/api/livechat/conversations/${conversation.id}/queue`)
      .set(visitor.auth)
      .expect(200);
    expect(queue.body.data).toMatchObject({ position: null, expectedWaitSeconds: null });
    await botSettled();
    const thread = await messagesOf(visitor, conversation.id);
    expect(thread.map((m) => [m.authorKind, m.text])).toEqual([
      ['visitor', 'Do you repair bicycles?'],
      ['bot', reply.text],
      ['visitor', 'Do you repair bicycles? Please email me.'],
    ]);
    // One failed response: the question the bot refused, not the form's text.
    const failed = await as(app, agent).get('/failed-responses?q=bicycles').expect(200);
    expect(failed.body.data.results.map((f: { question: string }) => f.question)).toEqual(['Do you repair bicycles?']);

    const offline = await as(app, agent).get('/conversations?status=queued&channel=offline').expect(200);
    expect(offline.body.data.results.map((c: Conversation) => [c.id, c.channel, c.contact.email])).toEqual([
      [conversation.id, 'offline', 'rider@example.com'],
    ]);
    const web = await as(app, agent).get('/conversations?status=queued&channel=web').expect(200);
    expect(web.body.data.results.map((c: Conversation) => c.id)).not.toContain(conversation.id);
    const journey = await as(app, agent).get(`/contacts/${visitor.contactId}/journey`).expect(200);
    expect(journey.body.data.results.map((e: JourneyEvent) => e.type)).toContain('conversation.offline');
  });

  it('without a conversation the form starts one that skips the bot; an open conversation is refused with 409', async () => {
    const visitor = await startVisitor(app);
    const left = await leave(visitor, { email: 'new@example.com', text: 'Where is my parcel?', locale: 'de' }).expect(
      201,
    );
    expect(left.body.data).toMatchObject({ status: 'queued', offline: true });
    await botSettled();
    expect((await messagesOf(visitor, left.body.data.id)).map((m) => m.authorKind)).toEqual(['visitor']);

    // Picking needs the agent online; everyone is offline again at the end.
    const inbox = await goOnline(app, agent);
    await as(app, agent).post(`/conversations/${left.body.data.id}/pick`).expect(200);
    const refused = await leave(visitor, {
      email: 'changed@example.com',
      text: 'Again',
      conversationId: left.body.data.id,
    }).expect(409);
    expect(refused.body.error.message).toContain('agent');
    const contact = await as(app, agent).get(`/contacts/${visitor.contactId}`).expect(200);
    expect(contact.body.data.email).toBe('new@example.com');
    if (inbox) await agentGoesAway(inbox);
  });
});

describe("the bot's language", () => {
  const ask = async (locale: string, question: string) => {
    const visitor = await startVisitor(app);
    const started = await app.request
      .post('/api/livechat/conversations')
      .set(visitor.auth)
      .send({ locale })
      .expect(201);
    return (await askBot(app, visitor, started.body.data.id, question)).reply;
  };

  it('refuses in French in a French conversation, offering a person while one is online', async () => {
    const socket = await agentSocket();
    const reply = await ask('fr-FR', 'Réparez-vous les vélos ?');
    expect(reply.text).toBe(
      'Je ne suis pas sûr de la réponse, et je préfère ne pas deviner. Voulez-vous parler à une personne ?',
    );
    expect(reply.offerHuman).toBe(true);
    await agentGoesAway(socket);
  });

  it('refuses in German while nobody is online, and in English for a language it does not speak', async () => {
    expect((await ask('de', 'Reparieren Sie Fahrräder?')).text).toBe(declineText('refusal', 'de', false));
    expect((await ask('it', 'Riparate biciclette?')).text).toBe(declineText('refusal', 'en', false));
  });

  it('an overlong locale: 400 naming the field, and no conversation starts', async () => {
    const visitor = await startVisitor(app);
    const response = await app.request
      .post('/api/livechat/conversations')
      .set(visitor.auth)
      .send({ locale: 'x'.repeat(21) })
      .expect(400);
    expect(response.body.error.message).toContain('locale');
    const listed = await app.request.get('/api/livechat/conversations').set(visitor.auth).expect(200);
    expect(listed.body.data.results).toEqual([]);
  });
});
