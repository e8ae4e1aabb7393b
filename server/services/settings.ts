import type { Core } from '@strapi/strapi';
import { badRequest, conflict, notFound } from '../errors';
import * as serialize from '../serialize';
import { tables, type Tables } from '../store';
import type { Table } from '../store/table';

/** The end reason of conversations that end by themselves after inactivity. */
export const NO_RESPONSE_REASON = 'No response from customer';

/** The default end reasons a new install starts with; editable under Settings. */
export const DEFAULT_END_REASONS = [
  { label: 'Customer issue resolved', requiresNote: false },
  { label: NO_RESPONSE_REASON, requiresNote: false },
  { label: 'Will be contacted upon issue resolution', requiresNote: false },
  { label: 'Spam or abuse', requiresNote: false },
  { label: 'Others', requiresNote: true },
];

/** Default labels renamed since: an install still holding the old one, never edited, gets the new one. */
const RENAMED_END_REASONS = [{ from: 'Time waster', to: 'Spam or abuse' }];

/** A row Strapi stamped once on creation and never since (updates move `updatedAt`). */
const neverEdited = (row: { createdAt?: unknown; updatedAt?: unknown }) =>
  row.createdAt != null && new Date(String(row.updatedAt)).getTime() === new Date(String(row.createdAt)).getTime();

/** CRUD over one configuration table; a duplicate unique field is a 409 naming it. */
function crud<Row extends { id: number }, Out>(
  table: Table<Row>,
  present: (row: Row) => Out,
  options: { what: string; unique: keyof Row & string; orderBy: Record<string, 'asc' | 'desc'>[] },
) {
  const ensureUnique = async (data: Record<string, unknown>, exceptId?: number) => {
    const value = data[options.unique];
    if (value === undefined) return;
    const clash = await table.findOne({ [options.unique]: value, ...(exceptId ? { id: { $ne: exceptId } } : {}) });
    if (clash) throw conflict(`${options.unique}: a ${options.what} "${String(value)}" already exists`);
  };
  const load = async (id: number) => {
    const row = await table.findOne({ id });
    if (!row) throw notFound(options.what, id);
    return row;
  };
  return {
    async list() {
      return (await table.findMany({ orderBy: options.orderBy })).map(present);
    },
    async create(data: Record<string, unknown>) {
      await ensureUnique(data);
      return present(await table.create(data));
    },
    async update(id: number, data: Record<string, unknown>) {
      await load(id);
      await ensureUnique(data, id);
      return present((await table.update({ id }, data)) as Row);
    },
    async remove(id: number) {
      await load(id);
      await table.deleteMany({ id });
    },
  };
}

/** Tags, canned messages, end reasons and teams: what admins configure. */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const db: Tables = tables(strapi);
  const teams = crud(db.teams, serialize.team, { what: 'team', unique: 'name', orderBy: [{ name: 'asc' }] });
  return {
    tags: crud(db.tags, serialize.tag, { what: 'tag', unique: 'name', orderBy: [{ name: 'asc' }] }),
    cannedMessages: crud(db.cannedMessages, serialize.cannedMessage, {
      what: 'canned message',
      unique: 'shortcut',
      orderBy: [{ shortcut: 'asc' }],
    }),
    endReasons: crud(db.endReasons, serialize.endReason, {
      what: 'end reason',
      unique: 'label',
      orderBy: [{ position: 'asc' }, { id: 'asc' }],
    }),
    teams: {
      ...teams,
      async remove(id: number) {
        await teams.remove(id);
        await db.conversations.updateMany({ teamId: id }, { teamId: null });
      },
    },

    async requireTeam(id: number, field: string) {
      const row = await db.teams.findOne({ id });
      if (!row) throw badRequest(field, `no team with id ${id}`);
      return row;
    },

    async requireEndReason(id: number, field: string) {
      const row = await db.endReasons.findOne({ id });
      if (!row) throw badRequest(field, `no end reason with id ${id}`);
      return serialize.endReason(row);
    },

    /** The tags with these ids, or a 400 naming the first unknown one. */
    async requireTags(ids: number[], field: string) {
      const unique = [...new Set(ids)];
      const rows = unique.length ? await db.tags.findMany({ where: { id: { $in: unique } } }) : [];
      const missing = unique.find((id) => !rows.some((r) => r.id === id));
      if (missing !== undefined) throw badRequest(field, `no tag with id ${missing}`);
      return rows;
    },

    /** The tag named `name`, created of kind `automated` when there is none (rules name tags that may not exist yet). */
    async automatedTag(name: string) {
      const existing = await db.tags.findOne({ name });
      if (existing) return existing;
      try {
        return await db.tags.create({ name, kind: 'automated' });
      } catch (error) {
        // Another instance or event created it in between: the unique name keeps one.
        const created = await db.tags.findOne({ name });
        if (created) return created;
        throw error;
      }
    },

    /**
     * Seeds the default end reasons into an empty install; in an existing one, renames a default whose
     * wording changed, only where the row is still as seeded (never updated, no clash with the new label).
     */
    async seedDefaults() {
      if ((await db.endReasons.count()) === 0) {
        for (const [position, reason] of DEFAULT_END_REASONS.entries())
          await db.endReasons.create({ ...reason, position });
        return;
      }
      for (const { from, to } of RENAMED_END_REASONS) {
        const row = await db.endReasons.findOne({ label: from });
        if (!row || !neverEdited(row) || (await db.endReasons.findOne({ label: to }))) continue;
        await db.endReasons.update({ id: row.id }, { label: to });
      }
    },
  };
};
