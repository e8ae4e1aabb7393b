import type { Core } from '@strapi/strapi';
import { uid } from '../../plugin/id';

/**
 * Table and column names behind one plugin content type, for the few statements Strapi's query engine
 * cannot express (grouped counts, column arithmetic); everything else goes through `tables()`.
 */
export function sqlNames(strapi: Core.Strapi, name: string) {
  const meta = strapi.db.metadata.get(uid(name));
  const attributes = meta.attributes as Record<string, { columnName?: string }>;
  return {
    table: meta.tableName,
    column: (attribute: string) => attributes[attribute]?.columnName ?? attribute,
  };
}

/** A datetime as the database driver returns it (a Date, epoch milliseconds or a string) → epoch milliseconds. */
export function toMillis(value: unknown): number | null {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return value.getTime();
  if (typeof value === 'number') return value;
  const asNumber = Number(value);
  if (Number.isFinite(asNumber) && String(value).trim() !== '') return asNumber;
  const parsed = Date.parse(String(value));
  return Number.isNaN(parsed) ? null : parsed;
}
