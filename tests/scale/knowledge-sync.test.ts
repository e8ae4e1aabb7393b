import type { KnowledgeIndexStatus } from '../../plugin/contracts/knowledge';
import { as, eventually, startConversation, startVisitor } from '../helpers/chat';
import { sharedRedis, type StrapiProcess } from '../helpers/cluster';
import { startTwoInstances, type TwoInstances } from '../helpers/instances';
import { askBot, importEntries, publishEntry } from '../helpers/knowledge';
import type { TestAgent, TestApp } from '../helpers/strapi';

// Two instances (A in this process, B in a child) on one PostgreSQL database and one Redis: each holds its
// knowledge index in memory, and Redis keeps them equal.
let a: TestApp;
let b: StrapiProcess;
let agent: TestAgent;
let instances: TwoInstances | undefined;

beforeAll(async () => {
  instances = await startTwoInstances(sharedRedis());
  ({ a, b, agent } = instances);
});

afterAll(() => instances?.stop());

const status = async () => (await as(a, agent).get('/knowledge/status').expect(200)).body.data as KnowledgeIndexStatus;

describe('the knowledge index across instances', () => {
  it('an entry published on A is answered on B within 2 seconds', async () => {
    const question = 'Do you engrave the lids of music boxes?';
    const visitor = await startVisitor(b);
    const conversation = await startConversation(b, visitor);
    const before = await askBot(b, visitor, conversation.id, question);
    expect(before.reply.offerHuman).toBe(true);

    await publishEntry(a, {
      title: 'Engraved music boxes',
      answer: 'Yes: we engrave the lid of any music box with up to 40 characters, free of charge.',
      alternativeQuestions: ['Can you engrave a music box?'],
    });
    const published = Date.now();
    const after = await eventually(async () => {
      const { reply } = await askBot(b, visitor, conversation.id, question, 2000);
      expect(reply.sources.map((source) => source.title)).toContain('Engraved music boxes');
      return reply;
    }, 2000);
    expect(after.text).toContain('engrave the lid');
    expect(Date.now() - published).toBeLessThan(4000);
  });

  it('a re-index from the admin rebuilds every instance and reports each one', async () => {
    // Written straight to the table: no document hook on either instance sees them; only a re-index does.
    await importEntries(a, 'lcsync', [
      { title: 'Velvet lining', answer: 'Every jewellery box is lined with burgundy velvet made in Lyon.' },
    ]);
    const first = await status();
    expect(first.instances?.length).toBe(2);
    const started = await as(a, agent).post('/knowledge/reindex').expect(202);
    expect(started.body.data.instances).toHaveLength(2);

    const done = await eventually(async () => {
      const current = await status();
      expect(current.state).toBe('ready');
      for (const instance of current.instances ?? []) {
        expect(instance.lastIndexedAt).not.toBe(
          first.instances?.find((i) => i.instance === instance.instance)?.lastIndexedAt,
        );
        expect(instance.documents).toBe(first.instances?.[0].documents ? first.instances[0].documents + 1 : 1);
      }
      return current;
    }, 20_000);
    expect(done.instances).toHaveLength(2);

    const visitor = await startVisitor(b);
    const conversation = await startConversation(b, visitor);
    const { reply } = await askBot(b, visitor, conversation.id, 'What is the lining of your jewellery boxes made of?');
    expect(reply.sources.map((source) => source.title)).toContain('Velvet lining');
  });
});
