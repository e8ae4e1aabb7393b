import type { Core } from '@strapi/strapi';
import { randomUUID } from 'node:crypto';
import type { Availability } from '../../plugin/contracts/visitor';
import type { Presence } from '../../plugin/lifecycle';
import { availabilityOf } from '../business-hours';
import { pluginConfig } from '../config';
import { conflict } from '../errors';
import { uses } from './registry';

interface AgentState {
  chosen: Exclude<Presence, 'offline'>;
  sockets: number;
  offlineTimer: NodeJS.Timeout | null;
  since: number;
}

/** What one instance tells the others: the presence of the agents connected to it. */
export interface PresenceSnapshot {
  instanceId: string;
  agents: Array<{ agentId: number; presence: Exclude<Presence, 'offline'>; since: number }>;
}

/** How snapshots travel between instances (the socket.io Redis adapter, when configured). */
export interface PresenceTransport {
  publish(snapshot: PresenceSnapshot): void;
}

const RANK: Record<Presence, number> = { offline: 0, away: 1, online: 2 };
const REPUBLISH_MS = 10_000;
const REMOTE_EXPIRY_MS = 35_000;

/**
 * Agent presence: online/away as the agent chooses while at least one socket is connected;
 * offline after a grace period once the last socket is gone (a page reload does not flap).
 * With several instances each publishes its agents and merges the others' (an agent is as present
 * as their most present instance); an instance that stops publishing is forgotten after a while.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const { deskSettings, events } = uses(strapi, ['desk-settings', 'events']);
  const instanceId = randomUUID();
  const local = new Map<number, AgentState>();
  const remote = new Map<string, { receivedAt: number; agents: PresenceSnapshot['agents'] }>();
  let transport: PresenceTransport | null = null;
  let republish: NodeJS.Timeout | null = null;

  const remoteStates = (agentId: number) => {
    const now = Date.now();
    const states: Array<{ presence: Presence; since: number }> = [];
    for (const [id, snapshot] of remote) {
      if (now - snapshot.receivedAt > REMOTE_EXPIRY_MS) remote.delete(id);
      else states.push(...snapshot.agents.filter((a) => a.agentId === agentId));
    }
    return states;
  };

  const current = (agentId: number): Presence => {
    const mine = local.get(agentId);
    const candidates: Presence[] = [mine ? mine.chosen : 'offline', ...remoteStates(agentId).map((s) => s.presence)];
    return candidates.reduce((best, next) => (RANK[next] > RANK[best] ? next : best), 'offline');
  };

  const snapshot = (): PresenceSnapshot => ({
    instanceId,
    agents: [...local.entries()].map(([agentId, s]) => ({ agentId, presence: s.chosen, since: s.since })),
  });

  const announce = (agentId: number) => {
    events().emit('agent:presence', { agentId, presence: current(agentId) });
    transport?.publish(snapshot());
  };

  /** Agents currently online (not away, not offline), on any instance. */
  const online = (): number[] => {
    const ids = new Set<number>(local.keys());
    for (const s of remote.values()) s.agents.forEach((a) => ids.add(a.agentId));
    return [...ids].filter((id) => current(id) === 'online');
  };

  return {
    of: current,

    /**
     * A conversation goes only to someone who is there to answer (pick, take over, assign, transfer): a 409
     * naming the agent, their presence and `remedy` unless they are online.
     */
    requireOnline(agent: { id: number; name: string }, remedy: string) {
      const state = current(agent.id);
      if (state !== 'online') throw conflict(`${agent.name} is ${state}; ${remedy}`);
    },

    online,

    /** Whether a person can answer now: an agent online within business hours; else when support opens again. */
    async availability(now = new Date()): Promise<Availability.Response> {
      const { businessHours } = await deskSettings().get();
      return availabilityOf(businessHours, online().length, now);
    },

    /** When the agent's presence last changed, in ms since the epoch (for "idle longest" routing). */
    since(agentId: number): number {
      const times = [local.get(agentId)?.since ?? 0, ...remoteStates(agentId).map((s) => s.since)];
      return Math.max(...times);
    },

    connected(agentId: number) {
      const state = local.get(agentId);
      if (state) {
        state.sockets += 1;
        if (state.offlineTimer) clearTimeout(state.offlineTimer);
        state.offlineTimer = null;
        return;
      }
      local.set(agentId, { chosen: 'online', sockets: 1, offlineTimer: null, since: Date.now() });
      announce(agentId);
    },

    disconnected(agentId: number) {
      const state = local.get(agentId);
      if (!state) return;
      state.sockets = Math.max(0, state.sockets - 1);
      if (state.sockets > 0) return;
      const graceMs = pluginConfig(strapi).presenceGraceSeconds * 1000;
      const goOffline = () => {
        if (local.get(agentId)?.sockets === 0) {
          local.delete(agentId);
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
        local.delete(agentId);
      } else {
        const state = local.get(agentId);
        if (!state) return;
        if (state.chosen === presence) return;
        state.chosen = presence;
        state.since = Date.now();
      }
      announce(agentId);
    },

    /** Connects this instance to the others: publishes now, on every change, and every few seconds. */
    attach(next: PresenceTransport) {
      transport = next;
      transport.publish(snapshot());
      republish = setInterval(() => transport?.publish(snapshot()), REPUBLISH_MS);
      republish.unref();
    },

    /** Merges another instance's snapshot; agents whose presence changed are announced locally. */
    receive(incoming: PresenceSnapshot) {
      if (incoming.instanceId === instanceId) return;
      const isNew = !remote.has(incoming.instanceId);
      const previous = remote.get(incoming.instanceId)?.agents ?? [];
      const affected = new Set([...previous, ...incoming.agents].map((a) => a.agentId));
      const before = new Map([...affected].map((id) => [id, current(id)]));
      remote.set(incoming.instanceId, { receivedAt: Date.now(), agents: incoming.agents });
      for (const id of affected) {
        const now = current(id);
        if (now !== before.get(id)) events().emit('agent:presence', { agentId: id, presence: now });
      }
      // A new instance learns the others' agents at once instead of at their next republish.
      if (isNew) transport?.publish(snapshot());
    },

    /** Tells the others this instance has no agents any more and stops publishing (before the transport closes). */
    detach() {
      if (republish) clearInterval(republish);
      republish = null;
      transport?.publish({ instanceId, agents: [] });
      transport = null;
    },

    /** Forgets every agent of this instance (on shutdown). */
    clear() {
      for (const state of local.values()) if (state.offlineTimer) clearTimeout(state.offlineTimer);
      local.clear();
      remote.clear();
    },
  };
};
