import path from 'node:path';
import type { FailedResponse } from '../../plugin';
import { createEmbeddings } from '../../server/knowledge/embeddings';
import { KnowledgeIndexer, KnowledgeUnavailableError } from '../../server/knowledge/indexer';
import { knowledgeSources } from '../../server/knowledge/sources';
import { loadWordVectors, type WordVectors } from '../../server/knowledge/word-vectors';
import { declineText } from '../../server/answering/sentences';
import { as, startConversation, startVisitor } from '../helpers/chat';
import { askBot, publishEntry } from '../helpers/knowledge';
import { startOpenAIServer, type FakeOpenAI } from '../helpers/openai-server';
import { createAgent, startStrapi, type TestAgent, type TestApp } from '../helpers/strapi';

/** No agent is online in this file: the bot's unavailable offers the email form. */
const UNAVAILABLE_TEXT = declineText('unavailable', 'en', false);

let fake: FakeOpenAI;
let app: TestApp;
let editor: TestAgent;
let entryId: string;

const TITLE = 'How long does a refund take to reach my card?';

beforeAll(async () => {
  fake = await startOpenAIServer();
  app = await startStrapi({
    config: {
      knowledge: {
        embeddings: { provider: 'openai', model: 'fake-embeddings', apiKey: 'embed-key', baseURL: fake.baseURL },
      },
    },
  });
  editor = await createAgent(app);
  entryId = await publishEntry(app, {
    title: TITLE,
    answer: 'Refunds reach your card within five working days of the parcel arriving back at our warehouse.',
  });
});

afterAll(async () => {
  await app.stop();
  await fake.close();
});

const newConversation = async () => {
  const visitor = await startVisitor(app);
  const conversation = await startConversation(app, visitor);
  return { visitor, conversationId: conversation.id };
};

describe('OpenAI-compatible embeddings from the config', () => {
  it('indexes and answers through the configured embeddings API, citing the entry', async () => {
    expect(fake.embeddingRequests.flat()).toEqual(expect.arrayContaining([expect.stringContaining(TITLE)]));
    const asked = fake.embeddingRequests.length;
    const { visitor, conversationId } = await newConversation();
    const { reply } = await askBot(app, visitor, conversationId, TITLE);
    expect(reply.offerHuman).toBe(false);
    expect(reply.text).toContain('five working days');
    expect(reply.sources[0]).toMatchObject({ id: `knowledge-entry:${entryId}`, title: TITLE });
    // The question itself was embedded by the API.
    expect(fake.embeddingRequests.slice(asked).flat()).toContain(TITLE);
  });

  it('when the question cannot be embedded in time, the bot offers a human and records no failed response', async () => {
    fake.scriptEmbeddings({ kind: 'slow', delayMs: 30_000 });
    const question = 'Is the refund for my returned lamp on its way yet?';
    const { visitor, conversationId } = await newConversation();
    const { reply } = await askBot(app, visitor, conversationId, question, 20_000);
    expect(reply).toMatchObject({ text: UNAVAILABLE_TEXT, offerHuman: true });
    const failed = await as(app, editor)
      .get(`/failed-responses?q=${encodeURIComponent('returned lamp')}`)
      .expect(200);
    expect((failed.body.data.results as FailedResponse[]).length).toBe(0);
  });
});

describe('index builds that fail or take long', () => {
  let vectors: WordVectors | undefined;
  const wordVectors = () =>
    (vectors ??= loadWordVectors(path.resolve(__dirname, '../../dist/knowledge/word-vectors.bin')));
  const indexer = async () =>
    new KnowledgeIndexer(
      app.strapi,
      knowledgeSources(app.strapi, []),
      await createEmbeddings({ provider: 'openai', model: 'fake-embeddings', apiKey: 'k', baseURL: fake.baseURL }),
      wordVectors,
    );

  afterEach(() => fake.embeddingsOtherwise({ kind: 'vectors' }));

  it('a failed first build backs off: the next question does not embed the corpus again', async () => {
    fake.embeddingsOtherwise({ kind: 'error', status: 500 });
    const failing = await indexer();
    await expect(failing.index()).rejects.toThrow(KnowledgeUnavailableError);
    const requests = fake.embeddingRequests.length;
    expect(requests).toBeGreaterThan(0);
    await expect(failing.index()).rejects.toThrow(/retrying later/);
    await expect(failing.index()).rejects.toThrow(/retrying later/);
    expect(fake.embeddingRequests.length).toBe(requests);
  });

  it('a question waits a limited time for the first build, which goes on and completes', async () => {
    fake.scriptEmbeddings({ kind: 'slow', delayMs: 1500 });
    const slow = await indexer();
    await expect(slow.index(100)).rejects.toThrow(/still being built after 100 ms/);
    const built = await slow.built();
    expect(built.size).toBeGreaterThan(0);
    expect((await slow.index(100)).size).toBe(built.size);
  });
});
