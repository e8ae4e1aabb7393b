// Knowledge helpers: published entries through Strapi's document service, and asking the bot.
import type { Message } from '../../plugin';
import { eventually, visitorSays, type TestVisitor } from './chat';
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
  app: TestApp,
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
