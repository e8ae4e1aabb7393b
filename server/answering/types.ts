import type { Source } from '../../plugin/contracts/entities';
import type { KnowledgePassage, KnowledgeRetrieval } from '../knowledge/types';

/** A retrieved piece of content the model may answer from. */
export type Passage = KnowledgePassage;

/** What the knowledge service's retriever returns: passages, best first, and how sure it is (0–1). */
export type Retrieval = KnowledgeRetrieval;

/** What the bot says to a visitor message. */
export type BotReply =
  | { kind: 'answer'; text: string; sources: Source[]; confidence: number; via: 'llm' | 'extractive' }
  /** Not sure enough to answer, sure enough to help: the text opens with the suggestion's lead sentence. */
  | { kind: 'suggestion'; text: string; sources: Source[]; confidence: number; via: 'llm' | 'extractive' }
  /** `botAnswer`: the best it found but judged too weak to send, kept for the failed-response review. */
  | { kind: 'refusal'; confidence: number; botAnswer: string | null }
  /** The knowledge index cannot answer right now (still building, failing): a human is offered, no failed response. */
  | { kind: 'unavailable'; reason: string };
