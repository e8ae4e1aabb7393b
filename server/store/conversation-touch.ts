import type { Core } from '@strapi/strapi';
import { sqlNames } from './sql';
import type { ConversationRow, MessageRow } from './rows';

/** How much of a message a list row shows. */
export const PREVIEW_LENGTH = 140;

/** One conversation's newest message and how many messages it got, for its list row and unread counter. */
export interface Touch {
  conversation: ConversationRow;
  /** The conversation's newest stored message. */
  last: MessageRow;
  /** How many messages it got in this write (added to the other side's unread counter). */
  count: number;
}

/** The list preview: the text, or the file names of a message that has only files. */
export const previewOf = (message: Pick<MessageRow, 'text' | 'attachments'>) =>
  (message.text || (message.attachments ?? []).map((file) => `📎 ${file.name}`).join(', ')).slice(0, PREVIEW_LENGTH);

/** SQLite (3.35+) and PostgreSQL hand back updated columns with the UPDATE itself and take UPDATE … FROM. */
const canReturn = (strapi: Core.Strapi) => ['sqlite', 'better-sqlite3', 'postgres'].includes(strapi.db.dialect.client);

/**
 * Updates the conversations' last-message fields and the other side's unread counters in one statement
 * per author side (one round trip for a whole group commit on PostgreSQL, where each statement is a network
 * round trip). Answers each conversation as it now is, or null where the database cannot say without a
 * second read (dialects without RETURNING).
 */
export async function touchConversations(
  strapi: Core.Strapi,
  trx: unknown,
  touches: Touch[],
): Promise<Map<number, ConversationRow | null>> {
  const touched = new Map<number, ConversationRow | null>();
  const bySide = new Map<MessageRow['authorKind'], Touch[]>();
  for (const touch of touches) bySide.set(touch.last.authorKind, [...(bySide.get(touch.last.authorKind) ?? []), touch]);
  for (const [authorKind, group] of bySide) {
    const rows = canReturn(strapi)
      ? await touchTogether(strapi, trx, authorKind, group)
      : await touchOneByOne(strapi, trx, authorKind, group);
    for (const [id, row] of rows) touched.set(id, row);
  }
  return touched;
}

/** The columns a message of this author kind sets; `now` is the message's time. */
function columnsFor(strapi: Core.Strapi, authorKind: MessageRow['authorKind']) {
  const { table, column } = sqlNames(strapi, 'conversation');
  const unreadAttribute = authorKind === 'visitor' ? 'unreadByAgent' : 'unreadByVisitor';
  return { table, column, unreadAttribute, unread: column(unreadAttribute) } as const;
}

/** What the caller knew of the conversation, with the fields this write changed. */
function freshRow(touch: Touch, unreadAttribute: string, unread: unknown, firstResponse: unknown): ConversationRow {
  const at = new Date(touch.last.createdAt).toISOString();
  return {
    ...touch.conversation,
    lastMessageAt: at,
    lastMessagePreview: previewOf(touch.last),
    ...(touch.last.authorKind === 'visitor'
      ? { lastVisitorMessageAt: at, lastVisitorMessage: previewOf(touch.last) }
      : {}),
    [unreadAttribute]: Number(unread),
    firstResponseAt:
      firstResponse === null || firstResponse === undefined ? null : new Date(firstResponse as string).toISOString(),
  };
}

/**
 * One UPDATE … FROM (a derived table of id, preview, count, time) … RETURNING id, unread, first_response
 * for every conversation of one author side: its SQL and bindings, and how to read what it returns.
 */
function touchStatement(strapi: Core.Strapi, authorKind: MessageRow['authorKind'], group: Touch[]) {
  const { table, column, unreadAttribute, unread } = columnsFor(strapi, authorKind);
  // Named apart from the table's columns, so unqualified names stay unambiguous in SET and RETURNING.
  // A derived table is the form both SQLite and PostgreSQL accept (SQLite has no VALUES column aliases).
  const derived = group
    .map((_, i) =>
      i === 0
        ? 'SELECT CAST(? AS integer) AS touch_id, CAST(? AS text) AS touch_preview, CAST(? AS integer) AS touch_count, ? AS touch_at'
        : 'SELECT ?, ?, ?, ?',
    )
    .join(' UNION ALL ');
  const values = group.flatMap((touch) => [
    touch.conversation.id,
    previewOf(touch.last),
    touch.count,
    new Date(touch.last.createdAt),
  ]);
  const timestamp = strapi.db.dialect.client === 'postgres' ? 'CAST(touch_at AS timestamp)' : 'touch_at';
  const sets = [
    `?? = ${timestamp}`,
    '?? = touch_preview',
    '?? = COALESCE(??, 0) + touch_count',
    ...(authorKind === 'visitor' ? [`?? = ${timestamp}`, '?? = touch_preview'] : []),
    ...(authorKind === 'agent' ? [`?? = COALESCE(??, ${timestamp})`] : []),
  ];
  const setNames = [
    column('lastMessageAt'),
    column('lastMessagePreview'),
    unread,
    unread,
    ...(authorKind === 'visitor' ? [column('lastVisitorMessageAt'), column('lastVisitorMessage')] : []),
    ...(authorKind === 'agent' ? [column('firstResponseAt'), column('firstResponseAt')] : []),
  ];
  return {
    sql:
      `UPDATE ?? SET ${sets.join(', ')} FROM (${derived}) AS touches WHERE ?? = touch_id ` +
      'RETURNING ?? AS id, ?? AS unread, ?? AS first_response',
    bindings: [table, ...setNames, ...values, `${table}.id`, `${table}.id`, unread, column('firstResponseAt')],
    /** The conversations as the statement left them, from its returned rows. */
    read(returned: Array<Record<string, unknown>>) {
      const byId = new Map(group.map((touch) => [touch.conversation.id, touch]));
      const touched = new Map<number, ConversationRow>();
      for (const row of returned) {
        const touch = byId.get(Number(row.id));
        if (touch) touched.set(touch.conversation.id, freshRow(touch, unreadAttribute, row.unread, row.first_response));
      }
      return touched;
    },
  };
}

/** Rows of a raw statement: an array on SQLite, `{ rows }` on PostgreSQL. */
const rowsOf = (result: unknown) =>
  (Array.isArray(result) ? result : (result as { rows: unknown[] }).rows) as Array<Record<string, unknown>>;

async function touchTogether(
  strapi: Core.Strapi,
  trx: unknown,
  authorKind: MessageRow['authorKind'],
  group: Touch[],
): Promise<Map<number, ConversationRow>> {
  const statement = touchStatement(strapi, authorKind, group);
  const result = await strapi.db.connection.raw(statement.sql, statement.bindings).transacting(trx as never);
  return statement.read(rowsOf(result));
}

/** One UPDATE per conversation, for databases without UPDATE … FROM … RETURNING; the caller reads them again. */
async function touchOneByOne(
  strapi: Core.Strapi,
  trx: unknown,
  authorKind: MessageRow['authorKind'],
  group: Touch[],
): Promise<Map<number, null>> {
  const knex = strapi.db.connection;
  const { table, column, unread } = columnsFor(strapi, authorKind);
  for (const touch of group) {
    const at = new Date(touch.last.createdAt);
    const update: Record<string, unknown> = {
      [column('lastMessageAt')]: at,
      [column('lastMessagePreview')]: previewOf(touch.last),
      [unread]: knex.raw('COALESCE(??, 0) + ?', [unread, touch.count]),
    };
    if (authorKind === 'visitor') {
      update[column('lastVisitorMessageAt')] = at;
      update[column('lastVisitorMessage')] = previewOf(touch.last);
    }
    if (authorKind === 'agent')
      update[column('firstResponseAt')] = knex.raw('COALESCE(??, ?)', [column('firstResponseAt'), at]);
    await knex(table)
      .transacting(trx as never)
      .where('id', touch.conversation.id)
      .update(update);
  }
  return new Map(group.map((touch) => [touch.conversation.id, null]));
}
