import type { Where } from './table';
import type { Tables } from '.';

/** Teams the agent is a member of. */
export const teamIdsOf = async (db: Tables, agentId: number) =>
  (await db.teams.findMany()).filter((team) => team.memberIds?.includes(agentId)).map((team) => team.id);

/** Escalations addressed to the agent: to them by name, or to one of their teams without a named agent. */
const addressedTo = async (db: Tables, agentId: number): Promise<Where> => {
  const teamIds = await teamIdsOf(db, agentId);
  return {
    $or: [{ toAgentId: agentId }, ...(teamIds.length ? [{ toAgentId: null, toTeamId: { $in: teamIds } }] : [])],
  };
};

/**
 * Whether a pending escalation of one of these conversations is addressed to the agent or their team:
 * such an agent may see the conversation and its contact.
 */
export async function pendingEscalationFor(db: Tables, conversationIds: number[], agentId: number) {
  if (conversationIds.length === 0) return false;
  const pending = await db.escalations.count({
    $and: [{ conversationId: { $in: conversationIds }, status: 'pending' }, await addressedTo(db, agentId)],
  });
  return pending > 0;
}
