// Knowledge helpers: published entries through Strapi's document service, and asking the bot.
import type { Message } from '../../plugin';
import { eventually, visitorSays, type Instance, type TestVisitor } from './chat';
import type { TestApp } from './strapi';

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
