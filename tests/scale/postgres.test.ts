import type { Message } from '../../plugin';
import contentTypes from '../../server/content-types';
import {
  goOnline,
  as,
  eventually,
  queuedConversation,
  startConversation,
  startVisitor,
  visitorSays,
} from '../helpers/chat';
import { createAgent, startStrapi, type TestAgent, type TestApp } from '../helpers/strapi';

let app: TestApp;
let agents: TestAgent[];

beforeAll(async () => {
  // The burst sends 40 messages per visitor at once; the flood limit is not what is measured here.
  app = await startStrapi({ database: 'postgres', config: { rateLimit: { messages: 1000 } } });
  agents = [];
  for (let i = 0; i < 4; i += 1) agents.push(await createAgent(app));
  // Picking needs the agent online.
  for (const agent of agents) await goOnline(app, agent);
});

afterAll(() => app?.stop());

interface DeclaredSchema {
  collectionName: string;
  indexes?: Array<{ name: string; columns: string[]; type?: string }>;
}

const sql = async <Row>(query: string) => ((await app.strapi.db.connection.raw(query)) as { rows: Row[] }).rows;

const countRows = (name: string, where: Record<string, unknown>) =>
  app.strapi.db.query(`plugin::livechat.${name}` as never).count({ where } as never) as Promise<number>;

describe('the playground on PostgreSQL', () => {
  it('runs on PostgreSQL, with every plugin table and every index its schema declares', async () => {
    expect(app.strapi.db.dialect.client).toBe('postgres');
    const schemas = Object.values(contentTypes).map(({ schema }) => schema as DeclaredSchema);
    const tables = await sql<{ table_name: string }>(
      'SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema()',
    );
    expect(tables.map((t) => t.table_name)).toEqual(expect.arrayContaining(schemas.map((s) => s.collectionName)));

    const indexes = await sql<{ tablename: string; indexname: string; indexdef: string }>(
      "SELECT tablename, indexname, indexdef FROM pg_indexes WHERE schemaname = current_schema() AND tablename LIKE 'livechat%'",
    );
    const byName = new Map(indexes.map((index) => [index.indexname, index]));
    const declared = schemas.flatMap((s) => (s.indexes ?? []).map((index) => ({ ...index, table: s.collectionName })));
    expect(declared.map((d) => d.name)).toEqual(
      expect.arrayContaining(['livechat_msg_client_unique', 'livechat_msg_conversation', 'livechat_conv_status_last']),
    );
    for (const index of declared) {
      const found = byName.get(index.name);
      expect({ name: index.name, table: found?.tablename }).toEqual({ name: index.name, table: index.table });
      expect(found?.indexdef).toContain(`(${index.columns.join(', ')})`);
      expect(found?.indexdef.startsWith('CREATE UNIQUE INDEX')).toBe(index.type === 'unique');
    }
  });

  it('a visitor session → bot → human → pick → messages → end → rating round trip', async () => {
    const [agent] = agents;
    const visitor = await startVisitor(app, { name: 'Pat Postgres', email: 'pat@postgres.test' });
    const conversation = await startConversation(app, visitor);
    expect(conversation.status).toBe('bot');

    const question = await visitorSays(app, visitor, conversation.id, 'Do you ship to Mars?', 'pg-question');
    // No knowledge entries: the bot says it does not know, records a failed response and offers a human.
    const botReply = await eventually(async () => {
      const page = await app.request
        .get(`/api/livechat/conversations/${conversation.id}/messages`)
        .set(visitor.auth)
        .expect(200);
      const reply = (page.body.data.results as Message[]).find((m) => m.authorKind === 'bot');
      if (!reply) throw new Error('no bot reply yet');
      return reply;
    });
    expect(botReply).toMatchObject({ offerHuman: true, clientId: `bot-${question.id}` });
    expect(await countRows('failed-response', { conversationId: conversation.id })).toBe(1);

    const queued = await app.request
      .post(`/api/livechat/conversations/${conversation.id}/human`)
      .set(visitor.auth)
      .expect(200);
    expect(queued.body.data.status).toBe('queued');
    await goOnline(app, agent);
    const picked = await as(app, agent).post(`/conversations/${conversation.id}/pick`).expect(200);
    expect(picked.body.data).toMatchObject({ status: 'open', assignee: { id: agent.id }, unreadByAgent: 1 });

    const reply = await as(app, agent)
      .post(`/conversations/${conversation.id}/messages`, { clientId: 'pg-answer', text: 'Not yet, sorry!' })
      .expect(201);
    expect(reply.body.data).toMatchObject({ authorKind: 'agent', authorId: agent.id });

    const thread = await app.request
      .get(`/api/livechat/conversations/${conversation.id}/messages`)
      .set(visitor.auth)
      .expect(200);
    const messages = thread.body.data.results as Message[];
    expect(messages.map((m) => [m.authorKind, m.text])).toEqual([
      ['visitor', 'Do you ship to Mars?'],
      ['bot', botReply.text],
      ['agent', 'Not yet, sorry!'],
    ]);
    expect(messages.map((m) => m.id)).toEqual([...messages.map((m) => m.id)].sort((x, y) => x - y));

    const detail = await as(app, agent).get(`/conversations/${conversation.id}`).expect(200);
    expect(detail.body.data).toMatchObject({
      status: 'open',
      lastMessagePreview: 'Not yet, sorry!',
      unreadByVisitor: 0,
      contact: { name: 'Pat Postgres', email: 'pat@postgres.test' },
    });
    expect(detail.body.data.firstResponseAt).not.toBeNull();
    expect(detail.body.data.messages).toHaveLength(3);

    const reasons = await as(app, agent).get('/end-reasons').expect(200);
    const reason = (reasons.body.data.results as Array<{ id: number; requiresNote: boolean }>).find(
      (r) => !r.requiresNote,
    );
    const ended = await as(app, agent).post(`/conversations/${conversation.id}/end`, { reasonId: reason?.id });
    expect(ended.status).toBe(200);
    expect(ended.body.data.status).toBe('ended');
    const rated = await app.request
      .post(`/api/livechat/conversations/${conversation.id}/rating`)
      .set(visitor.auth)
      .send({ score: 5, comment: 'Quick!' })
      .expect(200);
    expect(rated.body.data).toMatchObject({ status: 'ended', rating: 5 });
  });

  it('a resent clientId stores one message, also when the copies arrive at the same moment', async () => {
    const { visitor, conversation } = await queuedConversation(app, 'Resender');
    const first = await visitorSays(app, visitor, conversation.id, 'hello?', 'resent-1');
    const again = await visitorSays(app, visitor, conversation.id, 'hello?', 'resent-1');
    expect(again.id).toBe(first.id);

    // Ten copies at once (one batch) and ten more spread over several batches: every copy answers the kept one.
    const together = await Promise.all(
      Array.from({ length: 10 }, () => visitorSays(app, visitor, conversation.id, 'anyone there?', 'resent-2')),
    );
    const spread = await Promise.all(
      Array.from({ length: 10 }, async (_, i) => {
        await new Promise((resolve) => setTimeout(resolve, i * 3));
        return visitorSays(app, visitor, conversation.id, 'anyone there?', 'resent-2');
      }),
    );
    expect(new Set([...together, ...spread].map((m) => m.id)).size).toBe(1);
    expect(await countRows('message', { conversationId: conversation.id })).toBe(2);
    const row = await app.strapi.db
      .query('plugin::livechat.conversation' as never)
      .findOne({ where: { id: conversation.id } } as never);
    expect(row).toMatchObject({ unreadByAgent: 2, lastMessagePreview: 'anyone there?' });
  });

  it('agents picking the same queued conversation at the same moment: exactly one 200, the others 409', async () => {
    // Watches the compare-and-set: a loser that got past the status check loses at the UPDATE, which proves
    // the picks really overlapped on several pool connections.
    const updates = jest.spyOn(app.strapi.db.query('plugin::livechat.conversation' as never), 'updateMany');
    try {
      for (let round = 0; round < 10; round += 1) {
        const { conversation } = await queuedConversation(app, `PG race ${round}`);
        const responses = await Promise.all(
          agents.map((agent) => as(app, agent).post(`/conversations/${conversation.id}/pick`)),
        );
        expect(responses.map((r) => r.status).sort()).toEqual([200, 409, 409, 409]);
        const winner = agents[responses.findIndex((r) => r.status === 200)];
        const stored = await as(app, winner).get(`/conversations/${conversation.id}`).expect(200);
        expect(stored.body.data).toMatchObject({ status: 'open', assignee: { id: winner.id } });
        expect(await countRows('journey-event', { conversationId: conversation.id, type: 'conversation.pick' })).toBe(
          1,
        );
      }
      const pickUpdates = await Promise.all(
        updates.mock.calls
          .map(([params], i) => ({
            where: (params as { where: { status?: string } }).where,
            result: updates.mock.results[i],
          }))
          .filter(({ where }) => where.status === 'queued')
          .map(({ result }) => result.value as Promise<{ count: number }>),
      );
      expect(pickUpdates.filter((update) => update.count === 1)).toHaveLength(10);
      expect(pickUpdates.filter((update) => update.count === 0).length).toBeGreaterThan(0);
    } finally {
      updates.mockRestore();
    }
  });

  it('a 200-message burst from five visitors at once stores every message exactly once', async () => {
    const visitors = await Promise.all(
      Array.from({ length: 5 }, (_, v) => queuedConversation(app, `Burst visitor ${v}`)),
    );
    const perVisitor = 40;
    const burst = (v: number) =>
      Array.from({ length: perVisitor }, (_, n) => ({ clientId: `burst-${v}-${n}`, text: `burst ${v}/${n}` }));
    const stored = await Promise.all(
      visitors.flatMap(({ visitor, conversation }, v) =>
        burst(v).map(({ clientId, text }) => visitorSays(app, visitor, conversation.id, text, clientId)),
      ),
    );
    expect(new Set(stored.map((m) => m.id)).size).toBe(200);

    const byClientId = (x: { clientId: string | null }, y: { clientId: string | null }) =>
      String(x.clientId).localeCompare(String(y.clientId));
    for (const [v, { conversation }] of visitors.entries()) {
      const rows = (await app.strapi.db
        .query('plugin::livechat.message' as never)
        .findMany({ where: { conversationId: conversation.id } } as never)) as Message[];
      const kept = rows.map(({ clientId, text }) => ({ clientId, text }));
      expect(kept.sort(byClientId)).toEqual(burst(v).sort(byClientId));
      // The unread counter is incremented in SQL, so concurrent messages do not lose updates.
      const row = await app.strapi.db
        .query('plugin::livechat.conversation' as never)
        .findOne({ where: { id: conversation.id } } as never);
      expect(row).toMatchObject({ unreadByAgent: perVisitor });
    }
  });
});
