import type { Core } from '@strapi/strapi';
import type { AgentSummary } from '../../plugin/contracts/entities';
import { badRequest } from '../errors';
import type { AdminUserRow } from '../store/rows';
import { uses } from './registry';

const displayName = (user: AdminUserRow) =>
  [user.firstname, user.lastname].filter(Boolean).join(' ') || user.username || user.email;

/** Agents are Strapi admin users; this reads them and adds presence. */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const { presence } = uses(strapi, ['presence']);
  const users = () => strapi.db.query('admin::user');

  // Names change rarely and every relayed message shows its conversation's assignee: rows are kept a few
  // seconds (presence is always current: it is read at each call).
  const cached = new Map<number, { row: AdminUserRow; until: number }>();
  const CACHE_MS = 5_000;

  const summarize = (user: AdminUserRow): AgentSummary => ({
    id: user.id,
    name: displayName(user),
    email: user.email,
    presence: presence().of(user.id),
  });

  return {
    displayName,

    /** An active admin user by id, or a 400 naming `field`. */
    async require(id: number, field: string): Promise<AdminUserRow> {
      const user = (await users().findOne({ where: { id, isActive: true } })) as AdminUserRow | null;
      if (!user) throw badRequest(field, `no active agent with id ${id}`);
      return user;
    },

    /** Summaries of the given agents, keyed by id (one query). */
    async summaries(ids: Array<number | null>): Promise<Map<number, AgentSummary>> {
      const wanted = [...new Set(ids.filter((id): id is number => typeof id === 'number'))];
      if (wanted.length === 0) return new Map();
      const now = Date.now();
      const missing = wanted.filter((id) => (cached.get(id)?.until ?? 0) <= now);
      if (missing.length > 0) {
        const rows = (await users().findMany({ where: { id: { $in: missing } } })) as AdminUserRow[];
        for (const row of rows) cached.set(row.id, { row, until: now + CACHE_MS });
      }
      const found = wanted.flatMap((id) => {
        const entry = cached.get(id);
        return entry ? [summarize(entry.row)] : [];
      });
      return new Map(found.map((summary) => [summary.id, summary]));
    },

    async list(): Promise<AgentSummary[]> {
      const rows = (await users().findMany({ where: { isActive: true }, orderBy: { id: 'asc' } })) as AdminUserRow[];
      return rows.map(summarize);
    },
  };
};
