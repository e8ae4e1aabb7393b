import { createHash } from 'node:crypto';
import type { Core } from '@strapi/strapi';
import { uid } from '../../plugin/id';
import type { ContactRow, ConversationRow, TagRow } from './rows';
import { sqlNames } from './sql';

/** One conversation's share of a visitor batch: its owner, the newest message's preview, how many it got. */
export interface VisitorTouch {
  conversationId: number;
  contactId: number;
  preview: string;
  count: number;
}

/** What one statement stored: the new ids by `conversationId:clientId`, and the conversations as it left them. */
export interface StoredVisitorBatch {
  /** Ids in insertion order (ascending), each with its message's key. */
  ids: Array<{ id: number; key: string }>;
  /** The conversations the statement wrote to (tags included); a conversation missing here stored nothing. */
  conversations: Map<number, ConversationRow>;
  contacts: Map<number, ContactRow>;
}

interface JoinTable {
  name: string;
  joinColumn: { name: string };
  inverseJoinColumn: { name: string };
  orderColumnName?: string;
}

interface Metadata {
  tableName: string;
  columnToAttribute: Record<string, string>;
  attributes: Record<string, { type: string }>;
}

/** `YYYY-MM-DDTHH:mm:ss.sss±hh:mm` in this process's time zone: how the pg driver writes a Date. */
const localTimestamp = (date: Date) => {
  const pad = (n: number, width = 2) => String(Math.abs(n)).padStart(width, '0');
  const offset = -date.getTimezoneOffset();
  return (
    `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:` +
    `${pad(date.getMinutes())}:${pad(date.getSeconds())}.${pad(date.getMilliseconds(), 3)}` +
    `${offset < 0 ? '-' : '+'}${pad(Math.trunc(offset / 60))}:${pad(offset % 60)}`
  );
};

interface ScalarAttribute {
  type: string;
  columnName?: string;
  default?: unknown;
}

/**
 * The messages' column values as Strapi's query engine would write them (defaults filled, timestamps set),
 * for one JSON document: JSON attributes stay values, datetimes are written as the pg driver writes them.
 * `columnOf` names an attribute's column.
 */
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
      row[attribute.columnName as string] = value instanceof Date ? localTimestamp(value) : (value ?? null);
    }
    return row;
  });
  const columnOf = (attribute: string) =>
    (meta.attributes[attribute] as ScalarAttribute | undefined)?.columnName ?? attribute;
  return { table: meta.tableName, columns: attributes.map(([, a]) => a.columnName as string), rows, columnOf };
}

/** A row that PostgreSQL rendered as JSON → attribute names, datetimes as ISO strings (as Strapi's reads give). */
function fromJson<Row>(meta: Metadata, json: Record<string, unknown>): Row {
  const row: Record<string, unknown> = {};
  for (const [column, value] of Object.entries(json)) {
    const name = meta.columnToAttribute[column];
    const type = name ? meta.attributes[name]?.type : undefined;
    if (!name || type === 'relation') continue;
    row[name] =
      value !== null && (type === 'datetime' || type === 'timestamp') ? new Date(value as string).toISOString() : value;
  }
  return row as Row;
}

/**
 * The statement: the conversations' counters are updated first (only where the conversation exists, is the
 * sender's and has not ended), the messages inserted only into conversations so updated (in arrival order,
 * author name from the contact), and the conversations, their tags and contacts answered as JSON. Its
 * text depends only on the schema, so it is prepared once per connection.
 */
function statementText(strapi: Core.Strapi) {
  const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;
  const conversation = sqlNames(strapi, 'conversation');
  const c = (attribute: string) => quote(conversation.column(attribute));
  const message = columnRows(strapi, []);
  const contact = sqlNames(strapi, 'contact');
  const tag = sqlNames(strapi, 'tag');
  const conversationMeta = strapi.db.metadata.get(uid('conversation'));
  const link = (conversationMeta.attributes.tags as unknown as { joinTable: JoinTable }).joinTable;
  const authorName = message.columnOf('authorName');
  const inserted = message.columns.map((column) =>
    column === authorName ? `k.${quote(contact.column('name'))}` : `m.${quote(column)}`,
  );
  const tagColumn = (attribute: string) => `g.${quote(tag.column(attribute))}`;
  return `WITH touched AS (
  UPDATE ${quote(conversation.table)} AS c SET ${c('lastMessageAt')} = t.touch_at,
    ${c('lastMessagePreview')} = t.touch_preview,
    ${c('unreadByAgent')} = COALESCE(c.${c('unreadByAgent')}, 0) + t.touch_count,
    ${c('lastVisitorMessageAt')} = t.touch_at,
    ${c('lastVisitorMessage')} = t.touch_preview
  FROM json_to_recordset($2::json)
    AS t(touch_id integer, touch_contact integer, touch_preview text, touch_count integer, touch_at timestamp)
  WHERE c.id = t.touch_id AND c.${c('contactId')} = t.touch_contact AND c.${c('status')} <> 'ended'
  RETURNING c.*
), inserted AS (
  INSERT INTO ${quote(message.table)} (${message.columns.map(quote).join(', ')})
  SELECT ${inserted.join(', ')}
  FROM json_populate_recordset(NULL::${quote(message.table)}, $1::json) WITH ORDINALITY AS m
  JOIN touched ON touched.id = m.${quote(message.columnOf('conversationId'))}
    AND touched.${c('contactId')} = m.${quote(message.columnOf('authorId'))}
  LEFT JOIN ${quote(contact.table)} AS k ON k.id = m.${quote(message.columnOf('authorId'))}
  ORDER BY m.ordinality
  RETURNING id, ${quote(message.columnOf('conversationId'))} AS conversation_id, ${quote(message.columnOf('clientId'))} AS client_id
)
SELECT
  (SELECT json_agg(json_build_array(id, conversation_id, client_id) ORDER BY id) FROM inserted) AS messages,
  (SELECT json_agg(touched) FROM touched) AS conversations,
  (SELECT json_agg(json_build_object('conversationId', l.${quote(link.joinColumn.name)}, 'id', g.id,
      'name', ${tagColumn('name')}, 'color', ${tagColumn('color')}, 'kind', ${tagColumn('kind')})
    ORDER BY ${link.orderColumnName ? `l.${quote(link.orderColumnName)}` : 'g.id'})
    FROM ${quote(link.name)} AS l JOIN ${quote(tag.table)} AS g ON g.id = l.${quote(link.inverseJoinColumn.name)}
    WHERE l.${quote(link.joinColumn.name)} IN (SELECT id FROM touched)) AS tags,
  (SELECT json_agg(k) FROM ${quote(contact.table)} AS k
    WHERE k.id IN (SELECT ${c('contactId')} FROM touched)) AS contacts`;
}

/** A pooled pg client as knex hands it out. */
interface PgConnection {
  query(query: { name: string; text: string; values: unknown[] }): Promise<{ rows: Array<Record<string, unknown>> }>;
}

/** Runs a named (prepared) statement on one pooled connection: PostgreSQL parses and plans it once per connection. */
async function runPrepared(strapi: Core.Strapi, text: string, values: unknown[]) {
  const knexClient = strapi.db.connection.client as unknown as {
    acquireConnection(): Promise<PgConnection>;
    releaseConnection(connection: PgConnection): Promise<void>;
  };
  const name = `livechat_${createHash('sha1').update(text).digest('hex').slice(0, 16)}`;
  const connection = await knexClient.acquireConnection();
  try {
    return (await connection.query({ name, text, values })).rows;
  } finally {
    await knexClient.releaseConnection(connection);
  }
}

const texts = new WeakMap<Core.Strapi, string>();

/**
 * A group commit of visitor messages on PostgreSQL in one statement, so one round trip: the checks that
 * the conversations exist, are the senders' and have not ended, the inserts, the counters and everything
 * the acknowledgement and `message:created` need (the conversations as written, their tags, the contacts).
 * Atomic without BEGIN and COMMIT. `data` are the messages (attribute names, as Strapi's `createMany` takes
 * them) in arrival order, one per clientId; a message whose conversation failed the checks is not stored
 * and its conversation is missing from the answer.
 */
export async function storeVisitorBatch(
  strapi: Core.Strapi,
  data: Array<Record<string, unknown>>,
  touches: VisitorTouch[],
  at: Date,
): Promise<StoredVisitorBatch> {
  let text = texts.get(strapi);
  if (!text) {
    text = statementText(strapi);
    texts.set(strapi, text);
  }
  const { rows } = columnRows(strapi, data);
  const when = localTimestamp(at);
  const [answer] = await runPrepared(strapi, text, [
    JSON.stringify(rows),
    JSON.stringify(
      touches.map((t) => ({
        touch_id: t.conversationId,
        touch_contact: t.contactId,
        touch_preview: t.preview,
        touch_count: t.count,
        touch_at: when,
      })),
    ),
  ]);
  const meta = (name: string) => strapi.db.metadata.get(uid(name)) as unknown as Metadata;
  const list = (value: unknown) => (value ?? []) as Array<Record<string, unknown>>;
  const tags = new Map<number, TagRow[]>();
  for (const { conversationId, ...tagRow } of list(answer.tags)) {
    const id = Number(conversationId);
    tags.set(id, [...(tags.get(id) ?? []), tagRow as unknown as TagRow]);
  }
  const conversations = new Map(
    list(answer.conversations).map((json) => {
      const row = fromJson<ConversationRow>(meta('conversation'), json);
      return [row.id, { ...row, tags: tags.get(row.id) ?? [] }] as const;
    }),
  );
  const contacts = new Map(
    list(answer.contacts).map((json) => {
      const row = fromJson<ContactRow>(meta('contact'), json);
      return [row.id, row] as const;
    }),
  );
  const ids = ((answer.messages ?? []) as Array<[number, number, string | null]>).map(
    ([id, conversationId, clientId]) => ({
      id: Number(id),
      key: `${conversationId}:${clientId}`,
    }),
  );
  return { ids, conversations, contacts };
}
