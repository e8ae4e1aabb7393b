import type { z } from 'zod';
import type { ConversationStatus } from '../lifecycle';
import { ExportReport } from './exports';
import { agentRoute } from './route';

/** Median and 90th percentile of a duration in seconds, over `count` conversations (null when none). */
export interface DurationFigures {
  count: number;
  medianSeconds: number | null;
  p90Seconds: number | null;
}

/** One day (UTC) of the volume chart. */
export interface ReportDay {
  /** `YYYY-MM-DD` */
  day: string;
  conversations: number;
  /** Conversations of that day the bot handled alone. */
  botOnly: number;
}

/**
 * GET /livechat/reports/summary - the supervisor's figures for the conversations a filter matches (the
 * conversation list's filters; an agent without "read all" counts the queue and their own conversations).
 */
export namespace ReportSummary {
  export const route = agentRoute<Response, undefined, Request>()('GET', '/reports/summary', 'export');
  export const query = ExportReport.query;
  export type Request = z.input<typeof query>;
  export interface Response {
    conversations: number;
    byStatus: Record<ConversationStatus, number>;
    /** Never handed to a human (no request for one, no agent) and no bot answer voted 👎. */
    botOnly: number;
    /** `botOnly / conversations`, 0–1; null with no conversations. */
    botContainment: number | null;
    /** Taken by an agent at some point. */
    handledByAgent: number;
    /** A human was asked for, and the conversation ended before any agent took it. */
    missed: number;
    /** From the request for a human (or the start, for agent-initiated ones) to the first agent message. */
    firstResponse: DurationFigures;
    /** From the request for a human to an agent taking it. */
    queueWait: DurationFigures;
    /** From the start to the end, for ended conversations. */
    resolution: DurationFigures;
    /** Visitors' ratings (1–5). */
    rating: { count: number; average: number | null };
    /** Ended conversations per end reason, most used first. */
    endReasons: Array<{ reason: string; count: number }>;
    /** Conversations per day of creation, oldest first; days without any are included. */
    perDay: ReportDay[];
    /** Failed responses (question groups) first asked in the date range. */
    failedResponses: number;
    /** Bot answers in these conversations the visitor voted 👍 (`helpful`) or 👎 (`unhelpful`), by their latest vote. */
    answerFeedback: { helpful: number; unhelpful: number };
  }
}
