import type { Core } from '@strapi/strapi';
import type { BaseChatModel } from '@langchain/core/language_models/chat_models';
import { pluginConfig } from '../config';
import type { Services } from '../services/registry';
import { citedSources } from './citations';
import { createChatModel, LlmAnswerError, writeAnswer } from './llm-answer';
import type { KnowledgeAnswer } from '../knowledge/types';
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

/**
 * What the bot says to `question`: below the confidence threshold a refusal; above it the model's answer
 * written from the retrieved passages (streamed through `onDelta`) when an LLM is configured, else the
 * extractive answer. Any model failure falls back to the extractive answer, or to a refusal; a retrieval
 * failure (index still building, embeddings API down) is `unavailable`. Never throws for either.
 */
export async function composeReply(
  strapi: Core.Strapi,
  knowledge: Services['knowledge'],
  question: string,
  options: { onDelta?: (delta: string) => void } = {},
): Promise<BotReply> {
  const config = pluginConfig(strapi);

  const extractive = async (): Promise<BotReply> => {
    let found: KnowledgeAnswer | null = null;
    try {
      found = await knowledge.answer(question);
    } catch (error) {
      return unavailable(strapi, error);
    }
    if (!found) return refusal(0);
    if (found.confidence < config.botConfidenceThreshold) return refusal(found.confidence, found.text);
    return { kind: 'answer', ...found, via: 'extractive' };
  };

  const model = chatModel(strapi);
  if (!model || !config.llm) return extractive();

  let retrieval: Retrieval;
  try {
    retrieval = await knowledge.retrieve(question, { k: PASSAGES_FOR_MODEL });
  } catch (error) {
    return unavailable(strapi, error);
  }
  if (retrieval.passages.length === 0 || retrieval.confidence < config.botConfidenceThreshold) {
    return refusal(retrieval.confidence, retrieval.passages[0]?.text ?? null);
  }

  try {
    const written = await writeAnswer(model, retrieval.passages, question, {
      timeoutMs: config.llm.timeoutMs,
      onDelta: options.onDelta,
    });
    if (written.kind === 'refusal') return refusal(retrieval.confidence, retrieval.passages[0].text);
    const sources = citedSources(written.text, retrieval.passages);
    // An answer citing no passage may come from anywhere (outside knowledge, an instruction injected
    // into the content): it is malformed, and the stored extractive answer replaces what was streamed.
    if (sources.length === 0) throw new LlmAnswerError('the answer cites no passage');
    return { kind: 'answer', text: written.text, sources, confidence: retrieval.confidence, via: 'llm' };
  } catch (error) {
    strapi.log.warn(`livechat: LLM answer failed (${(error as Error).message}); using the extractive answer`);
    return extractive();
  }
}
