import type { Core } from '@strapi/strapi';
import type { Attachment, Message, Source } from '../../plugin/contracts/entities';
import type { AuthorKind } from '../../plugin/contracts/entities';
import { checkTransition } from '../../plugin/lifecycle';
import { uid } from '../../plugin/id';
import { conflict, forbidden, notFound } from '../errors';
import * as serialize from '../serialize';
import { tables } from '../store';
import type { ContactRow, ConversationRow, MessageRow } from '../store/rows';
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
  attachments?: Attachment[];
}

/** What a visitor or an agent sends: text, files, or both. */
export interface Outgoing {
  clientId: string;
  text: string;
  attachments?: Attachment[];
}

const PREVIEW_LENGTH = 140;

/** Visitor messages stored in one transaction at most. */
const MAX_VISITOR_BATCH = 200;

/** A visitor message waiting for its batch; settled once stored (or refused). */
interface VisitorWrite {
  contactId: number;
  conversationId: number;
  input: Outgoing;
  resolve(message: Message): void;
  reject(error: unknown): void;
}

/** The list preview: the text, or the file names of a message that has only files. */
const previewOf = (message: MessageRow) =>
  message.text || (message.attachments ?? []).map((file) => `📎 ${file.name}`).join(', ');

/** A unique-index violation on (conversation, clientId), on SQLite or PostgreSQL. */
const isDuplicateClientId = (error: unknown) => {
  const e = error as { code?: string; message?: string };
  return (
    e?.code === '23505' || e?.code === 'SQLITE_CONSTRAINT_UNIQUE' || /UNIQUE constraint failed/.test(e?.message ?? '')
  );
};

/** An agent writes only into a conversation they hold, or into an ended one (which reopens to them). */
const checkAgentMayWrite = (conversation: ConversationRow, viewer: Viewer) => {
  const check = checkTransition(conversation.status, 'agentWrites', { byAgent: true });
  if (!check.allowed) throw conflict(`${check.reason}: pick it first`);
  if (conversation.status === 'open' && conversation.assigneeId !== viewer.id) {
    throw forbidden(`Conversation ${conversation.id} is assigned to another agent`);
  }
};

/**
 * Messages: stored before anything is acknowledged or relayed; idempotent on (conversation, clientId)
 * through a unique index, so a resend returns the stored message instead of a second copy.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const db = tables(strapi);
  const conversationsMeta = () => strapi.db.metadata.get(uid('conversation'));
  const column = (name: string) => (conversationsMeta().attributes[name] as { columnName?: string }).columnName ?? name;

  // SQLite (3.35+) and PostgreSQL hand back the updated counters with the UPDATE itself; elsewhere the
  // conversation is read again.
  const returns = () => ['sqlite', 'better-sqlite3', 'postgres'].includes(strapi.db.dialect.client);

  /**
   * Updates the conversation's last-message fields and the other side's unread counter in one statement;
   * answers the conversation as it now is, or null when the database cannot say without a second read.
   */
  const touchConversation = async (
    conversation: ConversationRow,
    message: MessageRow,
    trx: unknown,
    count = 1,
  ): Promise<ConversationRow | null> => {
    const knex = strapi.db.connection;
    const now = new Date(message.createdAt);
    const fromVisitor = message.authorKind === 'visitor';
    const unreadAttribute = fromVisitor ? 'unreadByAgent' : 'unreadByVisitor';
    const unread = column(unreadAttribute);
    const update: Record<string, unknown> = {
      [column('lastMessageAt')]: now,
      [column('lastMessagePreview')]: previewOf(message).slice(0, PREVIEW_LENGTH),
      [unread]: knex.raw('COALESCE(??, 0) + ?', [unread, count]),
    };
    if (fromVisitor) update[column('lastVisitorMessageAt')] = now;
    if (message.authorKind === 'agent') {
      update[column('firstResponseAt')] = knex.raw('COALESCE(??, ?)', [column('firstResponseAt'), now]);
    }
    const statement = knex(conversationsMeta().tableName)
      .transacting(trx as never)
      .where('id', conversation.id)
      .update(update);
    if (!returns()) {
      await statement;
      return null;
    }
    const [fresh] = (await statement.returning([unread, column('firstResponseAt')])) as Array<Record<string, unknown>>;
    if (!fresh) return null;
    const firstResponse = fresh[column('firstResponseAt')];
    return {
      ...conversation,
      lastMessageAt: now.toISOString(),
      lastMessagePreview: update[column('lastMessagePreview')] as string,
      ...(fromVisitor ? { lastVisitorMessageAt: now.toISOString() } : {}),
      [unreadAttribute]: Number(fresh[unread]),
      firstResponseAt:
        firstResponse === null || firstResponse === undefined ? null : new Date(firstResponse as string).toISOString(),
    };
  };

  /** Stores a message and touches its conversation; a resent clientId returns the first copy. */
  const append = async (
    conversation: ConversationRow,
    input: NewMessage,
  ): Promise<{ message: Message; duplicate: boolean; touched?: ConversationRow | null }> => {
    if (input.clientId) {
      const existing = await db.messages.findOne({ conversationId: conversation.id, clientId: input.clientId });
      if (existing) return { message: serialize.message(existing), duplicate: true };
    }
    let row: MessageRow;
    let touched: ConversationRow | null = null;
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
          attachments: input.attachments ?? [],
        });
        touched = await touchConversation(conversation, created, trx);
        return created;
      });
    } catch (error) {
      // Two copies of one clientId raced past the lookup: the index kept one; answer with it.
      if (!input.clientId || !isDuplicateClientId(error)) throw error;
      const existing = await db.messages.findOne({ conversationId: conversation.id, clientId: input.clientId });
      if (!existing) throw error;
      return { message: serialize.message(existing), duplicate: true };
    }
    return { message: serialize.message(row), duplicate: false, touched };
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
      // Agents' lists show tags: a row read without them is read again.
      const latest =
        result.touched && result.touched.tags !== undefined
          ? result.touched
          : await service(strapi, 'conversations').load(target.id);
      service(strapi, 'events').emit('message:created', { message: result.message, conversation: latest });
    }
    return { ...result, conversation: target };
  };

  /** One visitor message on its own: the path for ended conversations (they reopen) and for retries. */
  const writeVisitorMessage = async ({ contactId, conversationId, input }: VisitorWrite) => {
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
        attachments: input.attachments,
      },
      'visitor',
    );
    // Files alone give the bot nothing to answer.
    if (!result.duplicate && input.text) service(strapi, 'bot').replyLater(result.conversation.id, result.message);
    return result.message;
  };

  const settleOneByOne = async (writes: VisitorWrite[]) => {
    for (const write of writes) await writeVisitorMessage(write).then(write.resolve, write.reject);
  };

  /**
   * Visitor messages that arrive together are stored together (group commit): the conversations,
   * contacts and earlier copies of their clientIds are read with one query each, the messages inserted
   * in one transaction with their conversations' counters, and only then acknowledged and relayed. At
   * one message at a time this is the plain path; under load it saves most of the per-message queries.
   */
  const writeVisitorBatch = async (batch: VisitorWrite[]) => {
    const conversationIds = [...new Set(batch.map((w) => w.conversationId))];
    const conversations = new Map(
      (await db.conversations.findMany({ where: { id: { $in: conversationIds } }, populate: ['tags'] })).map((c) => [
        c.id,
        c,
      ]),
    );
    const grouped: VisitorWrite[] = [];
    const oneByOne: VisitorWrite[] = [];
    for (const write of batch) {
      const conversation = conversations.get(write.conversationId);
      // Someone else's conversation is answered exactly like a missing one.
      if (!conversation || conversation.contactId !== write.contactId)
        write.reject(notFound('Conversation', write.conversationId));
      // Writing into an ended conversation reopens it: a transition, taken one message at a time.
      else if (conversation.status === 'ended') oneByOne.push(write);
      else grouped.push(write);
    }
    if (grouped.length > 0) {
      const contactIds = [...new Set(grouped.map((w) => w.contactId))];
      // A resent clientId is rare: the unique index finds it, and the one-by-one path answers with the first copy.
      const contacts = new Map(
        (await db.contacts.findMany({ where: { id: { $in: contactIds } } })).map((c) => [c.id, c]),
      );
      const key = (conversationId: number, clientId: string | null) => `${conversationId}:${clientId}`;
      const fresh = new Map<string, VisitorWrite[]>();
      for (const write of grouped) {
        const k = key(write.conversationId, write.input.clientId);
        fresh.set(k, [...(fresh.get(k) ?? []), write]);
      }
      if (fresh.size > 0) {
        try {
          await insertVisitorMessages([...fresh.values()], conversations, contacts);
        } catch (error) {
          // A copy of one clientId raced in from elsewhere: the one-by-one path answers with it.
          if (!isDuplicateClientId(error)) throw error;
          await settleOneByOne([...fresh.values()].flat());
        }
      }
    }
    await settleOneByOne(oneByOne);
  };

  /** Inserts one message per clientId group, touches their conversations, then acknowledges and relays. */
  const insertVisitorMessages = async (
    groups: VisitorWrite[][],
    conversations: Map<number, ConversationRow>,
    contacts: Map<number, ContactRow>,
  ) => {
    const firsts = groups.map((group) => group[0]);
    const written = await strapi.db.transaction(async ({ trx }) => {
      await strapi.db.query(db.messages.uid as never).createMany({
        data: firsts.map((w) => ({
          conversationId: w.conversationId,
          authorKind: 'visitor',
          authorId: w.contactId,
          authorName: contacts.get(w.contactId)?.name ?? null,
          text: w.input.text,
          clientId: w.input.clientId,
          sources: [],
          confidence: null,
          offerHuman: false,
          attachments: w.input.attachments ?? [],
        })),
      } as never);
      const created = await db.messages.findMany({
        where: {
          conversationId: { $in: [...new Set(firsts.map((w) => w.conversationId))] },
          clientId: { $in: firsts.map((w) => w.input.clientId) },
        },
        orderBy: { id: 'asc' },
      });
      const wanted = new Set(firsts.map((w) => `${w.conversationId}:${w.input.clientId}`));
      const mine = created.filter((m) => wanted.has(`${m.conversationId}:${m.clientId}`));
      const perConversation = new Map<number, MessageRow[]>();
      for (const m of mine)
        perConversation.set(m.conversationId, [...(perConversation.get(m.conversationId) ?? []), m]);
      const touched = new Map<number, ConversationRow | null>();
      for (const [conversationId, messages] of perConversation) {
        const conversation = conversations.get(conversationId) as ConversationRow;
        touched.set(
          conversationId,
          await touchConversation(conversation, messages[messages.length - 1], trx, messages.length),
        );
      }
      return { mine, touched };
    });
    const rows = written.mine;
    const stale = [...written.touched].filter(([, row]) => row === null).map(([id]) => id);
    const latest = new Map(
      stale.length
        ? (await db.conversations.findMany({ where: { id: { $in: stale } }, populate: ['tags'] })).map((c) => [c.id, c])
        : [],
    );
    for (const [id, row] of written.touched) if (row) latest.set(id, row);
    const byKey = new Map(groups.map((group) => [`${group[0].conversationId}:${group[0].input.clientId}`, group]));
    for (const row of rows) {
      const message = serialize.message(row);
      const conversation = latest.get(row.conversationId) ?? (conversations.get(row.conversationId) as ConversationRow);
      const contact = contacts.get(conversation.contactId);
      service(strapi, 'events').emit('message:created', { message, conversation, contact });
      for (const write of byKey.get(`${row.conversationId}:${row.clientId}`) ?? []) write.resolve(message);
      // The bot answers only while it has the chat (it checks again before it writes).
      if (message.text && conversation.status === 'bot') service(strapi, 'bot').replyLater(conversation.id, message);
    }
  };

  const visitorWrites: VisitorWrite[] = [];
  let visitorWritesScheduled = false;
  let writingVisitorBatch = false;
  /** Batches are written one after another; what arrives meanwhile forms the next batch. */
  const scheduleVisitorWrites = () => {
    if (visitorWritesScheduled || writingVisitorBatch) return;
    visitorWritesScheduled = true;
    setImmediate(() => {
      visitorWritesScheduled = false;
      const batch = visitorWrites.splice(0, MAX_VISITOR_BATCH);
      if (batch.length === 0) return;
      writingVisitorBatch = true;
      writeVisitorBatch(batch)
        .catch((error) => {
          for (const write of batch) write.reject(error);
        })
        .finally(() => {
          writingVisitorBatch = false;
          if (visitorWrites.length > 0) scheduleVisitorWrites();
        });
    });
  };

  return {
    append,
    checkAgentMayWrite,

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
    async sendAsVisitor(contactId: number, conversationId: number, input: Outgoing) {
      await service(strapi, 'rate-limits').visitorMessage(contactId);
      return new Promise<Message>((resolve, reject) => {
        visitorWrites.push({ contactId, conversationId, input, resolve, reject });
        scheduleVisitorWrites();
      });
    },

    /** An agent writes: only into a conversation they hold (or an ended one, which they reopen). */
    async sendAsAgent(viewer: Viewer, conversationId: number, input: Outgoing) {
      const conversation = await service(strapi, 'conversations').load(conversationId);
      checkAgentMayWrite(conversation, viewer);
      const result = await deliver(
        conversation,
        {
          authorKind: 'agent',
          authorId: viewer.id,
          authorName: viewer.name,
          text: input.text,
          clientId: input.clientId,
          attachments: input.attachments,
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
