import type { ListConversations } from '../../plugin/contracts/agent';
import { endOfDay } from '../../plugin/dates';
import type { Where } from './table';
import type { Tables } from '.';

type ListQuery = ReturnType<typeof ListConversations.query.parse>;
/** The list's filters, without paging and sort (the CSV report uses the same ones). */
type ListFilter = Omit<ListQuery, 'page' | 'pageSize' | 'sort'>;

const SORTS: Record<ListQuery['sort'], Record<string, 'asc' | 'desc'>> = {
  'lastMessageAt:desc': { lastMessageAt: 'desc' },
  'createdAt:desc': { createdAt: 'desc' },
  'queuedAt:asc': { queuedAt: 'asc' },
};

/**
 * The `where` for the conversation list: filters, text search over contact name/email and message text,
 * and what the viewer may see (an agent without "read all" sees the queue and their own conversations).
 * Served by the indexes on status, assignee, team, contact and last message time.
 */
export async function conversationListWhere(
  db: Tables,
  query: ListFilter,
  viewer: { id: number; readAll: boolean },
): Promise<Where> {
  const and: Where[] = [];
  if (query.status?.length) and.push({ status: { $in: query.status } });
  if (query.mine) and.push({ assigneeId: viewer.id });
  if (query.assignee) and.push({ assigneeId: query.assignee });
  if (query.team) and.push({ teamId: query.team });
  if (query.contact) and.push({ contactId: query.contact });
  if (query.tag) and.push({ tags: { id: query.tag } });
  if (query.channel) and.push({ channel: query.channel });
  if (query.unread) and.push({ unreadByAgent: { $gt: 0 } });
  if (query.from) and.push({ createdAt: { $gte: query.from } });
  if (query.to) and.push({ createdAt: { $lte: endOfDay(query.to) } });
  if (query.q) {
    const [contacts, messages] = await Promise.all([
      db.contacts.findMany({
        where: { $or: [{ name: { $containsi: query.q } }, { email: { $containsi: query.q } }] },
        select: ['id'],
        limit: 1000,
      }),
      db.messages.findMany({ where: { text: { $containsi: query.q } }, select: ['conversationId'], limit: 1000 }),
    ]);
    and.push({
      $or: [
        { contactId: { $in: contacts.map((c) => c.id) } },
        { id: { $in: [...new Set(messages.map((m) => m.conversationId))] } },
      ],
    });
  }
  if (!viewer.readAll) and.push({ $or: [{ status: 'queued' }, { assigneeId: viewer.id }] });
  return and.length ? { $and: and } : {};
}

export const conversationListOrder = (sort: ListQuery['sort']) => [SORTS[sort], { id: 'desc' as const }];
