import type { Core } from '@strapi/strapi';
import { uid } from '../../plugin/id';
import { rowsOf, touchConversations, touchStatement, type Touch } from './conversation-touch';
import type { ConversationRow } from './rows';

interface ScalarAttribute {
  type: string;
  columnName?: string;
  default?: unknown;
}

/**
 * Inserts new messages (attribute names, as Strapi's `createMany` takes them) and touches their
 * conversations, atomically. Answers the new ids in insertion order and the conversations as the write
 * left them (null where the database cannot say without a read).
 *
 * On PostgreSQL both are one statement (`WITH inserted AS (INSERT …), touched AS (UPDATE …) SELECT …`):
 * atomic without BEGIN and COMMIT, so a group commit costs one round trip instead of four. Elsewhere,
 * Strapi's `createMany` and the counter update run in one transaction.
 */
export async function insertMessages(
  strapi: Core.Strapi,
  data: Array<Record<string, unknown>>,
  touches: Touch[],
): Promise<{ ids: unknown[]; touched: Map<number, ConversationRow | null> }> {
  if (strapi.db.dialect.client === 'postgres' && new Set(touches.map((t) => t.last.authorKind)).size === 1) {
    return insertAndTouchInOneStatement(strapi, data, touches);
  }
  return strapi.db.transaction(async ({ trx }) => {
    const { ids } = (await strapi.db.query(uid('message') as never).createMany({ data } as never)) as {
      ids: unknown[];
    };
    return { ids, touched: await touchConversations(strapi, trx, touches) };
  });
}

/** Column values as Strapi's query engine writes them: defaults filled, JSON serialised, timestamps set. */
function columnRows(strapi: Core.Strapi, data: Array<Record<string, unknown>>) {
  const meta = strapi.db.metadata.get(uid('message'));
  const attributes = Object.entries(meta.attributes as Record<string, ScalarAttribute>).filter(
    ([name, attribute]) => name !== 'id' && attribute.type !== 'relation' && attribute.columnName,
  );
  const now = new Date();
  const rows = data.map((datum) => {
    const row: Record<string, unknown> = {};
    for (const [name, attribute] of attributes) {
      let value = datum[name];
      if (value === undefined)
        value = typeof attribute.default === 'function' ? attribute.default() : attribute.default;
      // Strapi's timestamps subscriber sets these for its own inserts.
      if (value === undefined && (name === 'createdAt' || name === 'updatedAt')) value = datum.createdAt ?? now;
      if (attribute.type === 'json' && value !== undefined && value !== null) value = JSON.stringify(value);
      row[attribute.columnName as string] = value === undefined ? null : value;
    }
    return row;
  });
  return { table: meta.tableName, columns: Object.keys(rows[0]), rows };
}

async function insertAndTouchInOneStatement(
  strapi: Core.Strapi,
  data: Array<Record<string, unknown>>,
  touches: Touch[],
): Promise<{ ids: unknown[]; touched: Map<number, ConversationRow | null> }> {
  const { table, columns, rows } = columnRows(strapi, data);
  const row = `(${columns.map(() => '?').join(', ')})`;
  const touch = touchStatement(strapi, touches[0].last.authorKind, touches);
  const result = await strapi.db.connection.raw(
    `WITH inserted AS (INSERT INTO ?? (${columns.map(() => '??').join(', ')}) VALUES ${rows.map(() => row).join(', ')} RETURNING id), ` +
      `touched AS (${touch.sql}) ` +
      "SELECT 'message' AS kind, id, NULL AS unread, NULL AS first_response FROM inserted " +
      "UNION ALL SELECT 'conversation', id, unread, first_response FROM touched",
    [table, ...columns, ...rows.flatMap((r) => columns.map((c) => r[c])), ...touch.bindings],
  );
  const returned = rowsOf(result);
  return {
    ids: returned.filter((r) => r.kind === 'message').map((r) => r.id),
    touched: touch.read(returned.filter((r) => r.kind === 'conversation')),
  };
}
