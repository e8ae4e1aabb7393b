// Knowledge helpers: published entries through Strapi's document service, and asking the bot.
import type { Message } from '../../plugin';
import {
  as,
  eventually,
  goOnline,
  startConversation,
  startVisitor,
  visitorSays,
  type Instance,
  type TestVisitor,
} from './chat';
import type { TestAgent, TestApp } from './strapi';

const KNOWLEDGE_ENTRY = 'plugin::livechat.knowledge-entry';

export interface EntryInput {
  title: string;
  answer: string;
  alternativeQuestions?: string[];
  url?: string;
}

/** Creates and publishes a knowledge entry, as an editor does in the Content Manager; answers its document id. */
export async function publishEntry(app: TestApp, input: EntryInput): Promise<string> {
  const documents = app.strapi.documents(KNOWLEDGE_ENTRY as never);
  const created = (await documents.create({ data: { alternativeQuestions: [], ...input } as never })) as {
    documentId: string;
  };
  await documents.publish({ documentId: created.documentId } as never);
  await app.strapi.plugin('livechat').service('knowledge').settled();
  return created.documentId;
}

/** The visitor writes; resolves with their message and the bot's stored reply to it. */
export async function askBot(
  app: Instance,
  visitor: TestVisitor,
  conversationId: number,
  text: string,
  timeoutMs = 10_000,
): Promise<{ question: Message; reply: Message }> {
  const question = await visitorSays(app, visitor, conversationId, text);
  const reply = await eventually(async () => {
    const response = await app.request
      .get(`/api/livechat/conversations/${conversationId}/messages?after=${question.id}`)
      .set(visitor.auth)
      .expect(200);
    const found = (response.body.data.results as Message[]).find((m) => m.clientId === `bot-${question.id}`);
    if (!found) throw new Error(`No bot reply to "${text}" yet`);
    return found;
  }, timeoutMs);
  return { question, reply };
}

/**
 * A question answered live: a new visitor asks the bot (its reply is `refusal`), asks for a human, and
 * `agent` picks the conversation and writes `answer`.
 */
export async function answeredLive(app: Instance, agent: TestAgent, question: string, answer: string) {
  const visitor = await startVisitor(app);
  const conversationId = (await startConversation(app, visitor)).id;
  const { reply: refusal } = await askBot(app, visitor, conversationId, question);
  await app.request.post(`/api/livechat/conversations/${conversationId}/human`).set(visitor.auth).expect(200);
  await goOnline(app, agent);
  await as(app, agent).post(`/conversations/${conversationId}/pick`).expect(200);
  const sent = await as(app, agent)
    .post(`/conversations/${conversationId}/messages`, { clientId: `live-${conversationId}`, text: answer })
    .expect(201);
  return { visitor, conversationId, refusal, reply: sent.body.data as Message };
}

/**
 * Writes published knowledge entries straight to the table, as an SQL import would: the document hooks do
 * not see them, a re-index does. Document ids are `prefix` padded with the entry's position.
 */
export async function importEntries(app: TestApp, prefix: string, entries: Array<{ title: string; answer: string }>) {
  const now = new Date();
  await app.strapi.db.query(KNOWLEDGE_ENTRY as never).createMany({
    data: entries.map((entry, i) => ({
      documentId: `${prefix}${String(i).padStart(24 - prefix.length, '0')}`,
      alternativeQuestions: [],
      publishedAt: now,
      createdAt: now,
      updatedAt: now,
      ...entry,
    })),
  } as never);
}
