// What the bot says to the demo site's visitors: the passage that answers, three outcomes (answer, suggest,
// refuse) and follow-up questions read in the light of the previous one, with the embedded default.
import { configSchema } from '../../plugin/config';
import { declineText } from '../../server/answering/sentences';
import { SUGGESTION_LEAD } from '../../server/services/bot';
import { as, startConversation, startVisitor, type TestVisitor } from '../helpers/chat';
import { askBot, publishEntry } from '../helpers/knowledge';
import { createAgent, startStrapi, type TestAgent, type TestApp } from '../helpers/strapi';

// The playground's sample content: what the demo answers from.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const demo = require('../../playground/src/seed-content.js') as {
  articles: Array<{ title: string; slug: string; body: string }>;
  knowledgeEntries: Array<{ title: string; answer: string; alternativeQuestions: string[] }>;
};

let app: TestApp;
let admin: TestAgent;
const entryIds = new Map<string, string>();

beforeAll(async () => {
  app = await startStrapi();
  admin = await createAgent(app, { actions: 'super' });
  const articles = app.strapi.documents('api::article.article' as never);
  for (const article of demo.articles) {
    const created = (await articles.create({ data: article } as never)) as { documentId: string };
    await articles.publish({ documentId: created.documentId } as never);
  }
  for (const entry of demo.knowledgeEntries) entryIds.set(entry.title, await publishEntry(app, entry));
  await app.strapi.plugin('livechat').service('knowledge').settled();
});

afterAll(async () => {
  await app.stop();
});

/** Asks in a new conversation (or the given one); resolves with the bot's reply and the visitor's question. */
const askWithQuestion = async (question: string, visitor?: TestVisitor, conversationId?: number) => {
  const asking = visitor ?? (await startVisitor(app, { name: 'Demo visitor' }));
  const id = conversationId ?? (await startConversation(app, asking)).id;
  return askBot(app, asking, id, question);
};
const ask = async (question: string, visitor?: TestVisitor, conversationId?: number) =>
  (await askWithQuestion(question, visitor, conversationId)).reply;

const failedResponsesFor = (messageId: number) =>
  app.strapi.db.query('plugin::livechat.failed-response' as never).count({ where: { messageId } } as never);

describe('the right passage', () => {
  it.each([
    [
      'Which payment methods do you accept?',
      'We accept Visa, Mastercard',
      'Prices include VAT',
      'billing-and-payments',
    ],
    ['What are your opening hours?', 'Monday to Friday from 8 am to 8 pm', 'showroom', 'opening-hours'],
  ])(
    '"%s" quotes the paragraph that answers it, with only its article as source',
    async (question, quoted, notQuoted, slug) => {
      const reply = await ask(question);
      expect(reply.outcome).toBe('answer');
      expect(reply.offerHuman).toBe(false);
      expect(reply.text).toContain(quoted);
      expect(reply.text).not.toContain(notQuoted);
      expect(reply.sources).toHaveLength(1);
      expect(reply.sources[0].url).toBe(`/help/${slug}`);
    },
  );

  it("an alternative question contained in the visitor's matches it: the refund entry answers, shown without a link", async () => {
    const reply = await ask('Can I get my money back on a lamp I bought?');
    expect(reply.outcome).toBe('answer');
    expect(reply.text).toContain('full refund');
    expect(reply.sources).toEqual([
      {
        id: `knowledge-entry:${entryIds.get('What is your refund policy?')}`,
        title: 'What is your refund policy?',
        url: null,
      },
    ]);
  });
});

describe('three outcomes', () => {
  const setThresholds = (bot: { confidenceThreshold?: number | null; answerThreshold?: number | null }) =>
    as(app, admin).put('/settings', { bot });

  afterEach(async () => {
    await setThresholds({ confidenceThreshold: null, answerThreshold: null }).expect(200);
  });

  it('between the two thresholds the bot suggests: lead sentence, the passage, its source and a person offered, no failed response', async () => {
    await setThresholds({ confidenceThreshold: 0.05, answerThreshold: 0.99 }).expect(200);
    const { question, reply } = await askWithQuestion('Which payment methods do you accept?');
    expect(reply.outcome).toBe('suggest');
    expect(reply.offerHuman).toBe(true);
    expect(reply.text.startsWith(`${SUGGESTION_LEAD} We accept Visa`)).toBe(true);
    expect(reply.sources.map((source) => source.url)).toEqual(['/help/billing-and-payments']);
    expect(await failedResponsesFor(question.id)).toBe(0);
  });

  it('below the confidence threshold the bot refuses and records a failed response', async () => {
    const { question, reply } = await askWithQuestion("What's the weather in Leeds tomorrow?");
    expect(reply).toMatchObject({
      outcome: 'refuse',
      offerHuman: true,
      text: declineText('refusal', 'en', false),
      sources: [],
    });
    expect(await failedResponsesFor(question.id)).toBe(1);
  });

  it('the thresholds follow the plugin config until the Settings page sets them', async () => {
    const defaults = configSchema.parse({});
    expect(defaults.botAnswerThreshold).toBeGreaterThan(defaults.botConfidenceThreshold);
    const settings = await as(app, admin).get('/settings').expect(200);
    expect(settings.body.data.bot).toEqual({ enabled: null, confidenceThreshold: null, answerThreshold: null });
    await setThresholds({ answerThreshold: 0.7 }).expect(200);
    expect((await as(app, admin).get('/settings').expect(200)).body.data.bot).toEqual({
      enabled: null,
      confidenceThreshold: null,
      answerThreshold: 0.7,
    });
  });

  it.each([
    [{ answerThreshold: 1.5 }, 'bot.answerThreshold'],
    [{ confidenceThreshold: 'high' }, 'bot.confidenceThreshold'],
    [{ confidenceThreshold: 0.8, answerThreshold: 0.5 }, 'bot.answerThreshold'],
  ])('refuses %j with a 400 naming %s and keeps the stored thresholds', async (bot, field) => {
    await setThresholds({ confidenceThreshold: 0.2, answerThreshold: 0.6 }).expect(200);
    const response = await as(app, admin).put('/settings', { bot });
    expect(response.status).toBe(400);
    expect(response.body.error.details.field).toBe(field);
    expect((await as(app, admin).get('/settings').expect(200)).body.data.bot).toEqual({
      enabled: null,
      confidenceThreshold: 0.2,
      answerThreshold: 0.6,
    });
  });

  it('the plugin config refuses an answer threshold below the confidence threshold, naming it', () => {
    const parsed = configSchema.safeParse({ botConfidenceThreshold: 0.5, botAnswerThreshold: 0.4 });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0].path).toEqual(['botAnswerThreshold']);
  });
});

describe('follow-up questions', () => {
  const REFUNDS = ['What is your refund policy?', 'Returns and refunds'];

  it('"And how long does that take?" after a returns question is answered about refunds, not delivery', async () => {
    const visitor = await startVisitor(app, { name: 'Following up' });
    const { id } = await startConversation(app, visitor);
    const first = await ask('How do I return an item?', visitor, id);
    expect(REFUNDS).toContain(first.sources[0].title);

    const followUp = await ask('And how long does that take?', visitor, id);
    expect(followUp.outcome).not.toBe('refuse');
    expect(REFUNDS).toContain(followUp.sources[0].title);
    expect(followUp.text).toContain('3–5 working days');
  });

  it('the same words in a new conversation are read on their own: about delivery', async () => {
    const reply = await ask('And how long does that take?');
    expect(reply.sources[0].title).toBe('How long does delivery take?');
  });
});
