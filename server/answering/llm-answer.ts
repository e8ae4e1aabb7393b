import type { BaseChatModel } from '@langchain/core/language_models/chat_models';
import { ChatOpenAI } from '@langchain/openai';
import type { LivechatConfig } from '../../plugin/config';
import { answerPrompt, formatMaterial } from './prompt';
import type { Passage } from './types';
import { VisibleText } from './visible-text';

export type LlmConfig = NonNullable<LivechatConfig['llm']>;

/** The model failed to produce a usable answer: timeout, HTTP error, malformed or empty output. */
export class LlmAnswerError extends Error {
  name = 'LlmAnswerError';
}

/** A LangChain chat model on any OpenAI-compatible server. */
export function createChatModel(config: LlmConfig): BaseChatModel {
  return new ChatOpenAI({
    apiKey: config.apiKey,
    model: config.model,
    temperature: config.temperature,
    timeout: config.timeoutMs,
    // A retry would spend the visitor's wait; the extractive answer is the fallback instead.
    maxRetries: 0,
    // `stream_options.include_usage` is refused by some OpenAI-compatible servers.
    streamUsage: false,
    configuration: { baseURL: config.baseURL },
  });
}

export interface WriteOptions {
  timeoutMs: number;
  /** Receives the answer piece by piece while the model writes; without it the answer is fetched whole. */
  onDelta?: (delta: string) => void;
}

/**
 * Asks the model for an answer written only from `passages`. Resolves with the answer text (exactly the
 * concatenation of the deltas given to `onDelta`) or a refusal; rejects with LlmAnswerError otherwise.
 */
export async function writeAnswer(
  model: BaseChatModel,
  passages: Passage[],
  question: string,
  options: WriteOptions,
): Promise<{ kind: 'answer'; text: string } | { kind: 'refusal' }> {
  const messages = await answerPrompt.formatMessages({ material: formatMaterial(passages, question) });
  const visible = new VisibleText(options.onDelta);
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), options.timeoutMs);
  try {
    if (options.onDelta) {
      for await (const chunk of await model.stream(messages, { signal: controller.signal })) visible.push(chunk.text);
    } else {
      visible.push((await model.invoke(messages, { signal: controller.signal })).text);
    }
  } catch (error) {
    if (controller.signal.aborted) throw new LlmAnswerError(`no complete answer within ${options.timeoutMs} ms`);
    const status = (error as { status?: number }).status;
    const reason = String((error as Error).message).split('\n')[0];
    throw new LlmAnswerError(status ? `HTTP ${status}: ${reason}` : reason);
  } finally {
    clearTimeout(timer);
  }
  const result = visible.finish();
  if (result.kind === 'empty') throw new LlmAnswerError('the model returned no text');
  return result;
}
