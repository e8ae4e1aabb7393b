import { actionId, EVENTS, VISITOR_NAMESPACE, type FailedResponse, type Message } from '../../plugin';
import { declineText } from '../../server/answering/sentences';
import { as, openConversation, startConversation, startVisitor, visitorSays, type TestVisitor } from '../helpers/chat';
import { answeredLive, askBot, publishEntry } from '../helpers/knowledge';
import { mailLinks, mailPart } from '../helpers/mail-parts';
import { startMailbox, type Mailbox } from '../helpers/mailbox';
import { connectSocket, createAgent, nextEvent, startStrapi, type TestAgent, type TestApp } from '../helpers/strapi';

/** No agent is online in this file: the bot's refusal offers the email form. */
/** The refusal as the bot words it now: its way on depends on whether an agent is online (tests that answer live bring one online). */
const refusalNow = async () =>
  declineText('refusal', 'en', (await app.request.get('/api/livechat/availability').expect(200)).body.data.online);
/** Nobody is online before any test has answered live. */
const REFUSAL_WHILE_AWAY = declineText('refusal', 'en', false);

let mailbox: Mailbox;
let app: TestApp;
let editor: TestAgent;
let agentOnly: TestAgent;
let visitingEntryId: string;

beforeAll(async () => {
  mailbox = await startMailbox();
  app = await startStrapi();
  editor = await createAgent(app);
  agentOnly = await createAgent(app, { actions: (['read', 'reply'] as const).map(actionId) });
  await publishEntry(app, {
    title: 'What are your opening hours?',
    answer: 'Our support team is available Monday to Friday, from 9 am to 5 pm.',
  });
  visitingEntryId = await publishEntry(app, {
    title: 'Visiting our shop',
    answer: 'Our shop is at 12 Harbour Road, Bristol, and welcomes walk-in customers.',
  });
});

afterAll(async () => {
  await app.stop();
  await mailbox.close();
});

const newConversation = async (details: { name?: string; email?: string } = {}) => {
  const visitor = await startVisitor(app, details);
  const conversation = await startConversation(app, visitor);
  return { visitor, conversationId: conversation.id };
};

const refused = async (visitor: TestVisitor, conversationId: number, question: string) => {
  const expected = await refusalNow();
  const { reply } = await askBot(app, visitor, conversationId, question);
  expect(reply).toMatchObject({ text: expected, offerHuman: true });
  return reply;
};

const groupsMatching = async (q: string): Promise<FailedResponse[]> =>
  (
    await as(app, editor)
      .get(`/failed-responses?status=open&q=${encodeURIComponent(q)}`)
      .expect(200)
  ).body.data.results;

describe('failed responses', () => {
  let giftCards: FailedResponse;
  let first: { visitor: TestVisitor; conversationId: number };
  let second: { visitor: TestVisitor; conversationId: number };

  it('groups two phrasings of one question into one failed response with count 2', async () => {
    first = await newConversation({ name: 'Ada', email: 'ada@example.com' });
    second = await newConversation({ name: 'Bob' });
    await refused(first.visitor, first.conversationId, 'Do you sell gift cards?');
    await refused(second.visitor, second.conversationId, 'Do you sell gift cards online?');

    const groups = await groupsMatching('gift card');
    expect(groups).toHaveLength(1);
    giftCards = groups[0];
    expect(giftCards).toMatchObject({
      question: 'Do you sell gift cards?',
      count: 2,
      status: 'open',
      phrasings: ['Do you sell gift cards?', 'Do you sell gift cards online?'],
    });
    expect(giftCards.conversationIds.sort()).toEqual([first.conversationId, second.conversationId].sort());
  });

  it('shows a group with the messages of every conversation that asked it', async () => {
    const detail = (await as(app, editor).get(`/failed-responses/${giftCards.id}`).expect(200)).body.data;
    expect(detail.conversations.map((c: { id: number }) => c.id).sort()).toEqual(
      [first.conversationId, second.conversationId].sort(),
    );
    const ada = detail.conversations.find((c: { id: number }) => c.id === first.conversationId);
    expect(ada.contact).toMatchObject({ name: 'Ada', email: 'ada@example.com' });
    expect(ada.messages.map((m: Message) => [m.authorKind, m.text])).toEqual([
      ['visitor', 'Do you sell gift cards?'],
      ['bot', REFUSAL_WHILE_AWAY],
    ]);
    // Nobody answered it live: the editor writes the answer.
    expect(detail.agentReply).toBeNull();
  });

  it('filters by status, date and search, and names a bad filter', async () => {
    const today = new Date().toISOString().slice(0, 10);
    const list = (query: string) => as(app, editor).get(`/failed-responses?${query}`).expect(200);
    expect((await list(`q=gift&from=${today}&to=${today}`)).body.data.results).toHaveLength(1);
    expect((await list('q=gift&to=2000-01-01')).body.data.results).toHaveLength(0);
    expect((await list(`q=gift&dateField=lastAskedAt&from=${today}`)).body.data.results).toHaveLength(1);
    expect((await list('q=gift&dateField=lastAskedAt&to=2000-01-01')).body.data.results).toHaveLength(0);
    expect((await list('q=gift&status=resolved')).body.data.results).toHaveLength(0);
    expect((await list('q=gift&status=dismissed')).body.data.results).toHaveLength(0);
    expect((await list('pageSize=1')).body.data.pagination).toMatchObject({ page: 1, pageSize: 1 });
    const bad = await as(app, editor).get('/failed-responses?status=closed').expect(400);
    expect(bad.body.error.message).toBe('status: must be open, resolved or dismissed');
    const badField = await as(app, editor).get('/failed-responses?dateField=updatedAt').expect(400);
    expect(badField.body.error.message).toBe('dateField: must be createdAt or lastAskedAt');
    await as(app, editor).get('/failed-responses?from=yesterday').expect(400);
  });

  it('add to knowledge base: needs an answer; once published the same and a similar question are answered from the new entry', async () => {
    const missing = await as(app, editor).post(`/failed-responses/${giftCards.id}/knowledge-entry`, {}).expect(400);
    expect(missing.body.error.message).toMatch(/^answer: /);
    await as(app, editor).post('/failed-responses/999999/knowledge-entry', { answer: 'x' }).expect(404);

    const created = await as(app, editor)
      .post(`/failed-responses/${giftCards.id}/knowledge-entry`, {
        answer: 'Yes: gift cards from 10 to 200 dollars are sold in our shop and online.',
        publish: true,
      })
      .expect(201);
    const { failedResponse, knowledgeEntry } = created.body.data;
    expect(knowledgeEntry).toMatchObject({
      title: 'Do you sell gift cards?',
      published: true,
      alternativeQuestions: expect.arrayContaining(['Do you sell gift cards online?']),
    });
    expect(failedResponse).toMatchObject({
      status: 'resolved',
      resolution: 'new-entry',
      knowledgeEntryId: knowledgeEntry.documentId,
    });

    for (const question of ['Do you sell gift cards?', 'Can I buy a gift card?']) {
      const { visitor, conversationId } = await newConversation();
      const { reply } = await askBot(app, visitor, conversationId, question);
      expect(reply.offerHuman).toBe(false);
      expect(reply.sources[0]).toMatchObject({
        id: `knowledge-entry:${knowledgeEntry.documentId}`,
        title: 'Do you sell gift cards?',
      });
    }
    await as(app, editor).post(`/failed-responses/${giftCards.id}/knowledge-entry`, { answer: 'again' }).expect(409);
  });

  it('a draft entry (publish: false) keeps the bot refusing and the group open; publishing it answers the question and resolves the group', async () => {
    const { visitor, conversationId } = await newConversation();
    await refused(visitor, conversationId, 'Do you offer student discounts?');
    const [group] = await groupsMatching('student discount');
    const created = await as(app, editor)
      .post(`/failed-responses/${group.id}/knowledge-entry`, {
        answer: 'Students get 15 percent off with a valid card.',
      })
      .expect(201);
    const { knowledgeEntry, failedResponse } = created.body.data;
    expect(knowledgeEntry.published).toBe(false);
    expect(failedResponse).toMatchObject({ status: 'open', knowledgeEntryId: knowledgeEntry.documentId });
    const again = await newConversation();
    await refused(again.visitor, again.conversationId, 'Do you offer student discounts?');
    // A second entry for the same group while its draft exists is refused: the draft is the one to publish.
    await as(app, editor).post(`/failed-responses/${group.id}/knowledge-entry`, { answer: 'Another' }).expect(409);

    // The editor publishes the draft in the Content Manager.
    await app.strapi.documents('plugin::livechat.knowledge-entry' as never).publish({
      documentId: knowledgeEntry.documentId,
    } as never);
    const detail = (await as(app, editor).get(`/failed-responses/${group.id}`).expect(200)).body.data;
    expect(detail).toMatchObject({
      status: 'resolved',
      resolution: 'new-entry',
      knowledgeEntryId: knowledgeEntry.documentId,
    });
    expect(detail.knowledgeEntry).toMatchObject({ documentId: knowledgeEntry.documentId, published: true });
    const answered = await newConversation();
    const { reply } = await askBot(app, answered.visitor, answered.conversationId, 'Do you offer student discounts?');
    expect(reply.offerHuman).toBe(false);
    expect(reply.sources[0]).toMatchObject({ id: `knowledge-entry:${knowledgeEntry.documentId}` });
  });

  it('two editors adding an entry to one group at once: one gets 201, the other 409, and one entry exists', async () => {
    const { visitor, conversationId } = await newConversation();
    await refused(visitor, conversationId, 'Can I order engraved umbrellas?');
    const [group] = await groupsMatching('umbrellas');
    const add = (answer: string) =>
      as(app, editor).post(`/failed-responses/${group.id}/knowledge-entry`, { answer, publish: true });
    const responses = await Promise.all([add('Yes, umbrellas can be engraved.'), add('We engrave umbrellas.')]);
    expect(responses.map((r) => r.status).sort()).toEqual([201, 409]);
    const entries = await app.strapi.db
      .query('plugin::livechat.knowledge-entry' as never)
      .findMany({ where: { failedResponseId: group.id } } as never);
    expect(new Set((entries as Array<{ documentId: string }>).map((e) => e.documentId)).size).toBe(1);
    const detail = (await as(app, editor).get(`/failed-responses/${group.id}`).expect(200)).body.data;
    expect(detail).toMatchObject({ status: 'resolved', resolution: 'new-entry' });
  });

  it("a group offers the agent's reply that followed the question as the answer to prefill", async () => {
    const answer = 'Yes: the shop lends umbrellas to walk-in customers on rainy days.';
    const { conversationId, reply } = await answeredLive(app, editor, 'Can I borrow an umbrella?', answer);
    const [group] = await groupsMatching('borrow an umbrella');
    const detail = (await as(app, editor).get(`/failed-responses/${group.id}`).expect(200)).body.data;
    expect(detail.agentReply).toEqual({ conversationId, messageId: reply.id, text: answer });
  });

  describe('Save to knowledge on an agent message', () => {
    const question = 'Do you sell spare parts for pushchairs?';
    const answer = 'Yes: spare wheels and straps for most pushchairs can be ordered in the shop.';
    let live: Awaited<ReturnType<typeof answeredLive>>;
    let group: FailedResponse;
    const entryCount = () => app.strapi.db.query('plugin::livechat.knowledge-entry' as never).count({} as never);

    beforeAll(async () => {
      live = await answeredLive(app, editor, question, answer);
      [group] = await groupsMatching('spare parts');
    });

    it('names messageId with a 400 for a visitor, bot or unknown message, and stores nothing', async () => {
      const before = await entryCount();
      const save = (body: object) =>
        as(app, editor).post(`/conversations/${live.conversationId}/knowledge-entry`, body);
      const messages = (await as(app, editor).get(`/conversations/${live.conversationId}`).expect(200)).body.data
        .messages as Message[];
      const visitorMessage = messages.find((m) => m.authorKind === 'visitor')!;
      expect((await save({ messageId: visitorMessage.id }).expect(400)).body.error.message).toBe(
        `messageId: must be an agent's message (message ${visitorMessage.id} is from the visitor)`,
      );
      expect((await save({ messageId: live.refusal.id }).expect(400)).body.error.message).toMatch(
        /^messageId: must be an agent's message .* from the bot\)$/,
      );
      expect((await save({ messageId: 2_000_000_000 }).expect(400)).body.error.message).toMatch(
        /^messageId: no message/,
      );
      expect((await save({}).expect(400)).body.error.message).toMatch(/^messageId: /);
      expect((await save({ messageId: 'x' }).expect(400)).body.error.message).toMatch(/^messageId: /);
      // Another conversation's agent message is not this conversation's.
      const other = await answeredLive(app, editor, 'Is there a toilet in the shop?', 'Yes, on the first floor.');
      await as(app, editor)
        .post(`/conversations/${other.conversationId}/knowledge-entry`, { messageId: live.reply.id })
        .expect(400);
      expect(await entryCount()).toBe(before);
      expect((await as(app, editor).get(`/failed-responses/${group.id}`).expect(200)).body.data).toMatchObject({
        status: 'open',
        knowledgeEntryId: null,
      });
    });

    it('makes an unpublished entry from the question and the reply, which the group links to; publishing it resolves the group', async () => {
      const saved = await as(app, editor)
        .post(`/conversations/${live.conversationId}/knowledge-entry`, { messageId: live.reply.id })
        .expect(201);
      const { knowledgeEntry, failedResponse } = saved.body.data;
      expect(knowledgeEntry).toMatchObject({
        title: question,
        answer,
        published: false,
        alternativeQuestions: [question],
      });
      expect(failedResponse).toMatchObject({
        id: group.id,
        status: 'open',
        knowledgeEntryId: knowledgeEntry.documentId,
      });
      const documents = app.strapi.documents('plugin::livechat.knowledge-entry' as never);
      const published = await documents.findOne({
        documentId: knowledgeEntry.documentId,
        status: 'published',
      } as never);
      expect(published).toBeNull();

      // Saving the reply again makes a second draft on its own: the group keeps the first one.
      const again = await as(app, editor)
        .post(`/conversations/${live.conversationId}/knowledge-entry`, { messageId: live.reply.id })
        .expect(201);
      expect(again.body.data.failedResponse).toBeNull();
      expect(again.body.data.knowledgeEntry.documentId).not.toBe(knowledgeEntry.documentId);

      await documents.publish({ documentId: knowledgeEntry.documentId } as never);
      const detail = (await as(app, editor).get(`/failed-responses/${group.id}`).expect(200)).body.data;
      expect(detail).toMatchObject({
        status: 'resolved',
        resolution: 'new-entry',
        knowledgeEntryId: knowledgeEntry.documentId,
      });
    });

    it('a reply to a question the bot never refused makes a draft linked to no group; a reply before any question is a 400', async () => {
      const { visitor, conversation } = await openConversation(app, editor, 'Walk-in');
      const send = async (text: string) =>
        (
          await as(app, editor)
            .post(`/conversations/${conversation.id}/messages`, { clientId: `reply-${text.length}`, text })
            .expect(201)
        ).body.data as Message;
      const save = (message: Message) =>
        as(app, editor).post(`/conversations/${conversation.id}/knowledge-entry`, { messageId: message.id });
      const greeting = await send('Hello, how can I help?');
      expect((await save(greeting).expect(400)).body.error.message).toBe(
        `messageId: no visitor question comes before message ${greeting.id}`,
      );
      await visitorSays(app, visitor, conversation.id, 'Can I bring my dog inside?');
      const saved = await save(await send('Dogs on a lead are welcome.')).expect(201);
      expect(saved.body.data).toMatchObject({
        failedResponse: null,
        knowledgeEntry: {
          title: 'Can I bring my dog inside?',
          answer: 'Dogs on a lead are welcome.',
          published: false,
        },
      });
    });
  });

  it('bad input answers 400 naming the field and changes nothing', async () => {
    const { visitor, conversationId } = await newConversation();
    await refused(visitor, conversationId, 'Do you repair old bicycles?');
    const [group] = await groupsMatching('old bicycles');
    const post = (body: object) => as(app, editor).post(`/failed-responses/${group.id}/knowledge-entry`, body);

    const tooLong = await post({ answer: 'Yes.', url: `https://shop.example/${'a'.repeat(2000)}` }).expect(400);
    expect(tooLong.body.error.message).toBe('url: must be at most 2000 characters');
    const script = await post({ answer: 'Yes.', url: 'javascript:alert(document.cookie)' }).expect(400);
    expect(script.body.error.message).toBe('url: must be an http(s) URL');
    const hugeId = await as(app, editor).post('/failed-responses/2147483648/dismiss').expect(400);
    expect(hugeId.body.error.message).toBe('id: must be at most 2147483647');
    await as(app, editor).get('/failed-responses/99999999999999999999').expect(400);
    const unchanged = (await as(app, editor).get(`/failed-responses/${group.id}`).expect(200)).body.data;
    expect(unchanged).toMatchObject({ status: 'open', knowledgeEntryId: null });

    // A URL longer than a string column (255) is kept whole.
    const longUrl = `https://shop.example/help/${'repairs-'.repeat(60)}`;
    const created = await post({ answer: 'We repair bicycles of any age.', url: longUrl }).expect(201);
    const stored = (await app.strapi.documents('plugin::livechat.knowledge-entry' as never).findOne({
      documentId: created.body.data.knowledgeEntry.documentId,
    } as never)) as unknown as { url: string };
    expect(stored.url).toBe(longUrl);
  });

  it('map keeps only the text items of an entry whose alternative questions are not a list of strings', async () => {
    const entries = app.strapi.documents('plugin::livechat.knowledge-entry' as never);
    const odd = (await entries.create({
      data: {
        title: 'Bike storage',
        answer: 'Bikes can be stored in our locked shed.',
        alternativeQuestions: ['Where can I leave my bike?', 42, null, { q: 'x' }],
      },
    } as never)) as { documentId: string };
    const notAList = (await entries.create({
      data: { title: 'Bike hire', answer: 'Bikes are for hire by the day.', alternativeQuestions: { q: 'hire' } },
    } as never)) as { documentId: string };
    const { visitor, conversationId } = await newConversation();
    await refused(visitor, conversationId, 'Is there a place to keep my tandem overnight?');
    await refused(visitor, conversationId, 'Do you rent out tandems by the week?');
    const [storage] = await groupsMatching('tandem overnight');
    const [hire] = await groupsMatching('tandems by the week');

    const mapped = await as(app, editor)
      .post(`/failed-responses/${storage.id}/map`, { entryDocumentId: odd.documentId })
      .expect(200);
    expect(mapped.body.data.knowledgeEntry.alternativeQuestions).toEqual([
      'Where can I leave my bike?',
      'Is there a place to keep my tandem overnight?',
    ]);
    const fromObject = await as(app, editor)
      .post(`/failed-responses/${hire.id}/map`, { entryDocumentId: notAList.documentId })
      .expect(200);
    expect(fromObject.body.data.knowledgeEntry.alternativeQuestions).toEqual(['Do you rent out tandems by the week?']);
  });

  it('map to an existing entry: the question becomes another phrasing and is answered from that entry', async () => {
    const question = 'Can I pop round in person?';
    const { visitor, conversationId } = await newConversation();
    await refused(visitor, conversationId, question);
    const [group] = await groupsMatching('pop round');

    const bad = await as(app, editor)
      .post(`/failed-responses/${group.id}/map`, { entryDocumentId: 'nope' })
      .expect(400);
    expect(bad.body.error.message).toMatch(/^entryDocumentId: /);
    await as(app, editor).post(`/failed-responses/${group.id}/map`, {}).expect(400);

    const mapped = await as(app, editor)
      .post(`/failed-responses/${group.id}/map`, { entryDocumentId: visitingEntryId })
      .expect(200);
    expect(mapped.body.data.failedResponse).toMatchObject({ status: 'resolved', resolution: 'mapped' });
    expect(mapped.body.data.knowledgeEntry.alternativeQuestions).toContain(question);

    const again = await newConversation();
    const { reply } = await askBot(app, again.visitor, again.conversationId, question);
    expect(reply.offerHuman).toBe(false);
    expect(reply.sources[0]).toMatchObject({ id: `knowledge-entry:${visitingEntryId}`, title: 'Visiting our shop' });
  });

  it('resolve and dismiss close a group once; a second action is a 409 and an unknown id a 404', async () => {
    const { visitor, conversationId } = await newConversation();
    await refused(visitor, conversationId, 'Is there parking for bicycles?');
    await refused(visitor, conversationId, 'Do you have a loyalty programme?');
    const [parking] = await groupsMatching('bicycles');
    const [loyalty] = await groupsMatching('loyalty');

    const resolved = await as(app, editor).post(`/failed-responses/${parking.id}/resolve`).expect(200);
    expect(resolved.body.data).toMatchObject({ status: 'resolved', resolution: null });
    expect(resolved.body.data.resolvedAt).toEqual(expect.any(String));
    const dismissed = await as(app, editor).post(`/failed-responses/${loyalty.id}/dismiss`).expect(200);
    expect(dismissed.body.data).toMatchObject({ status: 'resolved', resolution: 'dismissed' });
    const list = async (status: string) =>
      (await as(app, editor).get(`/failed-responses?status=${status}&pageSize=100`).expect(200)).body.data.results.map(
        (f: FailedResponse) => f.id,
      );
    expect(await list('dismissed')).toEqual([loyalty.id]);
    expect(await list('resolved')).toContain(parking.id);
    expect(await list('resolved')).not.toContain(loyalty.id);

    const conflict = await as(app, editor).post(`/failed-responses/${loyalty.id}/resolve`).expect(409);
    expect(conflict.body.error.message).toBe(`Failed response ${loyalty.id} is already resolved (dismissed)`);
    await as(app, editor).post('/failed-responses/999999/dismiss').expect(404);
    expect(await groupsMatching('loyalty')).toEqual([]);
  });

  it('broadcast: a follow-up lands in both conversations (live on the socket), an email goes to the visitor with an address, and the journey records it', async () => {
    const socket = await connectSocket(app.url, VISITOR_NAMESPACE, first.visitor.token);
    const live = nextEvent<Message>(socket, EVENTS.messageNew, (m) => m.text.startsWith('Good news'));
    const text = 'Good news: gift cards are now on sale in the shop.';

    await as(app, editor).post(`/failed-responses/${giftCards.id}/broadcast`, { text: '  ' }).expect(400);
    const sent = await as(app, editor).post(`/failed-responses/${giftCards.id}/broadcast`, { text }).expect(200);
    expect(sent.body.data).toEqual({ sent: 2, emailed: 1 });

    expect((await live).conversationId).toBe(first.conversationId);
    for (const { visitor, conversationId } of [first, second]) {
      const messages = await app.request
        .get(`/api/livechat/conversations/${conversationId}/messages`)
        .set(visitor.auth)
        .expect(200);
      expect(messages.body.data.results.filter((m: Message) => m.text === text)).toHaveLength(1);
    }

    const mail = await mailbox.waitFor((m) => m.to.includes('ada@example.com'));
    expect(mail.subject).toBe('Following up on your question');
    expect(mailPart(mail, 'text/plain')).toContain('gift cards are now on sale');
    expect(mailbox.messages.filter((m) => m.to.includes('ada@example.com'))).toHaveLength(1);

    for (const visitor of [first.visitor, second.visitor]) {
      const journey = await as(app, editor).get(`/contacts/${visitor.contactId}/journey`).expect(200);
      expect(journey.body.data.results.map((e: { type: string }) => e.type)).toContain('broadcast.sent');
    }
  });

  it('broadcast emails carry an unsubscribe link; a visitor who used it gets the follow-up in the chat only', async () => {
    const cara = await newConversation({ name: 'Cara', email: 'cara@example.com' });
    await refused(cara.visitor, cara.conversationId, 'Do you deliver on Christmas Day?');
    const [group] = await groupsMatching('christmas day');
    await as(app, editor).post(`/failed-responses/${group.id}/broadcast`, { text: 'We do not, sorry.' }).expect(200);
    const mail = await mailbox.waitFor((m) => m.to.includes('cara@example.com'));
    expect(mail.raw).toMatch(/^List-Unsubscribe:\s+<http:\/\/\S+\/api\/livechat\/unsubscribe\?token=/m);
    const link = mailLinks(mail).find((l) => l.includes('/api/livechat/unsubscribe'));
    expect(link).toBeDefined();
    // The visitor uses the link (the service behind the unsubscribe route, tested in tests/follow-ups).
    const token = new URL(link!).searchParams.get('token');
    await app.strapi.plugin('livechat').service('follow-ups').unsubscribe(token);

    const text = 'Update: Christmas Day deliveries are now possible.';
    const sent = await as(app, editor).post(`/failed-responses/${group.id}/broadcast`, { text }).expect(200);
    expect(sent.body.data).toEqual({ sent: 1, emailed: 0 });
    const messages = await app.request
      .get(`/api/livechat/conversations/${cara.conversationId}/messages`)
      .set(cara.visitor.auth)
      .expect(200);
    expect(messages.body.data.results.filter((m: Message) => m.text === text)).toHaveLength(1);
    expect(mailbox.messages.filter((m) => m.to.includes('cara@example.com'))).toHaveLength(1);
  });

  it('a role without "manage knowledge" gets 403 on every failed-response route', async () => {
    const calls = [
      as(app, agentOnly).get('/failed-responses'),
      as(app, agentOnly).get(`/failed-responses/${giftCards.id}`),
      as(app, agentOnly).post(`/failed-responses/${giftCards.id}/knowledge-entry`, { answer: 'x' }),
      as(app, agentOnly).post(`/failed-responses/${giftCards.id}/map`, { entryDocumentId: visitingEntryId }),
      as(app, agentOnly).post(`/failed-responses/${giftCards.id}/resolve`),
      as(app, agentOnly).post(`/failed-responses/${giftCards.id}/dismiss`),
      as(app, agentOnly).post(`/failed-responses/${giftCards.id}/broadcast`, { text: 'x' }),
      as(app, agentOnly).get('/knowledge-entries'),
      as(app, agentOnly).post(`/conversations/${first.conversationId}/knowledge-entry`, { messageId: 1 }),
    ];
    for (const call of calls) await call.expect(403);
  });

  it('lists knowledge entries to map to, matched on the title, with whether they are published', async () => {
    const found = await as(app, editor).get('/knowledge-entries?q=visiting').expect(200);
    expect(found.body.data.results).toEqual([
      expect.objectContaining({ documentId: visitingEntryId, title: 'Visiting our shop', published: true }),
    ]);
  });
});
