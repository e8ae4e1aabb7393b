import type { Core } from '@strapi/strapi';
import type { Message } from '../../plugin/contracts/entities';
import { pluginConfig } from '../config';
import { service } from './registry';

export const REFUSAL_TEXT =
  "I'm not sure about that one, and I'd rather not guess. Would you like to talk to a person?";

/**
 * The bot answers visitor messages while a conversation is in `bot`. Below the confidence threshold
 * it says so, records a failed response and offers a human. It never throws into the message path.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const pending = new Set<Promise<void>>();

  const reply = async (conversationId: number, visitorMessage: Message) => {
    const conversation = await service(strapi, 'conversations').load(conversationId);
    if (conversation.status !== 'bot') return;
    const threshold = pluginConfig(strapi).botConfidenceThreshold;
    let answer = null;
    try {
      answer = await service(strapi, 'knowledge').answer(visitorMessage.text);
    } catch (error) {
      strapi.log.error(`livechat: knowledge answer failed: ${(error as Error).message}`);
    }
    if (answer && answer.confidence >= threshold) {
      await service(strapi, 'messages').sendAsBot(conversationId, {
        text: answer.text,
        sources: answer.sources,
        confidence: answer.confidence,
        clientId: `bot-${visitorMessage.id}`,
      });
      return;
    }
    const refusal = await service(strapi, 'messages').sendAsBot(conversationId, {
      text: REFUSAL_TEXT,
      confidence: answer?.confidence ?? 0,
      offerHuman: true,
      clientId: `bot-${visitorMessage.id}`,
    });
    await service(strapi, 'failed-responses').record({
      question: visitorMessage.text,
      conversationId,
      messageId: visitorMessage.id,
      botAnswer: answer?.text ?? null,
      confidence: answer?.confidence ?? null,
    });
    return void refusal;
  };

  return {
    /** Answers after the visitor's message was acknowledged; failures are logged, never thrown. */
    replyLater(conversationId: number, visitorMessage: Message) {
      const job = reply(conversationId, visitorMessage)
        .catch((error: Error) => {
          strapi.log.error(`livechat: bot reply failed: ${error.message}`);
        })
        .finally(() => pending.delete(job));
      pending.add(job);
    },

    /** Resolves once every bot reply under way has been written (used on shutdown). */
    async settle() {
      await Promise.all([...pending]);
    },
  };
};
