import type { Core } from '@strapi/strapi';
import type { Attachment, BotOutcome, Message, Source } from '../../plugin/contracts/entities';
import type { AuthorKind } from '../../plugin/contracts/entities';
import { checkTransition } from '../../plugin/lifecycle';
import { conflict, forbidden, notFound } from '../errors';
import * as serialize from '../serialize';
import { tables } from '../store';
import { tagsOfConversations } from '../store/conversation-tags';
import { previewOf, touchConversations, type Touch } from '../store/conversation-touch';
import { groupCommit, type PendingWrite } from '../store/group-commit';
import { insertMessages } from '../store/insert-messages';
import { storeVisitorBatch, type VisitorTouch } from '../store/visitor-batch';
import type { ContactRow, ConversationRow, MessageRow } from '../store/rows';
import type { Viewer } from '../viewer';
import { uses } from './registry';

export interface NewMessage {
  authorKind: AuthorKind;
  authorId?: number | null;
  authorName?: string | null;
  text: string;
  clientId?: string | null;
  sources?: Source[];
  confidence?: number | null;
  offerHuman?: boolean;
  outcome?: BotOutcome | null;
  attachments?: Attachment[];
}

/** What a visitor or an agent sends: text, files, or both. */
export interface Outgoing {
  clientId: string;
  text: string;
  attachments?: Attachment[];
}

/** Visitor messages stored in one transaction at most. */
const MAX_VISITOR_BATCH = 200;

/** Batches in flight at once on a database server (each holds one pooled connection for its transaction). */
const PARALLEL_BATCHES = 3;

/** A visitor message waiting for its batch. */
interface VisitorWrite {
  contactId: number;
  conversationId: number;
  input: Outgoing;
}

type PendingVisitorWrite = PendingWrite<VisitorWrite, Message>;

/** A stored message on its way to `announce`, with its conversation as the write left it. */
interface Created {
  row: MessageRow;
  conversation: ConversationRow;
  /** The conversation as the write returned it; null where the database cannot say without a read. */
  touched: ConversationRow | null;
  contact?: ContactRow;
}

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

/** The stored row of a new message: one shape for single and batched writes. */
const newRow = (conversationId: number, input: NewMessage, createdAt?: Date) => ({
  conversationId,
  authorKind: input.authorKind,
  authorId: input.authorId ?? null,
  authorName: input.authorName ?? null,
  text: input.text,
  clientId: input.clientId ?? null,
  sources: input.sources ?? [],
  confidence: input.confidence ?? null,
  offerHuman: input.offerHuman ?? false,
  outcome: input.outcome ?? null,
  attachments: input.attachments ?? [],
  ...(createdAt ? { createdAt } : {}),
});

/**
 * Messages: stored before anything is acknowledged or relayed; idempotent on (conversation, clientId)
 * through a unique index, so a resend returns the stored message instead of a second copy. Every write,
 * single or batched, ends in `announce`, the one place a new message becomes the `message:created` event
 * that sockets, the bot and mail listen to.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const { conversations, events, rateLimits } = uses(strapi, ['conversations', 'events', 'rate-limits']);
  const db = tables(strapi);

  /** Emits `message:created` for stored messages; rows the write could not hand back (with tags) are read once. */
  const announce = async (created: Created[]): Promise<Message[]> => {
    const stale = [...new Set(created.filter((c) => c.touched?.tags === undefined).map((c) => c.conversation.id))];
    const reread = new Map(
      stale.length
        ? (await db.conversations.findMany({ where: { id: { $in: stale } }, populate: ['tags'] })).map((c) => [c.id, c])
        : [],
    );
    return created.map(({ row, conversation, touched, contact }) => {
      const message = serialize.message(row);
      const latest = (touched?.tags !== undefined ? touched : reread.get(conversation.id)) ?? conversation;
      events().emit('message:created', { message, conversation: latest, contact });
      return message;
    });
  };

  /** Stores one message and touches its conversation; a resent clientId returns the first copy. */
  const store = async (
    conversation: ConversationRow,
    input: NewMessage,
  ): Promise<{ row: MessageRow; duplicate: boolean; touched: ConversationRow | null }> => {
    const stored = async () => {
      const existing = input.clientId
        ? await db.messages.findOne({ conversationId: conversation.id, clientId: input.clientId })
        : null;
      return existing ? { row: existing, duplicate: true, touched: null } : null;
    };
    const earlier = await stored();
    if (earlier) return earlier;
    try {
      return await strapi.db.transaction(async ({ trx }) => {
        const row = await db.messages.create(newRow(conversation.id, input));
        const touched = await touchConversations(strapi, trx, [{ conversation, last: row, count: 1 }]);
        return { row, duplicate: false, touched: touched.get(conversation.id) ?? null };
      });
    } catch (error) {
      // Two copies of one clientId raced past the lookup: the index kept one; answer with it.
      const raced = input.clientId && isDuplicateClientId(error) ? await stored() : null;
      if (!raced) throw error;
      return raced;
    }
  };

  /** A person writing into an ended conversation reopens it first; the bot and the system never reopen one. */
  const reopenIfEnded = async (conversation: ConversationRow, authorKind: AuthorKind, viewer?: Viewer) => {
    if (conversation.status !== 'ended' || (authorKind !== 'visitor' && authorKind !== 'agent')) return conversation;
    return conversations().transition(conversation.id, authorKind === 'visitor' ? 'visitorWrites' : 'agentWrites', {
      actor: viewer ? `agent:${viewer.id}` : 'visitor',
      byAgent: authorKind === 'agent',
      patch: viewer ? { assigneeId: viewer.id, assignedAt: new Date() } : {},
      journey: { type: 'conversation.reopened' },
    });
  };

  /** The single write path: reopen if a person writes into an ended conversation, store, announce. */
  const write = async (conversation: ConversationRow, input: NewMessage, viewer?: Viewer) => {
    const target = await reopenIfEnded(conversation, input.authorKind, viewer);
    const { row, duplicate, touched } = await store(target, input);
    const [message] = duplicate ? [serialize.message(row)] : await announce([{ row, conversation: target, touched }]);
    return { message, duplicate, conversation: target };
  };

  /** One visitor message on its own: the path for ended conversations (they reopen) and for retries. */
  const writeVisitorMessage = async ({ contactId, conversationId, input }: VisitorWrite) => {
    const conversation = await conversations().loadForVisitor(conversationId, contactId);
    const contact = await db.contacts.findOne({ id: contactId });
    const { message } = await write(conversation, {
      authorKind: 'visitor',
      authorId: contactId,
      authorName: contact?.name ?? null,
      text: input.text,
      clientId: input.clientId,
      attachments: input.attachments,
    });
    return message;
  };

  const settleOneByOne = async (writes: PendingVisitorWrite[]) => {
    for (const write of writes) await writeVisitorMessage(write.item).then(write.resolve, write.reject);
  };

  /** A message's key in a batch: a resend of one clientId shares the first copy's message. */
  const keyOf = (conversationId: number, clientId: string | null) => `${conversationId}:${clientId}`;

  /** The writes by key, and the first of each: the one stored. */
  const copiesOf = (writes: PendingVisitorWrite[]) => {
    const copies = new Map<string, PendingVisitorWrite[]>();
    for (const write of writes) {
      const k = keyOf(write.item.conversationId, write.item.input.clientId);
      copies.set(k, [...(copies.get(k) ?? []), write]);
    }
    return { copies, firsts: [...copies.values()].map((group) => group[0].item) };
  };

  /** The stored row of a visitor's message. */
  const visitorRow = (w: VisitorWrite, authorName: string | null, now: Date) =>
    newRow(
      w.conversationId,
      {
        authorKind: 'visitor',
        authorId: w.contactId,
        authorName,
        text: w.input.text,
        clientId: w.input.clientId,
        attachments: w.input.attachments,
      },
      now,
    );

  /** Announces the new messages and acknowledges every copy of each. */
  const announceAndSettle = async (created: Created[], copies: Map<string, PendingVisitorWrite[]>) => {
    const messages = await announce(created);
    created.forEach(({ row }, i) => {
      for (const write of copies.get(keyOf(row.conversationId, row.clientId)) ?? []) write.resolve(messages[i]);
    });
  };

  /**
   * Stores `writes` together with `store`; when that fails (a row the database refuses, a clientId that
   * raced in from elsewhere), each message is written again on its own, so one bad message fails only its
   * own sender.
   */
  const together = async (writes: PendingVisitorWrite[], store: (writes: PendingVisitorWrite[]) => Promise<void>) => {
    if (writes.length === 0) return;
    try {
      await store(writes);
    } catch (error) {
      if (!isDuplicateClientId(error)) {
        strapi.log.warn(
          `livechat: a batch of ${writes.length} visitor messages failed (${(error as Error).message}); writing them one by one`,
        );
      }
      await settleOneByOne(writes);
    }
  };

  /**
   * Visitor messages that arrive together are stored together (group commit), and only then acknowledged
   * and relayed. On PostgreSQL the whole batch is one statement (`storeVisitorBatch`); elsewhere the
   * conversations and contacts are read with one query each, then the messages inserted and the counters
   * updated in one transaction.
   */
  const writeVisitorBatch = (batch: PendingVisitorWrite[]) =>
    strapi.db.dialect.client === 'postgres'
      ? writeVisitorBatchInOneStatement(batch)
      : writeVisitorBatchAfterReads(batch);

  const writeVisitorBatchAfterReads = async (batch: PendingVisitorWrite[]) => {
    const conversationIds = [...new Set(batch.map((w) => w.item.conversationId))];
    const contactIds = [...new Set(batch.map((w) => w.item.contactId))];
    // Read side by side: on a database server each is a round trip of its own.
    const [conversationRows, tags, contactRows] = await Promise.all([
      db.conversations.findMany({ where: { id: { $in: conversationIds } } }),
      tagsOfConversations(strapi, conversationIds),
      db.contacts.findMany({ where: { id: { $in: contactIds } } }),
    ]);
    const byId = new Map(conversationRows.map((c) => [c.id, { ...c, tags: tags.get(c.id) ?? [] }]));
    const contacts = new Map(contactRows.map((c) => [c.id, c]));
    const grouped: PendingVisitorWrite[] = [];
    const oneByOne: PendingVisitorWrite[] = [];
    for (const write of batch) {
      const conversation = byId.get(write.item.conversationId);
      // Someone else's conversation is answered exactly like a missing one.
      if (!conversation || conversation.contactId !== write.item.contactId)
        write.reject(notFound('Conversation', write.item.conversationId));
      // Writing into an ended conversation reopens it: a transition, taken one message at a time.
      else if (conversation.status === 'ended') oneByOne.push(write);
      else grouped.push(write);
    }
    await together(grouped, (writes) => insertVisitorMessages(writes, byId, contacts));
    await settleOneByOne(oneByOne);
  };

  /** Inserts one message per clientId (a resend in the same batch shares it), touches, announces, acknowledges. */
  const insertVisitorMessages = async (
    writes: PendingVisitorWrite[],
    byId: Map<number, ConversationRow>,
    contacts: Map<number, ContactRow>,
  ) => {
    const { copies, firsts } = copiesOf(writes);
    const now = new Date();
    const data = firsts.map((w) => visitorRow(w, contacts.get(w.contactId)?.name ?? null, now));
    // Each conversation's newest message and how many it got: known before the insert, so the counters
    // are written in the same transaction.
    const newest = new Map<number, Touch>();
    for (const row of data) {
      const last = { ...row, id: 0, createdAt: now.toISOString() };
      const conversation = byId.get(row.conversationId) as ConversationRow;
      newest.set(row.conversationId, { conversation, last, count: (newest.get(row.conversationId)?.count ?? 0) + 1 });
    }
    const { ids, touched } = await insertMessages(strapi, data, [...newest.values()]);
    // The ids come back in insertion order (RETURNING on SQLite); ascending, one per row, they name the
    // rows without reading them again. Anything else is read back.
    const inOrder = ids.length === data.length && ids.every((id, i) => Number(id) > Number(i === 0 ? 0 : ids[i - 1]));
    const rows: MessageRow[] = inOrder
      ? data.map((row, i) => ({ ...row, id: Number(ids[i]), createdAt: now.toISOString() }))
      : (
          await db.messages.findMany({
            where: {
              conversationId: { $in: [...new Set(firsts.map((w) => w.conversationId))] },
              clientId: { $in: firsts.map((w) => w.input.clientId) },
            },
            orderBy: { id: 'asc' },
          })
        ).filter((m) => copies.has(keyOf(m.conversationId, m.clientId)));
    const created = rows.map((row) => {
      const conversation = byId.get(row.conversationId) as ConversationRow;
      return {
        row,
        conversation,
        touched: touched.get(row.conversationId) ?? null,
        contact: contacts.get(conversation.contactId),
      };
    });
    await announceAndSettle(created, copies);
  };

  /**
   * PostgreSQL: one statement checks, inserts, updates the counters and answers what the acknowledgement
   * and `message:created` need, so a batch costs one round trip. A message the statement did not store
   * (its conversation is missing, someone else's or ended) is written on its own, which answers 404 or
   * reopens the conversation; so is one into a conversation that two contacts name in the same batch.
   */
  const writeVisitorBatchInOneStatement = async (batch: PendingVisitorWrite[]) => {
    const senders = new Map<number, Set<number>>();
    for (const { item } of batch)
      senders.set(item.conversationId, (senders.get(item.conversationId) ?? new Set()).add(item.contactId));
    const contested = (w: PendingVisitorWrite) => (senders.get(w.item.conversationId)?.size ?? 0) > 1;
    let unstored: PendingVisitorWrite[] = [];
    await together(
      batch.filter((w) => !contested(w)),
      async (writes) => {
        const { copies, firsts } = copiesOf(writes);
        const now = new Date();
        const data = firsts.map((w) => visitorRow(w, null, now));
        const touches = new Map<number, VisitorTouch>();
        for (const w of firsts) {
          const count = (touches.get(w.conversationId)?.count ?? 0) + 1;
          const preview = previewOf({ text: w.input.text, attachments: w.input.attachments ?? [] });
          touches.set(w.conversationId, { conversationId: w.conversationId, contactId: w.contactId, preview, count });
        }
        const stored = await storeVisitorBatch(strapi, data, [...touches.values()], now);
        const rowByKey = new Map(data.map((row) => [keyOf(row.conversationId, row.clientId), row]));
        const created = stored.ids.flatMap(({ id, key }) => {
          const row = rowByKey.get(key);
          const conversation = row && stored.conversations.get(row.conversationId);
          if (!row || !conversation) return [];
          const contact = stored.contacts.get(conversation.contactId);
          const message = { ...row, id, authorName: contact?.name ?? null, createdAt: now.toISOString() };
          return [{ row: message, conversation, touched: conversation, contact }];
        });
        await announceAndSettle(created, copies);
        unstored = writes.filter((w) => !stored.conversations.has(w.item.conversationId));
      },
    );
    await settleOneByOne([...batch.filter(contested), ...unstored]);
  };

  const visitorWrites = groupCommit<VisitorWrite, Message>({
    maxBatch: MAX_VISITOR_BATCH,
    // SQLite has one writer; PostgreSQL and MySQL commit one batch while the next is read and inserted.
    concurrency: ['sqlite', 'better-sqlite3'].includes(strapi.db.dialect.client) ? 1 : PARALLEL_BATCHES,
    keyOf: (write) => write.conversationId,
    writeBatch: writeVisitorBatch,
  });

  return {
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

    /** A visitor writes: rate limited, stored in the next group commit, then announced (the bot listens). */
    async sendAsVisitor(contactId: number, conversationId: number, input: Outgoing) {
      await rateLimits().visitorMessage(contactId);
      return visitorWrites.push({ contactId, conversationId, input });
    },

    /** An agent writes: only into a conversation they hold (or an ended one, which they reopen). */
    async sendAsAgent(viewer: Viewer, conversationId: number, input: Outgoing) {
      const conversation = await conversations().load(conversationId);
      checkAgentMayWrite(conversation, viewer);
      const { message } = await write(
        conversation,
        {
          authorKind: 'agent',
          authorId: viewer.id,
          authorName: viewer.name,
          text: input.text,
          clientId: input.clientId,
          attachments: input.attachments,
        },
        viewer,
      );
      return message;
    },

    /** The bot or the system writes into a conversation (an ended one stays ended). */
    async sendAsBot(
      conversationId: number,
      input: Omit<NewMessage, 'authorKind'>,
      authorKind: 'bot' | 'system' = 'bot',
    ) {
      const conversation = await conversations().load(conversationId);
      return (await write(conversation, { ...input, authorKind })).message;
    },
  };
};
