import type { Core } from '@strapi/strapi';
import { PREVIEW_LENGTH } from './conversation-touch';
import { sqlNames } from './sql';

/**
 * Conversations stored before the list showed the visitor's own last message get it from their messages
 * (the newest visitor message with text), once, at start-up. One UPDATE that SQLite and PostgreSQL both
 * take; rows already filled, or without a visitor message, are left alone.
 */
export async function backfillLastVisitorMessages(strapi: Core.Strapi) {
  const conversation = sqlNames(strapi, 'conversation');
  const message = sqlNames(strapi, 'message');
  const newest = (column: string) =>
    strapi.db
      .connection(message.table)
      .select(column)
      .whereRaw('?? = ??', [message.column('conversationId'), `${conversation.table}.id`])
      .where(message.column('authorKind'), 'visitor')
      .whereNot(message.column('text'), '')
      .orderBy('id', 'desc')
      .limit(1);
  const hasVisitorText = strapi.db
    .connection(message.table)
    .select(strapi.db.connection.raw('1'))
    .whereRaw('?? = ??', [message.column('conversationId'), `${conversation.table}.id`])
    .where(message.column('authorKind'), 'visitor')
    .whereNot(message.column('text'), '');
  const updated = await strapi.db
    .connection(conversation.table)
    .whereNull(conversation.column('lastVisitorMessage'))
    .whereExists(hasVisitorText)
    .update({
      [conversation.column('lastVisitorMessage')]: newest(
        strapi.db.connection.raw(`substr(??, 1, ${PREVIEW_LENGTH})`, [message.column('text')]) as unknown as string,
      ),
      [conversation.column('lastVisitorMessageAt')]: strapi.db.connection.raw('COALESCE(??, (?))', [
        conversation.column('lastVisitorMessageAt'),
        newest(message.column('createdAt')),
      ]),
    });
  if (updated) strapi.log.info(`livechat: filled the visitor's last message of ${updated} conversation(s)`);
}
