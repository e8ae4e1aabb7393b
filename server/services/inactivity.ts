import type { Core } from '@strapi/strapi';
import { pluginConfig } from '../config';
import { LivechatError } from '../errors';
import { tables } from '../store';
import type { ConversationRow } from '../store/rows';
import { uses } from './registry';
import { NO_RESPONSE_REASON } from './settings';

const HOUR = 3_600_000;
const MINUTE = 60_000;
/** Conversations one sweep looks at per rule, oldest first. */
const SWEEP_BATCH = 200;

const millis = (value: string | Date | null) => (value === null ? null : new Date(value).getTime());

/** Since when the visitor of an open conversation has been silent: their last message, or the agent's arrival. */
const silentSince = (row: ConversationRow) =>
  Math.max(millis(row.lastVisitorMessageAt) ?? 0, millis(row.assignedAt) ?? 0, millis(row.createdAt) ?? 0);

/** Whether the visitor was warned during the silence under way. */
const warnedDuringSilence = (row: ConversationRow) =>
  row.inactivityWarnedAt !== null && (millis(row.inactivityWarnedAt) ?? 0) >= silentSince(row);

export const warningText = (minutes: number) =>
  `Are you still there? This chat closes in ${Math.max(1, Math.round(minutes))} min unless you write to us.`;

/**
 * Inactivity: a `bot` conversation without any message for `botHours` ends by itself; an `open` one whose
 * visitor has not written for `visitorHours` is warned `warningMinutes` before, then ends. Every instance
 * sweeps; the end goes through `transition()` (compare-and-set) and the warning is a compare-and-set on
 * `inactivityWarnedAt`, so with several instances each happens once.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const { conversations, messages } = uses(strapi, ['conversations', 'messages']);
  const db = tables(strapi);
  let timer: NodeJS.Timeout | null = null;
  let sweeping: Promise<void> = Promise.resolve();

  /** Ends the conversation as "No response from customer", unless `stillIdle` says it moved meanwhile (409). */
  const endIdle = async (row: ConversationRow, idleHours: number, stillIdle: (current: ConversationRow) => boolean) => {
    try {
      await conversations().transition(row.id, 'end', {
        actor: 'system',
        patch: { endReason: NO_RESPONSE_REASON, endNote: null },
        journey: { payload: { reason: NO_RESPONSE_REASON, inactiveHours: idleHours } },
        before: async (current) => {
          if (!stillIdle(current)) throw new LivechatError(409, 'The conversation is active again');
        },
      });
    } catch (error) {
      // Another instance ended it first, or someone wrote meanwhile.
      if (!(error instanceof LivechatError) || error.status !== 409) throw error;
    }
  };

  const endIdleBotConversations = async (botHours: number, now: number) => {
    const cutoff = new Date(now - botHours * HOUR);
    const idle = await db.conversations.findMany({
      where: {
        status: 'bot',
        $or: [{ lastMessageAt: { $lte: cutoff } }, { lastMessageAt: { $null: true }, createdAt: { $lte: cutoff } }],
      },
      orderBy: [{ id: 'asc' }],
      limit: SWEEP_BATCH,
    });
    const stillIdle = (current: ConversationRow) =>
      current.status === 'bot' && (millis(current.lastMessageAt) ?? millis(current.createdAt) ?? 0) <= cutoff.getTime();
    for (const row of idle) await endIdle(row, botHours, stillIdle);
  };

  /**
   * Tells the visitor once per silence; the instance whose update wins writes the message. The update
   * also requires the visitor's last message to be the one the sweep saw: one written meanwhile cancels it.
   */
  const warn = async (row: ConversationRow, minutesLeft: number) => {
    const since = new Date(silentSince(row));
    const won = await db.conversations.updateMany(
      {
        id: row.id,
        status: 'open',
        lastVisitorMessageAt: row.lastVisitorMessageAt === null ? { $null: true } : row.lastVisitorMessageAt,
        $or: [{ inactivityWarnedAt: { $null: true } }, { inactivityWarnedAt: { $lt: since } }],
      },
      { inactivityWarnedAt: new Date() },
    );
    if (won === 0) return;
    await messages().sendAsBot(row.id, { text: warningText(minutesLeft) }, 'system');
  };

  const handleSilentVisitors = async (visitorHours: number, warningMinutes: number, now: number) => {
    const warnCutoff = new Date(now - visitorHours * HOUR + warningMinutes * MINUTE);
    const silent = await db.conversations.findMany({
      where: {
        status: 'open',
        $or: [
          { lastVisitorMessageAt: { $lte: warnCutoff } },
          { lastVisitorMessageAt: { $null: true }, createdAt: { $lte: warnCutoff } },
        ],
      },
      orderBy: [{ id: 'asc' }],
      limit: SWEEP_BATCH,
    });
    for (const row of silent) {
      if (silentSince(row) > warnCutoff.getTime()) continue; // an agent took it over recently
      if (!warnedDuringSilence(row)) {
        await warn(row, warningMinutes);
        continue;
      }
      // The visitor gets the whole warning period, even when a sweep was late.
      const endsAt = Math.max(
        silentSince(row) + visitorHours * HOUR,
        millis(row.inactivityWarnedAt)! + warningMinutes * MINUTE,
      );
      if (endsAt > now) continue;
      await endIdle(
        row,
        visitorHours,
        (current) =>
          current.status === 'open' && silentSince(current) === silentSince(row) && warnedDuringSilence(current),
      );
    }
  };

  const sweep = async () => {
    const { botHours, visitorHours, warningMinutes } = pluginConfig(strapi).inactivity;
    const now = Date.now();
    if (botHours > 0) await endIdleBotConversations(botHours, now);
    if (visitorHours > 0) await handleSilentVisitors(visitorHours, warningMinutes, now);
  };

  /**
   * Sweeps on wall-clock multiples of `sweepSeconds`, so the instances' sweeps coincide: the
   * compare-and-sets decide every time, rather than one instance's sweep usually coming first.
   */
  const schedule = () => {
    const period = pluginConfig(strapi).inactivity.sweepSeconds * 1000;
    timer = setTimeout(
      () => {
        sweeping = sweeping
          .then(sweep)
          .catch((error: Error) => {
            strapi.log.error(`livechat inactivity: sweep failed: ${error.stack ?? error.message}`);
          })
          .finally(() => {
            if (timer) schedule();
          });
      },
      period - (Date.now() % period),
    );
    timer.unref();
  };

  return {
    /** Starts the periodic sweep (called at bootstrap). */
    start() {
      if (!timer) schedule();
    },

    /** Stops the sweep and waits for the one under way. */
    async stop() {
      if (timer) clearTimeout(timer);
      timer = null;
      await sweeping;
    },
  };
};
