import type { Core } from '@strapi/strapi';
import { endOfDay } from '../../plugin/dates';
import type { DurationFigures, ReportDay, ReportSummary } from '../../plugin/contracts/reports';
import { CONVERSATION_STATUSES, type ConversationStatus } from '../../plugin/lifecycle';
import { nextTurn } from '../next-turn';
import { responseTimes } from '../response-times';
import { tables } from '../store';
import { conversationListWhere } from '../store/conversation-queries';
import { toMillis } from '../store/sql';
import type { Viewer } from '../viewer';

type SummaryQuery = ReturnType<typeof ReportSummary.query.parse>;

/** Conversations read per query: only the columns the figures need, so memory stays small. */
const PAGE = 1000;
/** The volume chart covers at most this many days (the latest ones). */
const MAX_DAYS = 366;
const DAY_MS = 86_400_000;

const COLUMNS = [
  'id',
  'status',
  'createdAt',
  'queuedAt',
  'assignedAt',
  'firstResponseAt',
  'endedAt',
  'endReason',
  'rating',
];

/** Nearest-rank percentile of sorted values. */
const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)];

function durations(values: number[]): DurationFigures {
  if (values.length === 0) return { count: 0, medianSeconds: null, p90Seconds: null };
  const sorted = values.sort((a, b) => a - b);
  const seconds = (ms: number) => Math.round(ms / 100) / 10;
  return {
    count: sorted.length,
    medianSeconds: seconds(percentile(sorted, 0.5)),
    p90Seconds: seconds(percentile(sorted, 0.9)),
  };
}

const dayOf = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** Every day from the first to the last with conversations (the latest MAX_DAYS), empty days included. */
function fillDays(days: Map<string, ReportDay>): ReportDay[] {
  if (days.size === 0) return [];
  const keys = [...days.keys()].sort();
  const last = Date.parse(keys[keys.length - 1]);
  const first = Math.max(Date.parse(keys[0]), last - (MAX_DAYS - 1) * DAY_MS);
  const filled: ReportDay[] = [];
  for (let at = first; at <= last; at += DAY_MS) {
    const day = dayOf(at);
    filled.push(days.get(day) ?? { day, conversations: 0, botOnly: 0 });
  }
  return filled;
}

/** Supervisor figures over the conversations a list filter matches: volume, containment, speed, ratings. */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const db = tables(strapi);

  /** Adds the votes on bot answers in `conversationIds` to `counts`; answers the conversations with a 👎. */
  const votesIn = async (conversationIds: number[], counts: { helpful: number; unhelpful: number }) => {
    const turnedDown = new Set<number>();
    if (conversationIds.length === 0) return turnedDown;
    const voted = await db.messages.findMany({
      where: { conversationId: { $in: conversationIds }, authorKind: 'bot', feedback: { $notNull: true } },
      select: ['conversationId', 'feedback'],
    });
    for (const { conversationId, feedback } of voted) {
      if (feedback?.helpful === true) counts.helpful += 1;
      if (feedback?.helpful === false) {
        counts.unhelpful += 1;
        turnedDown.add(conversationId);
      }
    }
    return turnedDown;
  };

  return {
    async summary(query: SummaryQuery, viewer: Viewer): Promise<ReportSummary.Response> {
      const where = await conversationListWhere(db, query, { id: viewer.id, readAll: viewer.can('readAll') });
      const byStatus = Object.fromEntries(CONVERSATION_STATUSES.map((status) => [status, 0])) as Record<
        ConversationStatus,
        number
      >;
      const firstResponse: number[] = [];
      const queueWait: number[] = [];
      const resolution: number[] = [];
      const endReasons = new Map<string, number>();
      const days = new Map<string, ReportDay>();
      let conversations = 0;
      let botOnly = 0;
      let handledByAgent = 0;
      let missed = 0;
      let ratings = 0;
      let ratingSum = 0;
      const answerFeedback = { helpful: 0, unhelpful: 0 };

      // An id cursor: each page is one indexed query, and only the figures' columns are read.
      for (let after = 0; ;) {
        const cursor = { id: { $gt: after } };
        const page = await db.conversations.findMany({
          where: Object.keys(where).length > 0 ? { $and: [where, cursor] } : cursor,
          select: COLUMNS,
          orderBy: { id: 'asc' },
          limit: PAGE,
        });
        const turnedDown = await votesIn(
          page.map((row) => row.id),
          answerFeedback,
        );
        for (const row of page) {
          conversations += 1;
          byStatus[row.status] += 1;
          const created = toMillis(row.createdAt) ?? 0;
          const queued = toMillis(row.queuedAt);
          const assigned = toMillis(row.assignedAt);
          const answered = toMillis(row.firstResponseAt);
          const ended = toMillis(row.endedAt);
          const alone = queued === null && assigned === null && !turnedDown.has(row.id);
          if (alone) botOnly += 1;
          if (assigned !== null) handledByAgent += 1;
          if (queued !== null && assigned === null && row.status === 'ended') missed += 1;
          const speed = responseTimes({ created, queued, assigned, answered });
          if (speed.firstResponse !== null) firstResponse.push(speed.firstResponse);
          if (speed.queueWait !== null) queueWait.push(speed.queueWait);
          if (row.status === 'ended' && ended !== null) resolution.push(Math.max(0, ended - created));
          if (row.status === 'ended' && row.endReason) {
            endReasons.set(row.endReason, (endReasons.get(row.endReason) ?? 0) + 1);
          }
          if (typeof row.rating === 'number') {
            ratings += 1;
            ratingSum += row.rating;
          }
          const day = dayOf(created);
          const bucket = days.get(day) ?? { day, conversations: 0, botOnly: 0 };
          bucket.conversations += 1;
          if (alone) bucket.botOnly += 1;
          days.set(day, bucket);
        }
        if (page.length < PAGE) break;
        after = page[page.length - 1].id;
        await nextTurn();
      }

      const failedWhere: Record<string, unknown>[] = [];
      if (query.from) failedWhere.push({ createdAt: { $gte: query.from } });
      if (query.to) failedWhere.push({ createdAt: { $lte: endOfDay(query.to) } });
      const failedResponses = await db.failedResponses.count(failedWhere.length ? { $and: failedWhere } : {});

      return {
        conversations,
        byStatus,
        botOnly,
        botContainment: conversations > 0 ? Math.round((botOnly / conversations) * 1000) / 1000 : null,
        handledByAgent,
        missed,
        firstResponse: durations(firstResponse),
        queueWait: durations(queueWait),
        resolution: durations(resolution),
        rating: { count: ratings, average: ratings > 0 ? Math.round((ratingSum / ratings) * 100) / 100 : null },
        endReasons: [...endReasons]
          .map(([reason, count]) => ({ reason, count }))
          .sort((a, b) => b.count - a.count || a.reason.localeCompare(b.reason)),
        perDay: fillDays(days),
        failedResponses,
        answerFeedback,
      };
    },
  };
};
