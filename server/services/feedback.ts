import type { Core } from '@strapi/strapi';
import { isBotAnswer, type FailedResponseKind, type MessageFeedback } from '../../plugin/contracts/entities';
import type { GiveFeedback } from '../../plugin/contracts/visitor';
import { botSentences } from '../answering/sentences';
import { badRequest, notFound } from '../errors';
import { oneAtATime } from '../one-at-a-time';
import * as serialize from '../serialize';
import { tables } from '../store';
import type { MessageRow } from '../store/rows';
import { uses } from './registry';

type Vote = ReturnType<typeof GiveFeedback.body.parse>;

/**
 * What the bot says after a 👎, in the conversation's language: sorry, then the way on that exists now (a
 * person, or the email form while nobody can answer); the widget shows the matching button under it.
 */
export const unhelpfulText = (locale: string | null, personAvailable: boolean) => {
  const sentences = botSentences(locale);
  return `${sentences.unhelpful} ${personAvailable ? sentences.offerHuman : sentences.offerEmail}`;
};

/** The English text while a person can answer. */
export const UNHELPFUL_TEXT = unhelpfulText('en', true);

/**
 * "Was this helpful?": the visitor's 👍 / 👎 on bot answers. A 👎 records the answer as an `unhelpful` failed
 * response and offers a person; a later 👍 takes it back out. A visitor who asks for a person right after an
 * answer records it as a `handoff`.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const { conversations, failedResponses, messages, presence, rateLimits } = uses(strapi, [
    'conversations',
    'failed-responses',
    'messages',
    'presence',
    'rate-limits',
  ]);
  const db = tables(strapi);
  // Votes on one answer are taken in turn: 👎 then 👍 at once must not leave a group behind.
  const perAnswer = oneAtATime<number>();

  /** The visitor message a bot answer replied to: the bot names it in its clientId (`bot-<id>`), else the latest before it. */
  const questionOf = async (answer: MessageRow) => {
    const named = /^bot-(\d+)$/.exec(answer.clientId ?? '')?.[1];
    const asked = named
      ? await db.messages.findOne({ id: Number(named), conversationId: answer.conversationId, authorKind: 'visitor' })
      : null;
    if (asked) return asked;
    const [latest] = await db.messages.findMany({
      where: { conversationId: answer.conversationId, authorKind: 'visitor', id: { $lt: answer.id } },
      orderBy: { id: 'desc' },
      limit: 1,
    });
    return latest ?? null;
  };

  const recordFailure = async (kind: FailedResponseKind, answer: MessageRow) => {
    const question = await questionOf(answer);
    if (!question?.text) return;
    await failedResponses().record({
      kind,
      question: question.text,
      conversationId: answer.conversationId,
      messageId: question.id,
      botAnswer: answer.text,
      sources: answer.sources ?? [],
      confidence: answer.confidence,
    });
  };

  const vote = async (conversationId: number, answer: MessageRow, input: Vote) => {
    const before = answer.feedback;
    const feedback: MessageFeedback = {
      helpful: input.helpful,
      ...(input.comment ? { comment: input.comment } : {}),
      at: new Date().toISOString(),
    };
    const updated = await db.messages.update({ id: answer.id }, { feedback });
    if (!input.helpful && before?.helpful !== false) {
      await recordFailure('unhelpful', answer);
      const conversation = await conversations().load(conversationId);
      if (conversation.status === 'bot') {
        const personAvailable = (await presence().availability()).online;
        await messages().sendAsBot(conversationId, {
          text: unhelpfulText(conversation.locale, personAvailable),
          offerHuman: true,
          clientId: `unhelpful-${answer.id}-${Date.now().toString(36)}`,
        });
      }
    }
    if (input.helpful && before?.helpful === false) {
      const question = await questionOf(answer);
      if (question?.text)
        await failedResponses().withdraw({ kind: 'unhelpful', question: question.text, conversationId });
    }
    return serialize.message(updated ?? { ...answer, feedback });
  };

  return {
    /** The visitor votes on a bot answer of their own conversation; answers the message with its `feedback`. */
    async give(contactId: number, conversationId: number, messageId: number, input: Vote) {
      await conversations().loadForVisitor(conversationId, contactId);
      // A vote counts as a message: toggling 👍 / 👎 cannot flood the thread with offers of a person.
      await rateLimits().visitorMessage(contactId);
      return perAnswer(messageId, async () => {
        const answer = await db.messages.findOne({ id: messageId, conversationId });
        if (!answer) throw notFound('Message', messageId);
        if (!isBotAnswer(serialize.message(answer))) {
          throw badRequest('messageId', `message ${messageId} is not a bot answer: only bot answers take feedback`);
        }
        return vote(conversationId, answer, input);
      });
    },

    /**
     * The visitor asked for a person: if the bot's answer was the last thing said (and not voted 👎 already),
     * that answer did not help, and is recorded as a `handoff`.
     */
    async handedOff(conversationId: number) {
      const [last] = await db.messages.findMany({
        where: { conversationId, authorKind: { $ne: 'system' } },
        orderBy: { id: 'desc' },
        limit: 1,
      });
      if (!last || !isBotAnswer(serialize.message(last)) || last.feedback?.helpful === false) return;
      await recordFailure('handoff', last);
    },
  };
};
