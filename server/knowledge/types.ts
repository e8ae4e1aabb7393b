/** The knowledge service's public shapes: what the bot, the LLM path and the admin routes rely on. */
import type { Source } from '../../plugin/contracts/entities';

/** One retrieved piece of published content. */
export interface KnowledgePassage {
  /** `knowledge-entry:<documentId>` for knowledge entries, `<uid>:<documentId>` for configured content types. */
  id: string;
  title: string;
  url: string | null;
  /** The part of the document that best matches the question (the whole text when it is short). */
  text: string;
  /** Ranking score within this retrieval (higher is better); not comparable across questions. */
  score: number;
  /** Calibrated 0–1: the estimated chance that this passage's document answers the question. */
  confidence: number;
}

/** What `retrieve(question)` answers: passages best first, and how sure the top one answers the question. */
export interface KnowledgeRetrieval {
  passages: KnowledgePassage[];
  /** Calibrated 0–1: the estimated chance that the top passage answers the question. */
  confidence: number;
}

/** What the bot may say: an answer with its sources, and how sure it is (0–1). */
export interface KnowledgeAnswer {
  text: string;
  sources: Source[];
  confidence: number;
}

/** A document as the index receives it from a source: published content, already flattened to text. */
export interface KnowledgeDocument {
  id: string;
  title: string;
  url: string | null;
  /** Other ways visitors ask the same question (knowledge entries' alternative questions). */
  questions: string[];
  /** The answer or article text (Markdown allowed; indexed as plain text). */
  text: string;
}
