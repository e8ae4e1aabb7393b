import type { Core } from '@strapi/strapi';
import type { BaseChatModel } from '@langchain/core/language_models/chat_models';
import { pluginConfig } from '../config';
import { quoteTopPassage } from '../knowledge/extractive';
import type { BotThresholds } from '../../plugin/contracts/settings';
import type { Services } from '../services/registry';
import { citedSources } from './citations';
import { followUpKind, previousQuestion, rewriteQuestion, withPreviousQuestion, type Turn } from './follow-up';
import { createChatModel, LlmAnswerError, writeAnswer } from './llm-answer';
import type { BotReply, Retrieval } from './types';

/** How many passages the model reads. */
const PASSAGES_FOR_MODEL = 4;

const models = new WeakMap<Core.Strapi, BaseChatModel>();

/** The configured chat model, created once per Strapi instance; null when no `llm` is configured. */
function chatModel(strapi: Core.Strapi): BaseChatModel | null {
  const config = pluginConfig(strapi).llm;
  if (!config) return null;
  let model = models.get(strapi);
  if (!model) {
    model = createChatModel(config);
    models.set(strapi, model);
  }
  return model;
}

const refusal = (confidence: number, botAnswer: string | null = null): BotReply => ({
  kind: 'refusal',
  confidence,
  botAnswer,
});

/** Retrieval failed or timed out: not a gap in the content, so no refusal is recorded. */
const unavailable = (strapi: Core.Strapi, error: unknown): BotReply => {
  const reason = (error as Error).message;
  strapi.log.warn(`livechat: knowledge unavailable (${reason}); offering a human`);
  return { kind: 'unavailable', reason };
};

export interface ReplyOptions {
  /** Receives a model's answer piece by piece while it is written. */
  onDelta?: (delta: string) => void;
  /** The conversation's earlier turns, oldest first: a follow-up question is read in their light. */
  history?: Turn[];
  /** The sentence a suggestion opens with ("I'm not sure, but this may help:"). */
  suggestionLead?: string;
  /** The confidence bands (desk settings over plugin config); the plugin config's when not given. */
  thresholds?: BotThresholds;
}

/** The question as retrieval reads it, and what it found. */
interface Reading {
  question: string;
  retrieval: Retrieval;
}

/**
 * What the bot says to `question`. Confidence at or above the answer threshold: an answer; between the two
 * thresholds: a suggestion opening with `suggestionLead`; below: a refusal (`thresholds`, else the config's).
 * With an LLM configured the model writes the answer or suggestion from the retrieved passages (streamed
 * through `onDelta`), else the best passage is quoted. A follow-up ("and how long does that take?") is
 * rewritten by the model in the light of `history`, or, without a model, retrieved together with the
 * previous question. Any model failure falls back to the quoted passage; a retrieval failure (index still
 * building, embeddings API down) is `unavailable`. Never throws for either.
 */
export async function composeReply(
  strapi: Core.Strapi,
  knowledge: Services['knowledge'],
  question: string,
  options: ReplyOptions = {},
): Promise<BotReply> {
  const config = pluginConfig(strapi);
  const bands = options.thresholds ?? {
    confidenceThreshold: config.botConfidenceThreshold,
    answerThreshold: config.botAnswerThreshold,
  };
  const model = chatModel(strapi);
  const history = options.history ?? [];
  const k = model ? PASSAGES_FOR_MODEL : 1;

  const read = async (): Promise<Reading> => {
    const alone = (): Promise<Reading> =>
      knowledge.retrieve(question, { k }).then((retrieval) => ({ question, retrieval }));
    const kind = previousQuestion(history) ? followUpKind(question) : null;
    if (!kind) return alone();
    if (model && config.llm) {
      const rewritten = await rewriteQuestion(model, question, history, config.llm.timeoutMs);
      if (rewritten) return { question: rewritten, retrieval: await knowledge.retrieve(rewritten, { k }) };
    }
    const together = withPreviousQuestion(question, history);
    const inContext = async (): Promise<Reading> => ({
      question: together,
      retrieval: await knowledge.retrieve(together, { k }),
    });
    // A question that points back is read with the previous one; a merely short one only when that helps.
    if (kind === 'refers-back') return inContext();
    const first = await alone();
    if (first.retrieval.confidence >= bands.answerThreshold) return first;
    const second = await inContext();
    return second.retrieval.confidence > first.retrieval.confidence ? second : first;
  };

  let reading: Reading;
  try {
    reading = await read();
  } catch (error) {
    return unavailable(strapi, error);
  }
  const { retrieval } = reading;
  const quoted = quoteTopPassage(retrieval);
  if (!quoted || retrieval.confidence < bands.confidenceThreshold) {
    return refusal(retrieval.confidence, quoted?.text ?? null);
  }
  const suggesting = retrieval.confidence < bands.answerThreshold;
  const lead = suggesting ? `${options.suggestionLead ?? ''} `.trimStart() : '';
  const extractive: Extract<BotReply, { kind: 'answer' | 'suggestion' }> = {
    kind: suggesting ? 'suggestion' : 'answer',
    ...quoted,
    text: lead + quoted.text,
    via: 'extractive',
  };
  if (!model || !config.llm) return extractive;

  // The lead goes out before the model's first visible words, so the stream reads as the stored message.
  const onDelta = options.onDelta && lead ? leading(lead, options.onDelta) : options.onDelta;
  try {
    const written = await writeAnswer(model, retrieval.passages, reading.question, {
      timeoutMs: config.llm.timeoutMs,
      onDelta,
    });
    if (written.kind === 'refusal') return refusal(retrieval.confidence, quoted.text);
    const sources = citedSources(written.text, retrieval.passages);
    // An answer citing no passage may come from anywhere (outside knowledge, an instruction injected
    // into the content): it is malformed, and the stored extractive answer replaces what was streamed.
    if (sources.length === 0) throw new LlmAnswerError('the answer cites no passage');
    return { ...extractive, text: lead + written.text, sources, via: 'llm' };
  } catch (error) {
    strapi.log.warn(`livechat: LLM answer failed (${(error as Error).message}); using the extractive answer`);
    return extractive;
  }
}

/** `onDelta` with `lead` sent once, before the first piece. */
function leading(lead: string, onDelta: (delta: string) => void) {
  let led = false;
  return (delta: string) => {
    if (!led) onDelta(lead);
    led = true;
    onDelta(delta);
  };
}
