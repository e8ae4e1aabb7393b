import type { Core } from '@strapi/strapi';
import type { Message, Source } from '../../plugin/contracts/entities';
import type { AuthorKind } from '../../plugin/contracts/entities';
import { checkTransition } from '../../plugin/lifecycle';
import { uid } from '../../plugin/id';
import { conflict, forbidden } from '../errors';
import * as serialize from '../serialize';
import { tables } from '../store';
import type { ConversationRow, MessageRow } from '../store/rows';
import type { Viewer } from '../viewer';
import { service } from './registry';

export interface NewMessage {
  authorKind: AuthorKind;
  authorId?: number | null;
  authorName?: string | null;
  text: string;
  clientId?: string | null;
  sources?: Source[];
  confidence?: number | null;
  offerHuman?: boolean;
}

const PREVIEW_LENGTH = 140;

/** A unique-index violation on (conversation, clientId), on SQLite or PostgreSQL. */
const isDuplicateClientId = (error: unknown) => {
  const e = error as { code?: string; message?: string };
  return (
    e?.code === '23505' || e?.code === 'SQLITE_CONSTRAINT_UNIQUE' || /UNIQUE constraint failed/.test(e?.message ?? '')
  );
};

/**
 * Messages: stored before anything is acknowledged or relayed; idempotent on (conversation, clientId)
 * through a unique index, so a resend returns the stored message instead of a second copy.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const db = tables(strapi);
  const conversationsMeta = () => strapi.db.metadata.get(uid('conversation'));
  const column = (name: string) => (conversationsMeta().attributes[name] as { columnName?: string }).columnName ?? name;

  /** Updates the conversation's last-message fields and the other side's unread counter in one statement. */
  const touchConversation = async (conversation: ConversationRow, message: MessageRow, trx: unknown) => {
    const knex = strapi.db.connection;
    const now = new Date(message.createdAt);
    const fromVisitor = message.authorKind === 'visitor';
    const unread = fromVisitor ? column('unreadByAgent') : column('unreadByVisitor');
    const update: Record<string, unknown> = {
      [column('lastMessageAt')]: now,
      [column('lastMessagePreview')]: message.text.slice(0, PREVIEW_LENGTH),
      [unread]: knex.raw('COALESCE(??, 0) + 1', [unread]),
    };
    if (fromVisitor) update[column('lastVisitorMessageAt')] = now;
    if (message.authorKind === 'agent') {
      update[column('firstResponseAt')] = knex.raw('COALESCE(??, ?)', [column('firstResponseAt'), now]);
    }
    await knex(conversationsMeta().tableName)
      .transacting(trx as never)
      .where('id', conversation.id)
      .update(update);
  };

  /** Stores a message and touches its conversation; a resent clientId returns the first copy. */
  const append = async (
    conversation: ConversationRow,
    input: NewMessage,
  ): Promise<{ message: Message; duplicate: boolean }> => {
    if (input.clientId) {
      const existing = await db.messages.findOne({ conversationId: conversation.id, clientId: input.clientId });
      if (existing) return { message: serialize.message(existing), duplicate: true };
    }
    let row: MessageRow;
    try {
      row = await strapi.db.transaction(async ({ trx }) => {
        const created = await db.messages.create({
          conversationId: conversation.id,
          authorKind: input.authorKind,
          authorId: input.authorId ?? null,
          authorName: input.authorName ?? null,
          text: input.text,
          clientId: input.clientId ?? null,
          sources: input.sources ?? [],
          confidence: input.confidence ?? null,
          offerHuman: input.offerHuman ?? false,
        });
        await touchConversation(conversation, created, trx);
        return created;
      });
    } catch (error) {
      // Two copies of one clientId raced past the lookup: the index kept one; answer with it.
      if (!input.clientId || !isDuplicateClientId(error)) throw error;
      const existing = await db.messages.findOne({ conversationId: conversation.id, clientId: input.clientId });
      if (!existing) throw error;
      return { message: serialize.message(existing), duplicate: true };
    }
    return { message: serialize.message(row), duplicate: false };
  };

  /** Stores, then announces; a write into an ended conversation reopens it first. */
  const deliver = async (
    conversation: ConversationRow,
    input: NewMessage,
    writer: 'visitor' | 'agent',
    viewer?: Viewer,
  ) => {
    let target = conversation;
    if (conversation.status === 'ended') {
      target = await service(strapi, 'conversations').transition(
        conversation.id,
        writer === 'visitor' ? 'visitorWrites' : 'agentWrites',
        {
          actor: viewer ? `agent:${viewer.id}` : 'visitor',
          byAgent: writer === 'agent',
          patch: viewer ? { assigneeId: viewer.id, assignedAt: new Date() } : {},
          journey: { type: 'conversation.reopened' },
        },
      );
    }
    const result = await append(target, input);
    if (!result.duplicate) {
      const latest = await service(strapi, 'conversations').load(target.id);
      service(strapi, 'events').emit('message:created', { message: result.message, conversation: latest });
    }
    return { ...result, conversation: target };
  };

  return {
    append,

    /** Messages after a cursor (a message id), oldest first: how a reconnecting client catches up. */
    async listAfter(conversationId: number, after: number, limit: number) {
      const rows = await db.messages.findMany({
        where: { conversationId, id: { $gt: after } },
        orderBy: { id: 'asc' },
        limit: limit + 1,
      });
      return { results: rows.slice(0, limit).map(serialize.message), hasMore: rows.length > limit };
    },

    /** A visitor writes: rate limited, stored, relayed, and answered by the bot while the bot has the chat. */
    async sendAsVisitor(contactId: number, conversationId: number, input: { clientId: string; text: string }) {
      await service(strapi, 'rate-limits').visitorMessage(contactId);
      const conversation = await service(strapi, 'conversations').loadForVisitor(conversationId, contactId);
      const contact = await db.contacts.findOne({ id: contactId });
      const result = await deliver(
        conversation,
        {
          authorKind: 'visitor',
          authorId: contactId,
          authorName: contact?.name ?? null,
          text: input.text,
          clientId: input.clientId,
        },
        'visitor',
      );
      if (!result.duplicate) service(strapi, 'bot').replyLater(result.conversation.id, result.message);
      return result.message;
    },

    /** An agent writes: only into a conversation they hold (or an ended one, which they reopen). */
    async sendAsAgent(viewer: Viewer, conversationId: number, input: { clientId: string; text: string }) {
      const conversation = await service(strapi, 'conversations').load(conversationId);
      const check = checkTransition(conversation.status, 'agentWrites', { byAgent: true });
      if (!check.allowed) throw conflict(`${check.reason}: pick it first`);
      if (conversation.status === 'open' && conversation.assigneeId !== viewer.id) {
        throw forbidden(`Conversation ${conversationId} is assigned to another agent`);
      }
      const result = await deliver(
        conversation,
        {
          authorKind: 'agent',
          authorId: viewer.id,
          authorName: viewer.name,
          text: input.text,
          clientId: input.clientId,
        },
        'agent',
        viewer,
      );
      return result.message;
    },

    /** The bot or the system writes into a conversation. */
    async sendAsBot(
      conversationId: number,
      input: Omit<NewMessage, 'authorKind'>,
      authorKind: 'bot' | 'system' = 'bot',
    ) {
      const conversation = await service(strapi, 'conversations').load(conversationId);
      return (await deliver(conversation, { ...input, authorKind }, 'visitor')).message;
    },
  };
};
