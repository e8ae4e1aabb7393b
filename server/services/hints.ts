import type { Core } from '@strapi/strapi';
import type { ConversationHint } from '../../plugin/contracts/failed-responses';
import { composeReply } from '../answering/reply';
import { tables } from '../store';
import type { Viewer } from '../viewer';
import { uses } from './registry';

/** Agent hints: what the bot would answer to the visitor's latest message, for the agent to reuse. */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const { conversations, deskSettings, knowledge } = uses(strapi, ['conversations', 'desk-settings', 'knowledge']);
  const db = tables(strapi);
  return {
    async forConversation(conversationId: number, viewer: Viewer): Promise<ConversationHint.Response> {
      const conversation = await conversations().loadForAgent(conversationId, viewer);
      const [latest] = await db.messages.findMany({
        where: { conversationId: conversation.id, authorKind: 'visitor' },
        orderBy: { id: 'desc' },
        limit: 1,
      });
      if (!latest) return { messageId: null, question: null, suggestion: null };
      const reply = await composeReply(strapi, knowledge(), latest.text, {
        thresholds: await deskSettings().botThresholds(),
      });
      return {
        messageId: latest.id,
        question: latest.text,
        suggestion:
          reply.kind === 'answer' || reply.kind === 'suggestion'
            ? { text: reply.text, sources: reply.sources, confidence: reply.confidence }
            : null,
      };
    },
  };
};
