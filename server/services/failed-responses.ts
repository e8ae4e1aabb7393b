import type { Core } from '@strapi/strapi';
import { questionKey } from '../knowledge/text';
import { tables } from '../store';

/** Questions the bot could not answer, grouped so editors see each question once with a count. */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const db = tables(strapi);
  return {
    async record(input: {
      question: string;
      conversationId: number;
      messageId: number;
      botAnswer: string | null;
      confidence: number | null;
    }) {
      const key = questionKey(input.question);
      const group = await db.failedResponses.findOne({ normalizedQuestion: key, status: 'open' });
      if (group) {
        const conversationIds = [...new Set([...(group.conversationIds ?? []), input.conversationId])];
        return db.failedResponses.update({ id: group.id }, { count: group.count + 1, conversationIds });
      }
      return db.failedResponses.create({
        question: input.question.slice(0, 4000),
        normalizedQuestion: key,
        conversationId: input.conversationId,
        messageId: input.messageId,
        botAnswer: input.botAnswer,
        confidence: input.confidence,
        status: 'open',
        count: 1,
        conversationIds: [input.conversationId],
      });
    },
  };
};
