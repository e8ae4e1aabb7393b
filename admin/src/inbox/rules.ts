import type { Conversation } from '../../../plugin/contracts/entities';
import { endOfDay } from '../../../plugin/dates';
import { CONVERSATION_STATUSES, type ConversationStatus } from '../../../plugin/lifecycle';
import type { ListParams } from '../api';

/** The conversation lists of the inbox. */
export type ListTab = 'queue' | 'mine' | 'all' | 'history';

/** Where the filters bar sits: above a conversation list, or above the reports (every status). */
export type FilterScope = ListTab | 'reports';

/** Filters an agent sets on a list; kept in the page's URL so a reload keeps them. */
export interface ListFilters {
  q?: string;
  status?: ConversationStatus;
  assignee?: string;
  team?: string;
  tag?: string;
  from?: string;
  to?: string;
  /** History: only conversations the agent held. */
  mine?: 'true';
  /** Only messages left through the offline form. */
  channel?: 'offline';
  /** Only conversations with visitor messages no agent has read. */
  unread?: 'true';
}

const TAB_RULES: Record<ListTab, { statuses: ConversationStatus[]; mine: boolean; sort: string }> = {
  queue: { statuses: ['queued'], mine: false, sort: 'queuedAt:asc' },
  mine: { statuses: ['open'], mine: true, sort: 'lastMessageAt:desc' },
  all: { statuses: ['bot', 'queued', 'open'], mine: false, sort: 'lastMessageAt:desc' },
  history: { statuses: ['ended'], mine: false, sort: 'lastMessageAt:desc' },
};

/** Statuses an agent may pick in the status filter of a list, or of the reports (all of them). */
export const tabStatuses = (scope: FilterScope) =>
  scope === 'reports' ? [...CONVERSATION_STATUSES] : TAB_RULES[scope].statuses;

/** The reports' query for the filters: the list filters, over every status unless one is picked. */
export function reportParams(filters: ListFilters): ListParams {
  const { q, status, assignee, team, tag, from, to, mine } = filters;
  return { q, status, assignee, team, tag, from, to, mine: mine === 'true' ? 'true' : undefined };
}

/** The list route's query for a tab and its filters (what the server filters and sorts by). */
export function listParams(tab: ListTab, filters: ListFilters): ListParams {
  const rule = TAB_RULES[tab];
  const status = filters.status && rule.statuses.includes(filters.status) ? [filters.status] : rule.statuses;
  return {
    status: status.join(','),
    mine: rule.mine || filters.mine === 'true' ? 'true' : undefined,
    assignee: filters.assignee,
    team: filters.team,
    tag: filters.tag,
    from: filters.from,
    to: filters.to,
    q: filters.q,
    channel: filters.channel,
    unread: filters.unread,
    sort: rule.sort,
  };
}

/**
 * Whether a conversation pushed over the socket belongs in a list, by the same rules the server filters
 * with. The text search (`q`) also matches message text, which only the server can check.
 */
export function belongsTo(conversation: Conversation, tab: ListTab, filters: ListFilters, me: number): boolean {
  const params = listParams(tab, filters);
  if (!params.status?.split(',').includes(conversation.status)) return false;
  if (params.mine && conversation.assignee?.id !== me) return false;
  if (filters.assignee && String(conversation.assignee?.id ?? '') !== filters.assignee) return false;
  if (filters.team && String(conversation.teamId ?? '') !== filters.team) return false;
  if (filters.tag && !conversation.tags.some((tag) => String(tag.id) === filters.tag)) return false;
  if (filters.channel && conversation.channel !== filters.channel) return false;
  if (filters.unread && conversation.unreadByAgent === 0) return false;
  if (filters.from && conversation.createdAt < filters.from) return false;
  if (filters.to && conversation.createdAt > endOfDay(filters.to)) return false;
  return true;
}

const time = (value: string | null) => (value ? Date.parse(value) : 0);

/** The order a tab shows: the queue longest wait first, the others latest activity first. */
export function compareIn(tab: ListTab) {
  if (tab === 'queue') {
    return (a: Conversation, b: Conversation) => time(a.queuedAt) - time(b.queuedAt) || a.id - b.id;
  }
  return (a: Conversation, b: Conversation) =>
    time(b.lastMessageAt ?? b.createdAt) - time(a.lastMessageAt ?? a.createdAt) || b.id - a.id;
}

/** Filters read from the URL's search parameters. */
export function filtersFrom(search: URLSearchParams): ListFilters {
  const filters: ListFilters = {};
  for (const key of ['q', 'status', 'assignee', 'team', 'tag', 'from', 'to', 'mine', 'channel', 'unread'] as const) {
    const value = search.get(key);
    if (value) (filters as Record<string, string>)[key] = value;
  }
  return filters;
}
