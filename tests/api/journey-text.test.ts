// A plain test of the admin's journey sentences (no Strapi): re-route reasons and team names.
import type { AgentSummary, JourneyEvent, Team } from '../../plugin';
import { journeyText } from '../../admin/src/contacts/journeyText';

/** The English defaults with their {placeholders} filled, as react-intl would for simple messages. */
const tr = (_id: string, english: string, values: Record<string, unknown> = {}) =>
  english.replace(/\{(\w+)\}/g, (_, name: string) => String(values[name] ?? ''));

const agents = [{ id: 7, name: 'Robin' }] as AgentSummary[];
const teams = [{ id: 3, name: 'Billing', memberIds: [] }] as unknown as Team[];
const event = (type: string, payload: Record<string, unknown>) =>
  ({ id: 1, type, actor: 'system', payload, createdAt: '2024-01-01T00:00:00Z' }) as unknown as JourneyEvent;

describe('journey sentences', () => {
  it('a re-route says where the chat went and why', () => {
    expect(journeyText(event('conversation.rerouted', { reason: 'unanswered', toAgentId: 7 }), agents, tr)).toBe(
      'Re-routed to Robin: no answer in time',
    );
    expect(journeyText(event('conversation.rerouted', { reason: 'agent offline', toAgentId: null }), agents, tr)).toBe(
      'Re-routed to the queue: the agent went offline',
    );
    expect(journeyText(event('conversation.rerouted', {}), agents, tr)).toBe('Re-routed to the queue');
  });

  it('a transfer or escalation to a team names the team, or its id once it is gone', () => {
    expect(journeyText(event('conversation.transferred', { toTeamId: 3 }), agents, tr, teams)).toBe(
      'Transferred to Billing',
    );
    expect(journeyText(event('escalation.requested', { toTeamId: 9, note: 'refund' }), agents, tr, teams)).toBe(
      'Escalated to team #9: refund',
    );
  });
});
