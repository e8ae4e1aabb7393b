import type { AgentSummary, JourneyEvent, Team } from '../../../plugin/contracts/entities';
import type { Tr } from '../i18n';

const text = (value: unknown) => (typeof value === 'string' || typeof value === 'number' ? String(value) : '');
const list = (value: unknown) => (Array.isArray(value) ? value.map(text).join(', ') : '');

/** A visited page as agents read it: its path and query ("/checkout?step=2"), or the text as the site sent it. */
export function pagePath(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.pathname}${parsed.search}`;
  } catch {
    return url;
  }
}

/** Who did it: the visitor, the bot, the system or an agent by name. */
export function actorName(actor: string, agents: AgentSummary[], tr: Tr) {
  if (actor.startsWith('agent:')) {
    const id = Number(actor.slice('agent:'.length));
    return agents.find((agent) => agent.id === id)?.name ?? tr('journey.agent', 'Agent #{id}', { id });
  }
  return (
    {
      visitor: tr('journey.visitor', 'Visitor'),
      bot: tr('journey.bot', 'Bot'),
      system: tr('journey.system', 'System'),
    }[actor] ?? actor
  );
}

/** A team by name; "team #id" once it has been deleted. */
function teamName(id: unknown, teams: Team[], tr: Tr) {
  return teams.find((team) => team.id === Number(id))?.name ?? tr('journey.team', 'team #{id}', { id: text(id) });
}

/** Why routing moved a chat, from the `reason` the server records (`unanswered`, `agent offline`). */
function rerouteReason(reason: unknown, tr: Tr) {
  if (reason === 'unanswered') return tr('journey.reroutedUnanswered', 'no answer in time');
  if (reason === 'agent offline') return tr('journey.reroutedOffline', 'the agent went offline');
  return text(reason);
}

/** One journey event as a sentence: who took the chat, tags added, transfers, escalations, broadcasts… */
export function journeyText(event: JourneyEvent, agents: AgentSummary[], tr: Tr, teams: Team[] = []): string {
  const p = event.payload;
  const agent = (id: unknown) => actorName(`agent:${text(id)}`, agents, tr);
  const target = () => (p.toAgentId ? agent(p.toAgentId) : p.toTeamId ? teamName(p.toTeamId, teams, tr) : '');
  switch (event.type) {
    case 'conversation.started':
      return tr('journey.started', 'Conversation started');
    case 'conversation.requestHuman':
      return tr('journey.requestHuman', 'Asked for a human');
    case 'conversation.offline':
      return tr('journey.offline', 'Left a message while nobody was online (reply by email)');
    case 'conversation.pick':
      return tr('journey.pick', 'Chat taken by {agent}', { agent: agent(p.agentId) });
    case 'conversation.assign':
    case 'conversation.auto-assigned':
      return tr('journey.assign', 'Assigned to {agent}', { agent: agent(p.agentId) });
    case 'conversation.transferred':
      return tr('journey.transferred', 'Transferred to {target}', { target: target() });
    case 'conversation.rerouted': {
      const values = {
        target: p.toAgentId ? agent(p.toAgentId) : tr('journey.reroutedQueue', 'the queue'),
        reason: rerouteReason(p.reason, tr),
      };
      return values.reason
        ? tr('journey.rerouted', 'Re-routed to {target}: {reason}', values)
        : tr('journey.reroutedPlain', 'Re-routed to {target}', values);
    }
    case 'conversation.requeue':
      return tr('journey.requeue', 'Returned to the queue');
    case 'conversation.end':
      return tr('journey.end', 'Ended: {reason}', { reason: text(p.reason) });
    case 'conversation.reopen':
    case 'conversation.reopened':
      return tr('journey.reopen', 'Reopened');
    case 'conversation.rated':
      return tr('journey.rated', 'Rated {score}/5', { score: text(p.score) });
    case 'conversation.tagged':
      return [
        list(p.added) && tr('journey.tagAdded', 'Tags added: {tags}', { tags: list(p.added) }),
        list(p.removed) && tr('journey.tagRemoved', 'Tags removed: {tags}', { tags: list(p.removed) }),
      ]
        .filter(Boolean)
        .join(' · ');
    case 'escalation.requested':
      return tr('journey.escalated', 'Escalated to {target}: {note}', { target: target(), note: text(p.note) });
    case 'escalation.accepted':
      return tr('journey.escalationAccepted', 'Escalation accepted');
    case 'escalation.rejected':
      return tr('journey.escalationRejected', 'Escalation rejected: {reason}', { reason: text(p.reason) });
    case 'escalation.cancelled':
      return tr('journey.escalationCancelled', 'Escalation cancelled');
    case 'contact.updated':
      return tr('journey.contactUpdated', 'Details edited ({fields})', { fields: list(p.fields) });
    case 'contact.identified':
      return tr('journey.identified', 'Identified by the site ({fields})', {
        fields: list([
          ...(Array.isArray(p.fields) ? p.fields : []),
          ...(Array.isArray(p.attributes) ? p.attributes : []),
        ]),
      });
    case 'page.viewed':
      return tr('journey.pageViewed', 'Visited {page}', { page: pagePath(text(p.url)) });
    case 'tag.applied':
      return tr('journey.tagApplied', 'Tagged "{tag}" by the rule "{rule}"', { tag: text(p.tag), rule: text(p.rule) });
    case 'broadcast.sent':
      return tr('journey.broadcast', 'Received a broadcast answer');
    case 'follow-up.resumed':
      return tr('journey.followUp', 'Came back from a follow-up email');
    case 'follow-up.unsubscribed':
      return tr('journey.unsubscribed', 'Unsubscribed from follow-up emails');
    default:
      return event.type;
  }
}
