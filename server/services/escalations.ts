import type { Core } from '@strapi/strapi';
import { checkEscalation, type EscalationAction } from '../../plugin/lifecycle';
import { badRequest, conflict, forbidden, notFound } from '../errors';
import * as serialize from '../serialize';
import { tables } from '../store';
import type { Viewer } from '../viewer';
import { service } from './registry';

/**
 * Escalations: an open conversation asks another agent or a team to take over; the receiver accepts
 * or rejects (with a reason), the sender may cancel. pending → accepted | rejected | cancelled.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const db = tables(strapi);

  const load = async (id: number) => {
    const row = await db.escalations.findOne({ id });
    if (!row) throw notFound('Escalation', id);
    return row;
  };

  const mayReceive = async (escalation: { toAgentId: number | null; toTeamId: number | null }, viewer: Viewer) => {
    if (escalation.toAgentId !== null) return escalation.toAgentId === viewer.id;
    const team = escalation.toTeamId === null ? null : await db.teams.findOne({ id: escalation.toTeamId });
    return Boolean(team?.memberIds?.includes(viewer.id)) || viewer.can('assign');
  };

  const announce = async (escalationId: number) => {
    const escalation = await load(escalationId);
    const conversation = await service(strapi, 'conversations').load(escalation.conversationId);
    service(strapi, 'events').emit('escalation:changed', { escalation, conversation });
    return serialize.escalation(escalation);
  };

  return {
    async create(
      conversationId: number,
      input: { toAgentId?: number; toTeamId?: number; note: string; expectedResolutionMinutes?: number },
      viewer: Viewer,
    ) {
      const conversation = await service(strapi, 'conversations').load(conversationId);
      if (conversation.status !== 'open')
        throw conflict(`Cannot escalate a conversation that is ${conversation.status}`);
      if (conversation.assigneeId !== viewer.id && !viewer.can('assign')) {
        throw forbidden('Only the assigned agent can escalate this conversation');
      }
      if (input.toAgentId !== undefined) {
        if (input.toAgentId === viewer.id) throw badRequest('toAgentId', 'cannot escalate to yourself');
        await service(strapi, 'agents').require(input.toAgentId, 'toAgentId');
      }
      if (input.toTeamId !== undefined) await service(strapi, 'settings').requireTeam(input.toTeamId, 'toTeamId');
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
        await service(strapi, 'journey').record({
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
      const conversation = await service(strapi, 'conversations').load(escalation.conversationId);
      const decided = await db.escalations.updateMany(
        { id, status: 'pending' },
        { status: check.to, reason: reason ?? null, decidedAt: new Date(), decidedById: viewer.id },
      );
      if (decided === 0) throw conflict(`Cannot ${action} an escalation that was decided meanwhile`);
      await service(strapi, 'journey').record({
        contactId: conversation.contactId,
        conversationId: conversation.id,
        type: `escalation.${check.to}`,
        actor: `agent:${viewer.id}`,
        payload: { escalationId: id, reason: reason ?? null },
      });
      if (action === 'accept') {
        await service(strapi, 'conversations').transition(conversation.id, 'transfer', {
          actor: `agent:${viewer.id}`,
          byAgent: true,
          patch: { assigneeId: viewer.id, assignedAt: new Date(), teamId: escalation.toTeamId ?? conversation.teamId },
          journey: { type: 'conversation.transferred', payload: { toAgentId: viewer.id, escalationId: id } },
        });
      }
      return announce(id);
    },

    async list(filter: { status?: string; mine?: boolean }, viewer: Viewer) {
      const where: Record<string, unknown> = {};
      if (filter.status) where.status = filter.status;
      if (filter.mine) where.$or = [{ toAgentId: viewer.id }, { fromAgentId: viewer.id }];
      const rows = await db.escalations.findMany({
        where,
        orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
        limit: 200,
      });
      return rows.map(serialize.escalation);
    },

    async forConversation(conversationId: number) {
      const rows = await db.escalations.findMany({ where: { conversationId }, orderBy: { id: 'asc' } });
      return rows.map(serialize.escalation);
    },
  };
};
