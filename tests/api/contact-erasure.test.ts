import { EVENTS, VISITOR_NAMESPACE, type FailedResponse } from '../../plugin';
import { declineText } from '../../server/answering/sentences';
import { as, eventually, startConversation, startVisitor, type TestVisitor } from '../helpers/chat';
import { askBot } from '../helpers/knowledge';
import {
  connectSocket,
  createAgent,
  emitAck,
  nextEvent,
  startStrapi,
  type TestAgent,
  type TestApp,
} from '../helpers/strapi';

/** No agent is online in this file: the bot's refusal offers the email form. */
const REFUSAL_TEXT = declineText('refusal', 'en', false);

/** Every visitor route that takes the visitor token, with a body that would pass validation. */
const tokenRoutes = (conversationId: number) =>
  [
    ['get', '/conversations', undefined],
    ['post', '/conversations', { text: 'Are you still there?', clientId: 'after-erasure-1' }],
    ['get', `/conversations/${conversationId}`, undefined],
    ['get', `/conversations/${conversationId}/messages`, undefined],
    ['post', `/conversations/${conversationId}/messages`, { text: 'Hello again', clientId: 'after-erasure-2' }],
    ['post', `/conversations/${conversationId}/attachments`, { clientId: 'after-erasure-3' }],
    ['get', `/conversations/${conversationId}/queue`, undefined],
    ['post', `/conversations/${conversationId}/human`, {}],
    ['post', `/conversations/${conversationId}/end`, {}],
    ['post', `/conversations/${conversationId}/rating`, { score: 5 }],
    ['put', '/contact', { email: 'erased@example.com' }],
  ] as const;

describe.each(['sqlite', 'postgres'] as const)('erasing a contact (%s)', (database) => {
  let app: TestApp;
  let agent: TestAgent;

  beforeAll(async () => {
    app = await startStrapi({ database });
    agent = await createAgent(app);
  });

  afterAll(() => app?.stop());

  const erase = (visitor: TestVisitor) => as(app, agent).delete(`/contacts/${visitor.contactId}`).expect(204);
  const conversationsOf = (contactId: number) =>
    app.strapi.db.query('plugin::livechat.conversation' as never).count({ where: { contactId } } as never);
  const send = (visitor: TestVisitor, method: 'get' | 'post' | 'put', path: string, body?: object) => {
    const request = app.request[method](`/api/livechat${path}`).set(visitor.auth);
    return body ? request.send(body) : request;
  };

  it("the erased contact's token answers 401 on every visitor route, and nothing new is stored", async () => {
    const visitor = await startVisitor(app, { name: 'Erin Erased' });
    const conversation = await startConversation(app, visitor);
    await erase(visitor);

    for (const [method, path, body] of tokenRoutes(conversation.id)) {
      const response = await send(visitor, method, path, body);
      expect({ route: `${method} ${path}`, status: response.status }).toEqual({
        route: `${method} ${path}`,
        status: 401,
      });
      expect(response.body.error.message).toMatch(/no longer exists/);
    }
    expect(await conversationsOf(visitor.contactId)).toBe(0);
  });

  it('a token signed for a contact that never existed answers 401 and is refused at the socket handshake', async () => {
    const newest = (await app.strapi.db
      .query('plugin::livechat.contact' as never)
      .findMany({ select: ['id'], orderBy: { id: 'desc' }, limit: 1 } as never)) as Array<{ id: number }>;
    const missingId = (newest[0]?.id ?? 0) + 1000;
    const token = app.strapi.plugin('livechat').service('visitor-tokens').issue(missingId) as string;
    const stranger = { token, contactId: missingId, auth: { Authorization: `Bearer ${token}` } };

    await send(stranger, 'get', '/conversations').expect(401);
    await send(stranger, 'post', '/conversations', {}).expect(401);
    await expect(connectSocket(app.url, VISITOR_NAMESPACE, token)).rejects.toThrow(/no longer exists/);
    expect(await conversationsOf(missingId)).toBe(0);
  });

  it("erasure disconnects the contact's open sockets and leaves other visitors connected", async () => {
    const erased = await startVisitor(app, { name: 'Sam Socket' });
    const other = await startVisitor(app, { name: 'Olga Other' });
    const erasedSocket = await connectSocket(app.url, VISITOR_NAMESPACE, erased.token);
    const secondTab = await connectSocket(app.url, VISITOR_NAMESPACE, erased.token);
    const otherSocket = await connectSocket(app.url, VISITOR_NAMESPACE, other.token);
    const disconnected = [erasedSocket, secondTab].map((socket) => nextEvent<string>(socket, 'disconnect'));

    await erase(erased);
    expect(await Promise.all(disconnected)).toEqual(['io server disconnect', 'io server disconnect']);
    await expect(connectSocket(app.url, VISITOR_NAMESPACE, erased.token)).rejects.toThrow(/no longer exists/);

    const { id } = await startConversation(app, other);
    const ack = await emitAck<{ ok: boolean }>(otherSocket, EVENTS.messageSend, {
      conversationId: id,
      clientId: 'still-here',
      text: 'Still here',
    });
    expect(ack.ok).toBe(true);
    expect(otherSocket.connected).toBe(true);
  });

  it("the erased visitor's phrasings leave the failed responses; a group with only theirs is deleted", async () => {
    const groupAsking = async (q: string, count: number) =>
      eventually(async () => {
        const response = await as(app, agent)
          .get(`/failed-responses?q=${encodeURIComponent(q)}`)
          .expect(200);
        const [group] = response.body.data.results as FailedResponse[];
        if (group?.count !== count) throw new Error(`no group "${q}" asked ${count} times yet`);
        return group;
      });
    const refused = async (visitor: TestVisitor, conversationId: number, question: string) => {
      const { reply } = await askBot(app, visitor, conversationId, question);
      expect(reply.text).toBe(REFUSAL_TEXT);
    };

    const erased = await startVisitor(app, { name: 'Pia Private' });
    const other = await startVisitor(app, { name: 'Kai Kept' });
    const erasedConversation = await startConversation(app, erased);
    const otherConversation = await startConversation(app, other);
    await refused(erased, erasedConversation.id, 'Can I pay with seashells?');
    await refused(erased, erasedConversation.id, 'Do you deliver parcels to Iceland?');
    await refused(other, otherConversation.id, 'Do you deliver parcels to Iceland by boat?');
    await refused(erased, erasedConversation.id, 'Is there a student discount?');
    await refused(other, otherConversation.id, 'is there a student discount?');
    const onlyTheirs = await groupAsking('seashells', 1);
    const shared = await groupAsking('Iceland', 2);
    expect(shared.phrasings).toEqual([
      'Do you deliver parcels to Iceland?',
      'Do you deliver parcels to Iceland by boat?',
    ]);
    const sameWords = await groupAsking('student discount', 2);
    expect(sameWords.phrasings).toEqual(['Is there a student discount?']);

    await erase(erased);

    await as(app, agent).get(`/failed-responses/${onlyTheirs.id}`).expect(404);
    const kept = (await as(app, agent).get(`/failed-responses/${shared.id}`).expect(200)).body.data;
    expect(kept).toMatchObject({
      question: 'Do you deliver parcels to Iceland by boat?',
      phrasings: ['Do you deliver parcels to Iceland by boat?'],
      count: 1,
      conversationIds: [otherConversation.id],
    });
    expect(kept.conversations.map((c: { id: number }) => c.id)).toEqual([otherConversation.id]);
    // The other visitor wrote the same words: the phrasing stays, the count drops.
    expect((await as(app, agent).get(`/failed-responses/${sameWords.id}`).expect(200)).body.data).toMatchObject({
      phrasings: ['Is there a student discount?'],
      count: 1,
      conversationIds: [otherConversation.id],
    });
  });
});
