import type { Source } from '../../plugin';
import { configSchema } from '../../plugin/config';
import { startConversation, startVisitor } from '../helpers/chat';
import { askBot, publishEntry } from '../helpers/knowledge';
import { startStrapi, type TestApp } from '../helpers/strapi';

let app: TestApp;

beforeAll(async () => {
  app = await startStrapi();
  await publishEntry(app, {
    title: 'How long does delivery take?',
    answer: 'Standard delivery takes 2 to 4 working days. Express delivery arrives the next working day.',
  });
  await publishEntry(app, {
    title: 'Express delivery',
    answer: 'Order express delivery before 2 pm and it arrives the next working day, for £5.95.',
  });
  await publishEntry(app, {
    title: 'What is your refund policy?',
    answer: 'Refunds reach your card within 5 working days of the return reaching our warehouse.',
  });
});

afterAll(() => app.stop());

const sourcesOf = async (question: string) => {
  const visitor = await startVisitor(app);
  const { reply } = await askBot(app, visitor, (await startConversation(app, visitor)).id, question);
  expect(reply.offerHuman).toBeFalsy();
  return (reply.sources as Source[]).map((source) => source.title);
};

describe('sources of an extractive answer', () => {
  it('lists only the entry it quotes: a related entry the bot is also sure of is not a source of this answer', async () => {
    const titles = await sourcesOf('How long does express delivery take?');
    expect(titles).toHaveLength(1);
    expect(['How long does delivery take?', 'Express delivery']).toContain(titles[0]);
  });

  it('each retrieved passage carries its own calibrated confidence; unrelated ones score low', async () => {
    const retrieval = await app.strapi.plugin('livechat').service('knowledge').retrieve('When will my refund arrive?');
    expect(retrieval.passages[0].title).toBe('What is your refund policy?');
    expect(retrieval.passages[0].confidence).toBeCloseTo(retrieval.confidence, 10);
    for (const passage of retrieval.passages.slice(1)) {
      expect(passage.confidence).toBeLessThan(configSchema.parse({}).botConfidenceThreshold);
    }
  });
});
