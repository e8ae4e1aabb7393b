import type { Message } from '../../plugin';
import { configSchema } from '../../plugin/config';
import { as, eventually, startConversation, startVisitor, visitorSays } from '../helpers/chat';
import { importEntries } from '../helpers/knowledge';
import { createAgent, startStrapi, type TestAgent, type TestApp } from '../helpers/strapi';

let app: TestApp;
let agent: TestAgent;

const ENTRY = 'plugin::livechat.knowledge-entry';
const ARTICLE = 'api::article.article';

beforeAll(async () => {
  app = await startStrapi({ config: { rateLimit: { messages: 1000, windowSeconds: 1 } } });
  agent = await createAgent(app);
});

afterAll(() => app.stop());

const documents = (uid: string) =>
  app.strapi.documents(uid as never) as unknown as {
    create(params: object): Promise<{ documentId: string }>;
    update(params: object): Promise<unknown>;
    publish(params: object): Promise<unknown>;
    unpublish(params: object): Promise<unknown>;
    delete(params: object): Promise<unknown>;
  };

/** Asks the bot as a visitor does (new session, new conversation) and resolves with its reply. */
async function botReplyTo(question: string): Promise<Message> {
  const visitor = await startVisitor(app);
  const conversation = await startConversation(app, visitor);
  await visitorSays(app, visitor, conversation.id, question);
  return eventually(async () => {
    const response = await app.request
      .get(`/api/livechat/conversations/${conversation.id}/messages`)
      .set(visitor.auth)
      .expect(200);
    const reply = (response.body.data.results as Message[]).find((message) => message.authorKind === 'bot');
    if (!reply) throw new Error('no bot reply yet');
    return reply;
  });
}

const entry = {
  title: 'Gift wrapping for presents',
  answer: 'We wrap any order in recycled kraft paper with a handwritten card for £3.50; choose Gift wrap at checkout.',
  alternativeQuestions: ['Can you wrap my order as a present?', 'Do you offer gift wrap?'],
};
const question = 'Could you gift wrap my order for my mum?';

/**
 * Starts a full re-index and follows its status until it is ready; no reading on the way may count more
 * documents done than in total. Answers the status the start returned and the final one.
 */
async function reindexUntilReady(timeoutMs: number) {
  const api = as(app, agent);
  const started = await api.post('/knowledge/reindex').expect(202);
  const seen: Array<{ done: number; total: number }> = [];
  const ready = await eventually(async () => {
    const { body } = await api.get('/knowledge/status').expect(200);
    seen.push(body.data);
    expect(body.data.state).toBe('ready');
    return body.data;
  }, timeoutMs);
  for (const status of seen) expect(status.done).toBeLessThanOrEqual(status.total);
  return { started: started.body.data, ready };
}

describe('knowledge entries', () => {
  it('a draft is never answered, a published entry is answered with its source and the draft text stays out', async () => {
    const created = await documents(ENTRY).create({ data: entry });
    const refused = await botReplyTo(question);
    expect(refused.offerHuman).toBe(true);
    expect(refused.sources.map((source) => source.id)).not.toContain(`knowledge-entry:${created.documentId}`);

    await documents(ENTRY).publish({ documentId: created.documentId });
    const answered = await botReplyTo(question);
    expect(answered.offerHuman).toBe(false);
    expect(answered.text).toContain('recycled kraft paper');
    expect(answered.sources[0]).toEqual({
      id: `knowledge-entry:${created.documentId}`,
      title: entry.title,
      url: null,
    });
    // Well above the default threshold (~0.9): only "mum" is covered by nothing.
    expect(answered.confidence).toBeGreaterThanOrEqual(configSchema.parse({}).botConfidenceThreshold);

    // A new draft of a published entry changes nothing until it is published.
    await documents(ENTRY).update({
      documentId: created.documentId,
      data: { answer: 'Draft wording: wrapping is done in gold foil paper.' },
    });
    const stillPublished = await botReplyTo(question);
    expect(stillPublished.text).toContain('recycled kraft paper');
    expect(stillPublished.text).not.toContain('gold foil');

    await documents(ENTRY).publish({ documentId: created.documentId });
    const updated = await botReplyTo(question);
    expect(updated.text).toContain('gold foil');
  });

  it('unpublishing an entry stops the answers; publishing again brings them back; deleting removes it', async () => {
    const created = await documents(ENTRY).create({
      data: {
        title: 'Engraving on wooden chopping boards',
        answer: 'We engrave up to 20 characters on any oak chopping board for £6; add the text on the product page.',
        alternativeQuestions: ['Can I get my name engraved on a board?'],
      },
      status: 'published',
    });
    const ask = 'can you engrave my initials onto the oak chopping board';
    expect((await botReplyTo(ask)).sources[0]?.id).toBe(`knowledge-entry:${created.documentId}`);

    await documents(ENTRY).unpublish({ documentId: created.documentId });
    const afterUnpublish = await botReplyTo(ask);
    expect(afterUnpublish.offerHuman).toBe(true);
    expect(afterUnpublish.sources.map((source) => source.id)).not.toContain(`knowledge-entry:${created.documentId}`);

    await documents(ENTRY).publish({ documentId: created.documentId });
    expect((await botReplyTo(ask)).sources[0]?.id).toBe(`knowledge-entry:${created.documentId}`);

    await documents(ENTRY).delete({ documentId: created.documentId });
    const afterDelete = await botReplyTo(ask);
    expect(afterDelete.offerHuman).toBe(true);
    expect(afterDelete.sources.map((source) => source.id)).not.toContain(`knowledge-entry:${created.documentId}`);
  });

  it('a source URL that is not a web page (javascript:) is dropped from the answer', async () => {
    const created = await documents(ENTRY).create({
      data: {
        title: 'Knitting needle sizes',
        answer: 'Our bamboo knitting needles come in sizes from 2 mm to 10 mm.',
        url: 'javascript:alert(document.cookie)',
      },
      status: 'published',
    });
    const reply = await botReplyTo('what sizes do the bamboo knitting needles come in?');
    expect(reply.sources[0]).toEqual({
      id: `knowledge-entry:${created.documentId}`,
      title: 'Knitting needle sizes',
      url: null,
    });
  });

  it('a long answer is quoted by its best-matching passage, not whole', async () => {
    const paragraphs = [
      'Our warehouse in Leeds dispatches every weekday, and most parcels leave the same day.',
      'Furniture over 30 kg travels with a two-person crew who carry it to the room of your choice and unpack it; they book a two-hour slot with you by text the day before.',
      'Small items go by tracked post, and a tracking link arrives by email as soon as the parcel is scanned.',
      'Returns are free within 30 days from any Parcel Point shop; refunds reach your card within five working days.',
      'Deliveries to the Scottish Highlands and islands take one or two extra days, and we cannot deliver to PO boxes.',
    ];
    await documents(ENTRY).create({
      data: { title: 'Everything about our deliveries', answer: paragraphs.join('\n\n') },
      status: 'published',
    });
    const reply = await botReplyTo('will the two-person crew carry the wardrobe upstairs into the bedroom?');
    expect(reply.text).toContain('two-person crew');
    expect(reply.text).not.toContain('Parcel Point');
  });
});

describe('LangChain retriever', () => {
  it('the knowledge service hands out a LangChain retriever whose documents carry their source and confidence', async () => {
    const created = await documents(ENTRY).create({
      data: {
        title: 'Paying with a gift voucher',
        answer: 'Enter the 16-digit voucher code at checkout under Gift cards; any remainder stays on the voucher.',
        alternativeQuestions: ['Can I pay with a voucher?'],
      },
      status: 'published',
    });
    const knowledge = app.strapi.plugin('livechat').service('knowledge') as {
      retriever(k: number): Promise<{
        invoke(question: string): Promise<Array<{ pageContent: string; metadata: Record<string, unknown> }>>;
      }>;
    };
    const found = await (await knowledge.retriever(2)).invoke('how do I use my voucher code when paying?');
    expect(found.length).toBeLessThanOrEqual(2);
    expect(found[0].pageContent).toContain('16-digit voucher code');
    expect(found[0].metadata).toMatchObject({
      id: `knowledge-entry:${created.documentId}`,
      title: 'Paying with a gift voucher',
      url: null,
    });
    expect(found[0].metadata.confidence).toBeGreaterThan(0);
    expect(found[0].metadata.confidence).toBeLessThanOrEqual(1);
  });
});

describe('configured content types', () => {
  it('a published article is answered with the URL from the template; its draft is not', async () => {
    const article = await documents(ARTICLE).create({
      data: {
        title: 'Caring for velvet cushions',
        slug: 'velvet-cushion-care',
        body: 'Brush velvet cushions gently with a soft clothes brush, always in the direction of the pile. Never put velvet covers in the washing machine; dab spills with a damp cloth.',
      },
    });
    const ask = 'how do I clean the velvet cushion covers?';
    const beforePublish = await botReplyTo(ask);
    expect(beforePublish.sources.map((source) => source.id)).not.toContain(`${ARTICLE}:${article.documentId}`);

    await documents(ARTICLE).publish({ documentId: article.documentId });
    const reply = await botReplyTo(ask);
    expect(reply.offerHuman).toBe(false);
    expect(reply.sources[0]).toEqual({
      id: `${ARTICLE}:${article.documentId}`,
      title: 'Caring for velvet cushions',
      url: '/help/velvet-cushion-care',
    });
    expect(reply.text).toContain('soft clothes brush');
  });
});

describe('configured content types follow every change', () => {
  it('an article update is answered once published; unpublishing and deleting it stop the answers', async () => {
    const articles = documents(ARTICLE);
    const article = await articles.create({
      data: {
        title: 'Looking after linen tablecloths',
        slug: 'linen-tablecloths',
        body: 'Wash linen tablecloths at 40 degrees and iron them while still damp.',
      },
      status: 'published',
    });
    const id = `${ARTICLE}:${article.documentId}`;
    const ask = 'what temperature should I wash the linen tablecloth at?';
    const first = await botReplyTo(ask);
    expect(first.sources[0]?.id).toBe(id);
    expect(first.text).toContain('40 degrees');

    await articles.update({
      documentId: article.documentId,
      data: { body: 'Wash linen tablecloths at 30 degrees on a gentle cycle and iron them while still damp.' },
    });
    expect((await botReplyTo(ask)).text).toContain('40 degrees');
    await articles.publish({ documentId: article.documentId });
    const updated = await botReplyTo(ask);
    expect(updated.sources[0]?.id).toBe(id);
    expect(updated.text).toContain('30 degrees');

    await articles.unpublish({ documentId: article.documentId });
    expect((await botReplyTo(ask)).sources.map((source) => source.id)).not.toContain(id);
    await articles.publish({ documentId: article.documentId });
    expect((await botReplyTo(ask)).sources[0]?.id).toBe(id);

    await articles.delete({ documentId: article.documentId });
    const afterDelete = await botReplyTo(ask);
    expect(afterDelete.offerHuman).toBe(true);
    expect(afterDelete.sources.map((source) => source.id)).not.toContain(id);
  });
});

describe('re-index', () => {
  it('a full re-index reports its progress and ends ready with every published document', async () => {
    const entries = documents(ENTRY);
    for (let i = 0; i < 30; i += 1) {
      await entries.create({
        data: { title: `Store opening hours in town number ${i}`, answer: `Shop ${i} opens at 9 am.` },
        status: 'published',
      });
    }
    await entries.create({ data: { title: 'A draft that must not count', answer: 'Not published.' } });
    const { started, ready } = await reindexUntilReady(20_000);
    // Counting starts from nothing: never the previous build's figures.
    expect(started).toMatchObject({ state: 'indexing', done: 0, total: 0 });
    const published = (await app.strapi.db
      .query(ENTRY as never)
      .count({ where: { publishedAt: { $notNull: true } } } as never)) as number;
    const articles = (await app.strapi.db
      .query(ARTICLE as never)
      .count({ where: { publishedAt: { $notNull: true } } } as never)) as number;
    expect(ready.total).toBe(published + articles);
    expect(ready.done).toBe(ready.total);
    expect(ready.documents).toBe(published + articles);
    expect(Date.parse(ready.lastIndexedAt)).toBeGreaterThan(Date.now() - 60_000);
  });

  it('a re-index reads more published documents than one page (500) and answers from the last page', async () => {
    const entries = Array.from({ length: 520 }, (_, i) => ({
      title: `Imported note ${i}`,
      answer: `Imported answer number ${i}.`,
    }));
    entries[519] = {
      title: 'Repairing a cracked ceramic teapot',
      answer: 'Send a cracked teapot back to us and our potter mends it with food-safe kintsugi lacquer.',
    };
    await importEntries(app, 'bulkimport', entries);
    const ask = 'can your potter mend my cracked ceramic teapot?';
    expect((await botReplyTo(ask)).offerHuman).toBe(true);

    const { ready } = await reindexUntilReady(60_000);
    expect(ready.total).toBeGreaterThan(520);
    expect(ready.done).toBe(ready.total);
    expect(ready.documents).toBe(ready.total);
    const answered = await botReplyTo(ask);
    expect(answered.offerHuman).toBe(false);
    expect(answered.text).toContain('kintsugi');
  });

  it('re-index needs the manage-knowledge permission; status needs read or manage knowledge', async () => {
    const reader = await createAgent(app, { actions: ['plugin::livechat.conversations.read'] });
    await as(app, reader).get('/knowledge/status').expect(200);
    await as(app, reader).post('/knowledge/reindex').expect(403);
    const editor = await createAgent(app, { actions: ['plugin::livechat.knowledge.manage'] });
    await as(app, editor).get('/knowledge/status').expect(200);
    const exporter = await createAgent(app, { actions: ['plugin::livechat.conversations.export'] });
    const refused = await as(app, exporter).get('/knowledge/status').expect(403);
    expect(refused.body.error.message).toMatch(/"read", "manageKnowledge"/);
  });
});
