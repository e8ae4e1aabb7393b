import type { Core } from '@strapi/strapi';
import { checkEscalation, type EscalationAction } from '../../plugin/lifecycle';
import { badRequest, conflict, forbidden, notFound } from '../errors';
import * as serialize from '../serialize';
import { tables } from '../store';
import { teamIdsOf } from '../store/escalation-queries';
import { sqlNames } from '../store/sql';
import type { Where } from '../store/table';
import type { Viewer } from '../viewer';
import { uses } from './registry';

/**
 * Escalations: an open conversation asks another agent or a team to take over; the receiver accepts
 * or rejects (with a reason), the sender may cancel. pending → accepted | rejected | cancelled.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const { agents, capacity, conversations, events, journey, settings } = uses(strapi, [
    'agents',
    'capacity',
    'conversations',
    'events',
    'journey',
    'settings',
  ]);
  const db = tables(strapi);

  const load = async (id: number) => {
    const row = await db.escalations.findOne({ id });
    if (!row) throw notFound('Escalation', id);
    return row;
  };

  /**
   * Ids of the newest escalations an agent without "read all" may see: from them, addressed to them or
   * their teams, or on a conversation they may see (queued or theirs). A subquery keeps it one statement
   * however many conversations the agent has held.
   */
  const visibleIds = async (filter: { status?: string; mine?: boolean }, viewer: Viewer, limit: number) => {
    const escalation = sqlNames(strapi, 'escalation');
    const conversation = sqlNames(strapi, 'conversation');
    const knex = strapi.db.connection;
    const e = escalation.column;
    const teamIds = await teamIdsOf(db, viewer.id);
    const query = knex(escalation.table)
      .select({ id: e('id') })
      .where((visible) => {
        visible
          .where(e('fromAgentId'), viewer.id)
          .orWhere(e('toAgentId'), viewer.id)
          .orWhereIn(
            e('conversationId'),
            knex(conversation.table)
              .select(conversation.column('id'))
              .where(conversation.column('status'), 'queued')
              .orWhere(conversation.column('assigneeId'), viewer.id),
          );
        if (teamIds.length) visible.orWhere((team) => team.whereNull(e('toAgentId')).whereIn(e('toTeamId'), teamIds));
      })
      .orderBy([
        { column: e('createdAt'), order: 'desc' },
        { column: e('id'), order: 'desc' },
      ])
      .limit(limit);
    if (filter.status) query.andWhere(e('status'), filter.status);
    if (filter.mine)
      query.andWhere((mine) => mine.where(e('toAgentId'), viewer.id).orWhere(e('fromAgentId'), viewer.id));
    return ((await query) as Array<{ id: number | string }>).map((row) => Number(row.id));
  };

  const mayReceive = async (escalation: { toAgentId: number | null; toTeamId: number | null }, viewer: Viewer) => {
    if (escalation.toAgentId !== null) return escalation.toAgentId === viewer.id;
    const team = escalation.toTeamId === null ? null : await db.teams.findOne({ id: escalation.toTeamId });
    return Boolean(team?.memberIds?.includes(viewer.id)) || viewer.can('assign');
  };

  const announce = async (escalationId: number) => {
    const escalation = await load(escalationId);
    const conversation = await conversations().load(escalation.conversationId);
    events().emit('escalation:changed', { escalation, conversation });
    return serialize.escalation(escalation);
  };

  return {
    async create(
      conversationId: number,
      input: { toAgentId?: number; toTeamId?: number; note: string; expectedResolutionMinutes?: number },
      viewer: Viewer,
    ) {
      const conversation = await conversations().load(conversationId);
      if (conversation.status !== 'open')
        throw conflict(`Cannot escalate a conversation that is ${conversation.status}`);
      if (conversation.assigneeId !== viewer.id && !viewer.can('assign')) {
        throw forbidden('Only the assigned agent can escalate this conversation');
      }
      if (input.toAgentId !== undefined) {
        if (input.toAgentId === viewer.id) throw badRequest('toAgentId', 'cannot escalate to yourself');
        await agents().require(input.toAgentId, 'toAgentId');
      }
      if (input.toTeamId !== undefined) await settings().requireTeam(input.toTeamId, 'toTeamId');
      const pending = await db.escalations.count({ conversationId, status: 'pending' });
      if (pending > 0) throw conflict(`Conversation ${conversationId} already has a pending escalation`);
      const row = await strapi.db.transaction(async () => {
        const created = await db.escalations.create({
          conversationId,
          fromAgentId: viewer.id,
          toAgentId: input.toAgentId ?? null,
          toTeamId: input.toTeamId ?? null,
          note: input.note,
          status: 'pending',
          expectedResolutionMinutes: input.expectedResolutionMinutes ?? null,
        });
        await journey().record({
          contactId: conversation.contactId,
          conversationId,
          type: 'escalation.requested',
          actor: `agent:${viewer.id}`,
          payload: {
            escalationId: created.id,
            toAgentId: created.toAgentId,
            toTeamId: created.toTeamId,
            note: input.note,
          },
        });
        return created;
      });
      return announce(row.id);
    },

    /** Accept, reject (reason required) or cancel a pending escalation; a compare-and-set keeps it single. */
    async decide(id: number, action: EscalationAction, viewer: Viewer, reason?: string) {
      const escalation = await load(id);
      const check = checkEscalation(escalation.status, action);
      if (!check.allowed) throw conflict(check.reason);
      if (action === 'cancel' && escalation.fromAgentId !== viewer.id && !viewer.can('assign')) {
        throw forbidden('Only the agent who escalated can cancel this escalation');
      }
      if (action !== 'cancel' && !(await mayReceive(escalation, viewer))) {
        throw forbidden('This escalation is addressed to another agent or team');
      }
      if (action === 'reject' && !reason) throw badRequest('reason', 'is required to reject an escalation');
      const conversation = await conversations().load(escalation.conversationId);
      const record = async () => {
        const decided = await db.escalations.updateMany(
          { id, status: 'pending' },
          { status: check.to, reason: reason ?? null, decidedAt: new Date(), decidedById: viewer.id },
        );
        if (decided === 0) throw conflict(`Cannot ${action} an escalation that was decided meanwhile`);
        await journey().record({
          contactId: conversation.contactId,
          conversationId: conversation.id,
          type: `escalation.${check.to}`,
          actor: `agent:${viewer.id}`,
          payload: { escalationId: id, reason: reason ?? null },
        });
      };
      if (action !== 'accept') {
        await record();
        return announce(id);
      }
      // The receiver takes the conversation like any assignment: under their capacity, checked before the
      // escalation is marked accepted, so a refusal leaves it pending.
      await capacity().withinCapacity(viewer, async (checkCapacity) => {
        await checkCapacity(conversation);
        await record();
        await conversations().transition(conversation.id, 'transfer', {
          actor: `agent:${viewer.id}`,
          byAgent: true,
          patch: { assigneeId: viewer.id, assignedAt: new Date(), teamId: escalation.toTeamId ?? conversation.teamId },
          journey: { type: 'conversation.transferred', payload: { toAgentId: viewer.id, escalationId: id } },
        });
      });
      return announce(id);
    },

    /** The newest 200 escalations; an agent without "read all" sees only those around their own and queued chats. */
    async list(filter: { status?: string; mine?: boolean }, viewer: Viewer) {
      const limit = 200;
      const where: Where = {};
      if (viewer.can('readAll')) {
        if (filter.status) where.status = filter.status;
        if (filter.mine) where.$or = [{ toAgentId: viewer.id }, { fromAgentId: viewer.id }];
      } else {
        where.id = { $in: await visibleIds(filter, viewer, limit) };
      }
      const rows = await db.escalations.findMany({
        where,
        orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
        limit,
      });
      return rows.map(serialize.escalation);
    },

    /** Agents a pending escalation of the conversation is addressed to (named agents and team members). */
    async pendingRecipients(conversationId: number) {
      const pending = await db.escalations.findMany({ where: { conversationId, status: 'pending' } });
      const teamIds = pending.filter((e) => e.toAgentId === null && e.toTeamId !== null).map((e) => e.toTeamId);
      const teams = teamIds.length ? await db.teams.findMany({ where: { id: { $in: teamIds } } }) : [];
      return [
        ...new Set([
          ...pending.flatMap((e) => (e.toAgentId === null ? [] : [e.toAgentId])),
          ...teams.flatMap((team) => team.memberIds ?? []),
        ]),
      ];
    },

    async forConversation(conversationId: number) {
      const rows = await db.escalations.findMany({ where: { conversationId }, orderBy: { id: 'asc' } });
      return rows.map(serialize.escalation);
    },
  };
};
