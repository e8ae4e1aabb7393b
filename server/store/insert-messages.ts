import type { Core } from '@strapi/strapi';
import { uid } from '../../plugin/id';
import { touchConversations, type Touch } from './conversation-touch';
import type { ConversationRow } from './rows';

/**
 * Inserts new messages (attribute names, as Strapi's `createMany` takes them) and touches their
 * conversations in one transaction. Answers the new ids in insertion order and the conversations as the
 * write left them (null where the database cannot say without a read). PostgreSQL stores a visitor batch
 * in one statement instead (`storeVisitorBatch`).
 */
export async function insertMessages(
  strapi: Core.Strapi,
  data: Array<Record<string, unknown>>,
  touches: Touch[],
): Promise<{ ids: unknown[]; touched: Map<number, ConversationRow | null> }> {
  return strapi.db.transaction(async ({ trx }) => {
    const { ids } = (await strapi.db.query(uid('message') as never).createMany({ data } as never)) as {
      ids: unknown[];
    };
    return { ids, touched: await touchConversations(strapi, trx, touches) };
  });
}
