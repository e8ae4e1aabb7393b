import type { Core } from '@strapi/strapi';
import type { ListOnlineAgents } from '../../plugin/contracts/agent';
import { actionId } from '../../plugin/permissions';
import { isOpen } from '../business-hours';
import { pluginConfig } from '../config';
import { conflict, LivechatError } from '../errors';
import { book, chooseAgent, type Candidate } from '../routing/candidates';
import { tables } from '../store';
import type { AdminUserRow, ConversationRow } from '../store/rows';
import { sqlNames, toMillis } from '../store/sql';
import type { Ability } from '../viewer';
import type { LivechatEvents } from './events';
import { uses } from './registry';

/** Queued conversations one auto-assign round looks at, oldest first. */
const DISPATCH_BATCH = 200;
/** Conversations one unanswered sweep re-routes at most. */
const SWEEP_BATCH = 200;

type Journey = { type: string; payload: Record<string, unknown> };
/** Throws a 409 unless the conversation is still in the state routing decided on. */
type Guard = (current: ConversationRow) => void;

const changedMeanwhile = () => conflict('The conversation changed meanwhile');
const stillQueued: Guard = (current) => {
  if (current.status !== 'queued') throw changedMeanwhile();
};
const stillHeldBy =
  (agentId: number | null): Guard =>
  (current) => {
    if (current.status !== 'open' || current.assigneeId !== agentId) throw changedMeanwhile();
  };
type ConversationChange = LivechatEvents['conversation:changed'][0];

/**
 * Routing: the per-agent capacity, auto-assign (least-loaded online team member, then idle longest),
 * what happens to an agent's chats when they go offline, and re-routing of unanswered chats.
 *
 * Every instance routes (presence is shared between instances). The compare-and-set in `transition()`
 * plus the expected-state guards below make sure a conversation moves once however many instances try;
 * the per-agent capacity check (the capacity service) runs under a lock per agent shared through Redis.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const { agents, capacity, conversations, deskSettings, events, presence } = uses(strapi, [
    'agents',
    'capacity',
    'conversations',
    'desk-settings',
    'events',
    'presence',
  ]);
  const db = tables(strapi);
  const routingSettings = async () => (await deskSettings().get()).routing;

  /** Agents who let a conversation go unanswered: auto-assign does not hand it back to them. */
  const declined = new Map<number, Set<number>>();

  // Routing work (auto-assign rounds, offline hand-backs, sweeps) runs one task at a time.
  let work: Promise<void> = Promise.resolve();
  let dispatchRequested = false;
  let stopped = true;
  let sweepTimer: NodeJS.Timeout | null = null;
  let unsubscribe: Array<() => void> = [];

  const enqueue = (what: string, task: () => Promise<void>) => {
    work = work.then(async () => {
      if (stopped) return;
      try {
        await task();
      } catch (error) {
        strapi.log.error(`livechat routing: ${what} failed: ${(error as Error).stack ?? error}`);
      }
    });
  };

  /** Per agent: open conversations held, and when they last got one (any status), in one grouped query. */
  const workloads = async (agentIds: number[]) => {
    const { table, column } = sqlNames(strapi, 'conversation');
    const knex = strapi.db.connection;
    const rows = (await knex(table)
      .select({ agentId: column('assigneeId') })
      .select(knex.raw('SUM(CASE WHEN ?? = ? THEN 1 ELSE 0 END) AS ??', [column('status'), 'open', 'open']))
      .max({ lastAssignedAt: column('assignedAt') })
      .whereIn(column('assigneeId'), agentIds)
      .groupBy(column('assigneeId'))) as Array<{ agentId: number | string; open: unknown; lastAssignedAt: unknown }>;
    return new Map(
      rows.map((row) => [
        Number(row.agentId),
        { open: Number(row.open ?? 0), lastAssignedAt: toMillis(row.lastAssignedAt) ?? 0 },
      ]),
    );
  };

  /** Online (not away) agents who may reply, with their load, idle time and teams. */
  const loadCandidates = async (): Promise<Candidate[]> => {
    const online = presence().online();
    if (online.length === 0) return [];
    const users = (await strapi.db
      .query('admin::user')
      .findMany({ where: { id: { $in: online }, isActive: true }, populate: ['roles'] })) as AdminUserRow[];
    const engine = strapi.service('admin::permission').engine;
    const repliers: AdminUserRow[] = [];
    for (const user of users) {
      const ability = (await engine.generateUserAbility(user)) as Ability;
      if (ability.can(actionId('reply'))) repliers.push(user);
    }
    if (repliers.length === 0) return [];
    const [work, teams] = await Promise.all([workloads(repliers.map((u) => u.id)), db.teams.findMany()]);
    return repliers.map((user) => ({
      id: user.id,
      name: agents().displayName(user),
      load: work.get(user.id)?.open ?? 0,
      idleSince: Math.max(presence().since(user.id), work.get(user.id)?.lastAssignedAt ?? 0),
      teamIds: new Set(teams.filter((team) => team.memberIds?.includes(user.id)).map((team) => team.id)),
    }));
  };

  /**
   * Gives the conversation to `agent` through the lifecycle, only if it is still as routing saw it
   * (`expected`); false when someone else was faster (409).
   */
  const moveTo = async (
    conversationId: number,
    agent: Candidate,
    move: { action: 'assign' | 'transfer'; expected: Guard; journey: Journey },
  ) => {
    try {
      await capacity().withinCapacity(agent, (checkCapacity) =>
        conversations().transition(conversationId, move.action, {
          actor: 'system',
          patch: { assigneeId: agent.id, assignedAt: new Date() },
          journey: move.journey,
          before: async (current) => {
            move.expected(current);
            await checkCapacity(current);
          },
        }),
      );
      book(agent);
      return true;
    } catch (error) {
      if (!(error instanceof LivechatError) || error.status !== 409) throw error;
      agent.load = await capacity().openCount(agent.id);
      return false;
    }
  };

  /**
   * Auto-assign: queued conversations, oldest first, each to the best online agent of its team. Outside
   * business hours they wait; the periodic sweep assigns them once the desk opens.
   */
  const dispatch = async () => {
    const { routing, businessHours } = await deskSettings().get();
    if (routing.mode !== 'auto' || presence().online().length === 0) return;
    if (!isOpen(businessHours, new Date())) return;
    const queued = await db.conversations.findMany({
      where: { status: 'queued' },
      orderBy: [{ queuedAt: 'asc' }, { id: 'asc' }],
      limit: DISPATCH_BATCH,
    });
    if (queued.length === 0) return;
    const candidates = await loadCandidates();
    for (const conversation of queued) {
      const agent = chooseAgent(candidates, conversation, routing.capacity, declined.get(conversation.id));
      if (!agent) continue;
      await moveTo(conversation.id, agent, {
        action: 'assign',
        expected: stillQueued,
        journey: { type: 'conversation.auto-assigned', payload: { agentId: agent.id } },
      });
    }
  };

  /**
   * Takes an open conversation away from its agent: to another online agent when `candidates` has one,
   * otherwise back to the queue, keeping its original place (the visitor has waited already).
   */
  const reroute = async (conversation: ConversationRow, candidates: Candidate[], reason: string) => {
    const { capacity } = await routingSettings();
    const fromAgentId = conversation.assigneeId;
    const exclude = new Set([...(declined.get(conversation.id) ?? []), ...(fromAgentId ? [fromAgentId] : [])]);
    const agent = chooseAgent(candidates, conversation, capacity, exclude);
    const journey = (toAgentId: number | null): Journey => ({
      type: 'conversation.rerouted',
      payload: { reason, fromAgentId, toAgentId },
    });
    const expected = stillHeldBy(fromAgentId);
    if (agent && (await moveTo(conversation.id, agent, { action: 'transfer', expected, journey: journey(agent.id) }))) {
      return;
    }
    try {
      await conversations().transition(conversation.id, 'requeue', {
        actor: 'system',
        patch: { assigneeId: null, queuedAt: conversation.queuedAt ?? new Date() },
        journey: journey(null),
        before: async (current) => expected(current),
      });
    } catch (error) {
      // The agent ended or handed it over meanwhile: nothing left to re-route.
      if (!(error instanceof LivechatError) || error.status !== 409) throw error;
    }
  };

  /** An agent went offline: their open conversations go back to the queue, to another agent, or stay. */
  const agentWentOffline = async (agentId: number) => {
    const routing = await routingSettings();
    if (routing.onAgentOffline === 'keep' || presence().of(agentId) !== 'offline') return;
    const held = await db.conversations.findMany({
      where: { status: 'open', assigneeId: agentId },
      orderBy: [{ assignedAt: 'asc' }, { id: 'asc' }],
    });
    if (held.length === 0) return;
    const candidates = routing.onAgentOffline === 'reassign' ? await loadCandidates() : [];
    for (const conversation of held) await reroute(conversation, candidates, 'agent offline');
  };

  /** Open conversations whose agent has not written since they got them, assigned before `cutoff`. */
  const unansweredSince = async (cutoff: Date): Promise<number[]> => {
    const conversation = sqlNames(strapi, 'conversation');
    const message = sqlNames(strapi, 'message');
    const assignedAt = `${conversation.table}.${conversation.column('assignedAt')}`;
    const rows = (await strapi.db
      .connection(conversation.table)
      .select(`${conversation.table}.id as id`)
      .where(conversation.column('status'), 'open')
      .whereNotNull(conversation.column('assigneeId'))
      .where(conversation.column('assignedAt'), '<=', cutoff)
      .whereNotExists((answers) => {
        answers
          .select(strapi.db.connection.raw('1'))
          .from(message.table)
          .whereRaw('?? = ??', [`${message.table}.${message.column('conversationId')}`, `${conversation.table}.id`])
          .where(`${message.table}.${message.column('authorKind')}`, 'agent')
          .whereRaw('?? >= ??', [`${message.table}.${message.column('createdAt')}`, assignedAt]);
      })
      .orderBy(assignedAt, 'asc')
      .limit(SWEEP_BATCH)) as Array<{ id: number }>;
    return rows.map((row) => Number(row.id));
  };

  /** Re-routes conversations their agent left unanswered for `unansweredMinutes`. */
  const rerouteUnanswered = async () => {
    const routing = await routingSettings();
    if (routing.unansweredMinutes <= 0) return;
    const ids = await unansweredSince(new Date(Date.now() - routing.unansweredMinutes * 60_000));
    if (ids.length === 0) return;
    const rows = await db.conversations.findMany({ where: { id: { $in: ids } }, orderBy: { id: 'asc' } });
    const candidates = routing.mode === 'auto' ? await loadCandidates() : [];
    for (const conversation of rows) {
      if (conversation.assigneeId !== null) {
        declined.set(conversation.id, (declined.get(conversation.id) ?? new Set()).add(conversation.assigneeId));
      }
      await reroute(conversation, candidates, 'unanswered');
    }
  };

  const requestDispatch = () => {
    if (dispatchRequested) return;
    dispatchRequested = true;
    enqueue('auto-assign', () => {
      dispatchRequested = false;
      return dispatch();
    });
  };

  const onConversationChanged = ({ conversation, previousStatus, previousAssigneeId }: ConversationChange) => {
    const { status, assigneeId } = conversation;
    if (status === 'ended') declined.delete(conversation.id);
    const joinedQueue = status === 'queued' && previousStatus !== 'queued';
    const freedCapacity = previousStatus === 'open' && (status !== 'open' || assigneeId !== previousAssigneeId);
    if (joinedQueue || freedCapacity) requestDispatch();
  };

  return {
    /** Agents online now who may reply, with the open conversations each holds, least loaded first. */
    async onlineAgents(): Promise<ListOnlineAgents.Response> {
      const [candidates, { capacity }] = await Promise.all([loadCandidates(), routingSettings()]);
      const summaries = await agents().summaries(candidates.map((candidate) => candidate.id));
      const results = candidates.flatMap((candidate) => {
        const summary = summaries.get(candidate.id);
        return summary ? [{ ...summary, openConversations: candidate.load }] : [];
      });
      results.sort((a, b) => a.openConversations - b.openConversations || a.name.localeCompare(b.name));
      return { capacity, results };
    },

    /** Starts listening to the help desk's events and the periodic sweep (called at bootstrap). */
    start() {
      if (!stopped) return;
      stopped = false;
      const bus = events();
      unsubscribe = [
        bus.on('conversation:changed', onConversationChanged),
        bus.on('conversation:removed', ({ id }) => declined.delete(id)),
        bus.on('agent:presence', ({ agentId, presence: now }) => {
          if (now === 'offline') enqueue('offline hand-back', () => agentWentOffline(agentId));
          if (now !== 'away') requestDispatch();
        }),
      ];
      sweepTimer = setInterval(
        () => {
          enqueue('unanswered re-route', rerouteUnanswered);
          requestDispatch();
        },
        pluginConfig(strapi).routingSweepSeconds * 1000,
      );
      sweepTimer.unref();
    },

    /** Resolves once the routing work queued so far (auto-assign rounds, hand-backs, sweeps) is done. */
    async settled() {
      await work;
    },

    /** Stops routing before the sockets close, so a shutdown does not hand chats back; waits for work under way. */
    async stop() {
      stopped = true;
      if (sweepTimer) clearInterval(sweepTimer);
      sweepTimer = null;
      unsubscribe.forEach((off) => off());
      unsubscribe = [];
      await work;
    },
  };
};
