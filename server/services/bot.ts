import type { Core } from '@strapi/strapi';
import type { Message } from '../../plugin/contracts/entities';
import { recentTurns } from '../answering/follow-up';
import { composeReply } from '../answering/reply';
import { botSentences, declineText } from '../answering/sentences';
import type { BotReply } from '../answering/types';
import { pluginConfig } from '../config';
import type { ConversationRow } from '../store/rows';
import { uses } from './registry';

/** How a suggestion opens in English: the bot found something that may help but is not sure it answers. */
export const SUGGESTION_LEAD = botSentences('en').suggestion;

/**
 * The bot answers visitor messages while a conversation is in `bot`: a model answer streamed as it is
 * written, or the extractive answer; below the confidence threshold it says so, records a failed response
 * and offers a human (when the knowledge base cannot be searched it offers a human without recording
 * anything). It never throws into the message path, and every visitor message gets a reply.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const { conversations, deskSettings, events, failedResponses, knowledge, messages, presence } = uses(strapi, [
    'conversations',
    'desk-settings',
    'events',
    'failed-responses',
    'knowledge',
    'messages',
    'presence',
  ]);
  const pending = new Set<Promise<void>>();

  /** Nothing published to answer from: the bot stays out of the way; a person takes over, or it offers the email form. */
  const stepAside = async (conversation: ConversationRow, personAvailable: boolean, clientId: string) => {
    if (!personAvailable) {
      const { away, offerEmail } = botSentences(conversation.locale);
      const text = `${away} ${offerEmail}`;
      await messages().sendAsBot(conversation.id, { text, offerHuman: true, clientId });
      return;
    }
    await conversations().transition(conversation.id, 'requestHuman', {
      actor: 'system',
      patch: { teamId: null },
      journey: { payload: { reason: 'no knowledge' } },
    });
  };

  const reply = async (conversationId: number, visitorMessage: Message) => {
    const conversation = await conversations().load(conversationId);
    if (conversation.status !== 'bot') return;
    const personAvailable = (await presence().availability()).online;
    if (pluginConfig(strapi).emptyKnowledge === 'handoff' && (await knowledge().isEmpty())) {
      return stepAside(conversation, personAvailable, `bot-${visitorMessage.id}`);
    }
    // The stored reply carries this as its clientId: a client that saw the stream swaps it for the message.
    const streamId = `bot-${visitorMessage.id}`;
    const onDelta = (delta: string) =>
      events().emit('bot:stream', {
        conversationId,
        contactId: conversation.contactId,
        streamId,
        delta,
      });

    let answer: BotReply;
    try {
      const history = await recentTurns(strapi, conversationId, visitorMessage.id);
      answer = await composeReply(strapi, knowledge(), visitorMessage.text, {
        onDelta,
        history,
        suggestionLead: botSentences(conversation.locale).suggestion,
        thresholds: await deskSettings().botThresholds(),
      });
    } catch (error) {
      strapi.log.error(`livechat: bot answer failed: ${(error as Error).message}`);
      answer = { kind: 'refusal', confidence: 0, botAnswer: null };
    }

    if (answer.kind === 'answer' || answer.kind === 'suggestion') {
      const suggesting = answer.kind === 'suggestion';
      await messages().sendAsBot(conversationId, {
        text: answer.text,
        sources: answer.sources,
        confidence: answer.confidence,
        // A suggestion keeps the way to a person in view.
        offerHuman: suggesting,
        outcome: suggesting ? 'suggest' : 'answer',
        clientId: streamId,
      });
      return;
    }
    if (answer.kind === 'unavailable') {
      // Not a gap in the content: nothing is recorded for the failed-response review.
      await messages().sendAsBot(conversationId, {
        text: declineText('unavailable', conversation.locale, personAvailable),
        offerHuman: true,
        clientId: streamId,
      });
      return;
    }
    await messages().sendAsBot(conversationId, {
      text: declineText('refusal', conversation.locale, personAvailable),
      confidence: answer.confidence,
      offerHuman: true,
      outcome: 'refuse',
      clientId: streamId,
    });
    await failedResponses().record({
      question: visitorMessage.text,
      conversationId,
      messageId: visitorMessage.id,
      botAnswer: answer.botAnswer,
      confidence: answer.confidence,
    });
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
