import type { Core } from '@strapi/strapi';
import { conflict } from '../errors';
import { withSharedLock } from '../redis';
import { tables } from '../store';
import type { ConversationRow } from '../store/rows';
import { uses } from './registry';

/**
 * The per-agent capacity: how many open conversations an agent may hold. Agents pick, are assigned and
 * receive transfers through it, by hand (conversations, escalations) or by auto-assign (routing).
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const { deskSettings } = uses(strapi, ['desk-settings']);
  const db = tables(strapi);
  const locks = new Map<number, Promise<unknown>>();

  /**
   * Assignments to one agent happen one at a time, so two at once cannot both pass the capacity check:
   * in this process by a promise chain, across instances (with `redis`) by a shared lock per agent.
   */
  const oneAtATime = <T>(agentId: number, run: () => Promise<T>): Promise<T> => {
    const result = (locks.get(agentId) ?? Promise.resolve()).then(() =>
      withSharedLock(strapi, `agent-capacity:${agentId}`, run),
    );
    const tail = result.catch(() => undefined);
    locks.set(agentId, tail);
    void tail.then(() => locks.get(agentId) === tail && locks.delete(agentId));
    return result;
  };

  const openCount = (agentId: number) => db.conversations.count({ status: 'open', assigneeId: agentId });

  return {
    /** Open conversations the agent holds now. */
    openCount,

    /**
     * Runs an assignment to `agent` under that agent's lock; `checkCapacity` (given to the transition as
     * its `before` hook) refuses with a 409 when the agent already holds `capacity` open conversations.
     */
    withinCapacity<T>(
      agent: { id: number; name: string },
      run: (checkCapacity: (current: ConversationRow) => Promise<void>) => Promise<T>,
    ): Promise<T> {
      return oneAtATime(agent.id, () =>
        run(async (current) => {
          if (current.status === 'open' && current.assigneeId === agent.id) return;
          const { capacity } = (await deskSettings().get()).routing;
          const open = await openCount(agent.id);
          if (open >= capacity) {
            throw conflict(`${agent.name} already has ${open} open conversations (capacity ${capacity})`);
          }
        }),
      );
    },
  };
};
