import type { Core } from '@strapi/strapi';
import { uid } from '../../plugin/id';
import type { TagRow } from './rows';

interface JoinTable {
  name: string;
  joinColumn: { name: string };
  inverseJoinColumn: { name: string };
  orderColumnName?: string;
}

/**
 * The tags of many conversations in one query on the relation's join table. Strapi's `populate` reads the
 * conversations first and their tags after; on a database server that is a second round trip in a row,
 * where this one runs beside the conversations' own read.
 */
export async function tagsOfConversations(strapi: Core.Strapi, conversationIds: number[]) {
  const conversation = strapi.db.metadata.get(uid('conversation'));
  const tag = strapi.db.metadata.get(uid('tag'));
  const join = (conversation.attributes.tags as unknown as { joinTable: JoinTable }).joinTable;
  const column = (name: string) => (tag.attributes[name] as { columnName?: string })?.columnName ?? name;
  const byConversation = new Map<number, TagRow[]>(conversationIds.map((id) => [id, []]));
  if (conversationIds.length === 0) return byConversation;
  const rows = (await strapi.db
    .connection(`${join.name} as link`)
    .join(`${tag.tableName} as tag`, 'tag.id', `link.${join.inverseJoinColumn.name}`)
    .whereIn(`link.${join.joinColumn.name}`, conversationIds)
    .orderBy(join.orderColumnName ? `link.${join.orderColumnName}` : 'tag.id')
    .select({
      conversationId: `link.${join.joinColumn.name}`,
      id: 'tag.id',
      name: `tag.${column('name')}`,
      color: `tag.${column('color')}`,
      kind: `tag.${column('kind')}`,
    })) as Array<TagRow & { conversationId: number }>;
  for (const { conversationId, ...row } of rows) byConversation.get(Number(conversationId))?.push(row);
  return byConversation;
}
