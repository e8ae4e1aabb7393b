import type { FailedResponse, Message } from '../../plugin';
import type { ReportSummary } from '../../plugin/contracts/reports';
import { declineText } from '../../server/answering/sentences';
import { unhelpfulText } from '../../server/services/feedback';
import { as, eventually, openConversation, startConversation, startVisitor, type TestVisitor } from '../helpers/chat';
import { askBot, publishEntry } from '../helpers/knowledge';
import { createAgent, startStrapi, type TestAgent, type TestApp } from '../helpers/strapi';

let app: TestApp;
let editor: TestAgent;
let hoursEntryId: string;

const HOURS_ANSWER = 'Our support team is available Monday to Friday, from 9 am to 5 pm.';

beforeAll(async () => {
  // A long window, so the flood test counts every vote whatever the machine's speed.
  app = await startStrapi({ config: { rateLimit: { messages: 8, windowSeconds: 600 } } });
  editor = await createAgent(app);
  hoursEntryId = await publishEntry(app, { title: 'What are your opening hours?', answer: HOURS_ANSWER });
  await publishEntry(app, {
    title: 'Returning an order',
    answer: 'You can return any order within 30 days for a full refund; the return label is free.',
  });
});

afterAll(() => app.stop());

const newConversation = async () => {
  const visitor = await startVisitor(app);
  return { visitor, conversationId: (await startConversation(app, visitor)).id };
};

/** The visitor asks something the bot answers from the knowledge base. */
/** Whether a person can answer now: the bot's way on (a person, or the email form) follows it. */
const personOnline = async (): Promise<boolean> =>
  (await app.request.get('/api/livechat/availability').expect(200)).body.data.online;

const answered = async (visitor: TestVisitor, conversationId: number, question = 'What are your opening hours?') => {
  const { reply } = await askBot(app, visitor, conversationId, question);
  // An answer, or a suggestion (the middle band): both take votes.
  expect(reply.authorKind).toBe('bot');
  expect(['answer', 'suggest']).toContain(reply.outcome);
  expect(reply.sources.length).toBeGreaterThan(0);
  return reply;
};

const vote = (visitor: TestVisitor, conversationId: number, messageId: number, body: object) =>
  app.request
    .post(`/api/livechat/conversations/${conversationId}/messages/${messageId}/feedback`)
    .set(visitor.auth)
    .send(body);

const groups = async (query: string): Promise<FailedResponse[]> =>
  (await as(app, editor).get(`/failed-responses?status=open&${query}`).expect(200)).body.data.results;

const visitorMessages = async (visitor: TestVisitor, conversationId: number): Promise<Message[]> =>
  (await app.request.get(`/api/livechat/conversations/${conversationId}/messages`).set(visitor.auth).expect(200)).body
    .data.results;

describe('was this helpful?', () => {
  it('only the visitor of the conversation votes, only on bot answers, and bad input is a 400 naming the field', async () => {
    const { visitor, conversationId } = await newConversation();
    const reply = await answered(visitor, conversationId);
    const stranger = await startVisitor(app);
    await vote(stranger, conversationId, reply.id, { helpful: true }).expect(404);
    await vote(visitor, conversationId, 999999, { helpful: true }).expect(404);

    const question = (await visitorMessages(visitor, conversationId)).find((m) => m.authorKind === 'visitor')!;
    const onOwn = await vote(visitor, conversationId, question.id, { helpful: false }).expect(400);
    expect(onOwn.body.error.message).toMatch(/^messageId: /);
    const noVote = await vote(visitor, conversationId, reply.id, {}).expect(400);
    expect(noVote.body.error.message).toMatch(/^helpful: /);
    const notBoolean = await vote(visitor, conversationId, reply.id, { helpful: 'yes' }).expect(400);
    expect(notBoolean.body.error.message).toBe('helpful: must be true or false');
    const tooLong = await vote(visitor, conversationId, reply.id, { helpful: false, comment: 'x'.repeat(2001) });
    expect(tooLong.status).toBe(400);
    expect(tooLong.body.error.message).toMatch(/^comment: /);

    // An agent's message takes no vote either.
    const agent = await createAgent(app);
    const open = await openConversation(app, agent);
    const said = await as(app, agent)
      .post(`/conversations/${open.conversation.id}/messages`, { clientId: 'agent-said', text: 'Hello there' })
      .expect(201);
    const onAgent = await vote(open.visitor, open.conversation.id, said.body.data.id, { helpful: true }).expect(400);
    expect(onAgent.body.error.message).toMatch(/^messageId: .*not a bot answer/);

    // Nothing refused was stored.
    expect((await visitorMessages(visitor, conversationId)).find((m) => m.id === reply.id)?.feedback).toBeNull();
    expect(await groups('kind=unhelpful')).toHaveLength(0);
  });

  it('👎 records the question, the answer and its sources as an unhelpful failed response and offers a person; 👍 takes it back; the vote can change again', async () => {
    const { visitor, conversationId } = await newConversation();
    const reply = await answered(visitor, conversationId);

    const down = await vote(visitor, conversationId, reply.id, { helpful: false, comment: 'I wanted Saturdays' });
    expect(down.status).toBe(200);
    expect(down.body.data).toMatchObject({ id: reply.id, feedback: { helpful: false, comment: 'I wanted Saturdays' } });
    expect(Date.parse(down.body.data.feedback.at)).not.toBeNaN();

    const expectedOffer = unhelpfulText('en', await personOnline());
    const offer = await eventually(async () => {
      const found = (await visitorMessages(visitor, conversationId)).find((m) => m.text === expectedOffer);
      if (!found) throw new Error('no offer of a person (or of the email form) yet');
      return found;
    });
    expect(offer).toMatchObject({ authorKind: 'bot', offerHuman: true });

    const [group] = await groups('kind=unhelpful');
    expect(group).toMatchObject({
      kind: 'unhelpful',
      question: 'What are your opening hours?',
      botAnswer: reply.text,
      sources: reply.sources,
      count: 1,
      conversationIds: [conversationId],
    });
    expect(group.sources[0].id).toBe(`knowledge-entry:${hoursEntryId}`);
    // Agents see the vote on the bot message.
    const thread = (await as(app, editor).get(`/conversations/${conversationId}/messages`).expect(200)).body.data;
    expect(thread.results.find((m: Message) => m.id === reply.id).feedback).toMatchObject({ helpful: false });

    const up = await vote(visitor, conversationId, reply.id, { helpful: true }).expect(200);
    expect(up.body.data.feedback).toMatchObject({ helpful: true });
    expect(up.body.data.feedback.comment).toBeUndefined();
    expect(await groups('kind=unhelpful')).toHaveLength(0);

    await vote(visitor, conversationId, reply.id, { helpful: false }).expect(200);
    expect(await groups('kind=unhelpful')).toMatchObject([{ count: 1, conversationIds: [conversationId] }]);
    // Voting 👎 again changes nothing stored but the vote itself.
    await vote(visitor, conversationId, reply.id, { helpful: false }).expect(200);
    expect(await groups('kind=unhelpful')).toMatchObject([{ count: 1 }]);
  });

  it('votes count against the message flood limit: past it a vote is a 429 and changes nothing', async () => {
    const { visitor, conversationId } = await newConversation();
    const reply = await answered(visitor, conversationId);
    // The question used one of the 8 points; 7 votes use the rest, ending on 👍.
    for (let i = 0; i < 7; i += 1) await vote(visitor, conversationId, reply.id, { helpful: i % 2 === 0 }).expect(200);
    const refused = await vote(visitor, conversationId, reply.id, { helpful: false }).expect(429);
    expect(refused.body.error.message).toMatch(/messages/i);
    const stored = (await visitorMessages(visitor, conversationId)).find((m) => m.id === reply.id);
    expect(stored?.feedback?.helpful).toBe(true);
    const groupsOfThis = (await groups('kind=unhelpful')).filter((g) => g.conversationIds.includes(conversationId));
    expect(groupsOfThis).toEqual([]);
  });

  it('a second visitor’s 👎 joins the group; taking one back keeps the other’s', async () => {
    const first = await newConversation();
    const second = await newConversation();
    const firstReply = await answered(first.visitor, first.conversationId, 'How do I return an order?');
    const secondReply = await answered(second.visitor, second.conversationId, 'How can I return my order?');
    await vote(first.visitor, first.conversationId, firstReply.id, { helpful: false }).expect(200);
    await vote(second.visitor, second.conversationId, secondReply.id, { helpful: false }).expect(200);
    const [group] = await groups('kind=unhelpful&q=return');
    expect(group).toMatchObject({ count: 2, phrasings: ['How do I return an order?', 'How can I return my order?'] });

    await vote(first.visitor, first.conversationId, firstReply.id, { helpful: true }).expect(200);
    expect(await groups('kind=unhelpful&q=return')).toMatchObject([
      { id: group.id, count: 1, conversationIds: [second.conversationId], phrasings: ['How can I return my order?'] },
    ]);
  });

  it('asking for a person right after an answer records it as a handoff; after a refusal it stays a refusal', async () => {
    const { visitor, conversationId } = await newConversation();
    const reply = await answered(visitor, conversationId, 'When is your support team available?');
    await app.request.post(`/api/livechat/conversations/${conversationId}/human`).set(visitor.auth).expect(200);
    const [handoff] = await eventually(async () => {
      const found = await groups('kind=handoff');
      expect(found).toHaveLength(1);
      return found;
    });
    expect(handoff).toMatchObject({
      kind: 'handoff',
      question: 'When is your support team available?',
      botAnswer: reply.text,
      sources: reply.sources,
    });

    const refused = await newConversation();
    const { reply: refusal } = await askBot(app, refused.visitor, refused.conversationId, 'Can I pay with seashells?');
    expect(refusal.text).toBe(declineText('refusal', 'en', await personOnline()));
    await app.request.post(`/api/livechat/conversations/${refused.conversationId}/human`).set(refused.visitor.auth);
    const [kept] = await groups('q=seashells');
    expect(kept.kind).toBe('refused');
    expect((await groups('kind=handoff')).map((g) => g.id)).toEqual([handoff.id]);
    expect((await groups('kind=refused')).every((g) => g.kind === 'refused')).toBe(true);
    const bad = await as(app, editor).get('/failed-responses?kind=angry').expect(400);
    expect(bad.body.error.message).toBe('kind: must be refused, unhelpful or handoff');
  });

  it('a question plus extra context groups with the question; different questions stay apart', async () => {
    const ask = async (question: string) => {
      const { visitor, conversationId } = await newConversation();
      const { reply } = await askBot(app, visitor, conversationId, question);
      expect(reply.text).toBe(declineText('refusal', 'en', await personOnline()));
    };
    await ask('Do you offer gift wrapping for presents?');
    await ask("Do you offer gift wrapping for presents? It is for my mum's birthday.");
    await ask('Can you deliver the parcel to my neighbour? I am away all week.');
    await ask('Can you deliver the parcel to my neighbour?');
    await ask('Do you offer gift cards?');
    await ask('Do you offer student discounts on presents?');

    const wrapping = await groups('kind=refused&q=wrapping');
    expect(wrapping).toHaveLength(1);
    expect(wrapping[0]).toMatchObject({ question: 'Do you offer gift wrapping for presents?', count: 2 });
    expect(await groups('kind=refused&q=neighbour')).toMatchObject([
      { question: 'Can you deliver the parcel to my neighbour? I am away all week.', count: 2 },
    ]);
    expect(await groups('kind=refused&q=gift%20cards')).toMatchObject([{ count: 1 }]);
    expect(await groups('kind=refused&q=student')).toMatchObject([{ count: 1 }]);
  });

  it('reports count helpful and unhelpful answers, and a conversation with a 👎 is not contained by the bot', async () => {
    const before = (await as(app, editor).get('/reports/summary').expect(200)).body.data as ReportSummary.Response;
    const { visitor, conversationId } = await newConversation();
    const reply = await answered(visitor, conversationId, 'What time do you open?');
    await vote(visitor, conversationId, reply.id, { helpful: true }).expect(200);
    const helped = (await as(app, editor).get('/reports/summary').expect(200)).body.data as ReportSummary.Response;
    expect(helped.answerFeedback).toEqual({
      helpful: before.answerFeedback.helpful + 1,
      unhelpful: before.answerFeedback.unhelpful,
    });
    expect(helped.botOnly).toBe(before.botOnly + 1);

    await vote(visitor, conversationId, reply.id, { helpful: false }).expect(200);
    const turned = (await as(app, editor).get('/reports/summary').expect(200)).body.data as ReportSummary.Response;
    expect(turned.answerFeedback).toEqual({
      helpful: before.answerFeedback.helpful,
      unhelpful: before.answerFeedback.unhelpful + 1,
    });
    expect(turned.botOnly).toBe(before.botOnly);
    expect(turned.conversations).toBe(before.conversations + 1);
  });
});
