import type { Core } from '@strapi/strapi';
import type { AgentSummary } from '../../plugin/contracts/entities';
import { badRequest } from '../errors';
import type { AdminUserRow } from '../store/rows';
import { service } from './registry';

const displayName = (user: AdminUserRow) =>
  [user.firstname, user.lastname].filter(Boolean).join(' ') || user.username || user.email;

/** Agents are Strapi admin users; this reads them and adds presence. */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const users = () => strapi.db.query('admin::user');

  const summarize = (user: AdminUserRow): AgentSummary => ({
    id: user.id,
    name: displayName(user),
    email: user.email,
    presence: service(strapi, 'presence').of(user.id),
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
      const rows = (await users().findMany({ where: { id: { $in: wanted } } })) as AdminUserRow[];
      return new Map(rows.map((row) => [row.id, summarize(row)]));
    },

    async list(): Promise<AgentSummary[]> {
      const rows = (await users().findMany({ where: { isActive: true }, orderBy: { id: 'asc' } })) as AdminUserRow[];
      return rows.map(summarize);
    },
  };
};
