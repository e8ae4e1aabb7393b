import type { Core } from '@strapi/strapi';
import type { Presence } from '../../plugin/lifecycle';
import { pluginConfig } from '../config';
import { service } from './registry';

interface AgentState {
  chosen: Exclude<Presence, 'offline'>;
  sockets: number;
  offlineTimer: NodeJS.Timeout | null;
  since: number;
}

/**
 * Agent presence: online/away as the agent chooses while at least one socket is connected;
 * offline after a grace period once the last socket is gone (a page reload does not flap).
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const agents = new Map<number, AgentState>();

  const announce = (agentId: number) =>
    service(strapi, 'events').emit('agent:presence', { agentId, presence: current(agentId) });

  const current = (agentId: number): Presence => {
    const state = agents.get(agentId);
    if (!state) return 'offline';
    return state.chosen;
  };

  return {
    of: current,

    /** Agents currently online (not away, not offline). */
    online(): number[] {
      return [...agents.entries()].filter(([, s]) => s.chosen === 'online').map(([id]) => id);
    },

    /** Milliseconds since the agent's presence last changed (for "idle longest" routing). */
    since(agentId: number): number {
      return agents.get(agentId)?.since ?? 0;
    },

    connected(agentId: number) {
      const state = agents.get(agentId);
      if (state) {
        state.sockets += 1;
        if (state.offlineTimer) clearTimeout(state.offlineTimer);
        state.offlineTimer = null;
        return;
      }
      agents.set(agentId, { chosen: 'online', sockets: 1, offlineTimer: null, since: Date.now() });
      announce(agentId);
    },

    disconnected(agentId: number) {
      const state = agents.get(agentId);
      if (!state) return;
      state.sockets = Math.max(0, state.sockets - 1);
      if (state.sockets > 0) return;
      const graceMs = pluginConfig(strapi).presenceGraceSeconds * 1000;
      const goOffline = () => {
        if (agents.get(agentId)?.sockets === 0) {
          agents.delete(agentId);
          announce(agentId);
        }
      };
      if (graceMs === 0) goOffline();
      else {
        state.offlineTimer = setTimeout(goOffline, graceMs);
        state.offlineTimer.unref();
      }
    },

    set(agentId: number, presence: Presence) {
      if (presence === 'offline') {
        agents.delete(agentId);
      } else {
        const state = agents.get(agentId);
        if (!state) return;
        if (state.chosen === presence) return;
        state.chosen = presence;
        state.since = Date.now();
      }
      announce(agentId);
    },

    clear() {
      for (const state of agents.values()) if (state.offlineTimer) clearTimeout(state.offlineTimer);
      agents.clear();
    },
  };
};
