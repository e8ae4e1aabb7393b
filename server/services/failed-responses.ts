import type { Core } from '@strapi/strapi';
import { randomUUID } from 'node:crypto';
import type { FailedResponse, FailedResponseKind, Page, Source } from '../../plugin/contracts/entities';
import { endOfDay } from '../../plugin/dates';
import type {
  AddToKnowledgeBase,
  AskingConversation,
  BroadcastFollowUp,
  GetFailedResponse,
  ListFailedResponses,
} from '../../plugin/contracts/failed-responses';
import { knowledgeEntries } from '../answering/knowledge-entries';
import { closestGroup, groupOfAsked, phrasing, phrasingKey } from '../answering/question-groups';
import { badRequest, conflict, notFound } from '../errors';
import { questionKey } from '../knowledge/text';
import { reachableByEmail } from '../mail/recipients';
import * as serialize from '../serialize';
import { tables } from '../store';
import type { FailedResponseRow } from '../store/rows';
import type { Viewer } from '../viewer';
import { uses } from './registry';

type ListQuery = ReturnType<typeof ListFailedResponses.query.parse>;
type NewEntry = ReturnType<typeof AddToKnowledgeBase.body.parse>;
type Broadcast = ReturnType<typeof BroadcastFollowUp.body.parse>;

/** A question the bot failed on, as `record` takes it. */
interface NewFailure {
  kind: FailedResponseKind;
  question: string;
  conversationId: number;
  /** The visitor's message that asked. */
  messageId: number;
  botAnswer: string | null;
  sources: Source[];
  confidence: number | null;
}

const clip = (botAnswer: string | null) => botAnswer?.slice(0, 4000) ?? null;

/** Distinct phrasings kept per group: enough for the editor to see how visitors ask. */
const MAX_PHRASINGS = 20;
/** Conversation ids per query when an erasure looks for phrasings other visitors used too. */
const CONVERSATIONS_PER_QUERY = 500;
/** Groups read per page when an erasure looks for the groups a visitor asked in. */
const GROUPS_PER_PAGE = 500;
/** Conversations shown with a group (the most recent ones). */
const CONVERSATIONS_SHOWN = 20;
/** Open groups compared with a new question when no group has its exact key. */
const GROUPS_COMPARED = 2000;
/** Marks a group's entry id while one request creates its entry: `claim:<since ms>:<uuid>`. */
const CLAIM = 'claim:';
/** A claim older than this was left by a request that died; a new request may take the group over. */
const CLAIM_EXPIRES_MS = 2 * 60_000;

const claimIsLive = (claim: string) => Date.now() - Number(claim.split(':')[1]) < CLAIM_EXPIRES_MS;

const SORTS: Record<ListQuery['sort'], Record<string, 'asc' | 'desc'>> = {
  'count:desc': { count: 'desc' },
  'lastAskedAt:desc': { lastAskedAt: 'desc' },
  'createdAt:desc': { createdAt: 'desc' },
};

/**
 * Questions the bot could not answer, grouped so editors see each question once with a count, and the
 * review actions that turn them into knowledge: a new entry, a mapping to an existing one, closing, and a
 * follow-up to everyone who asked.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const { events, journey, knowledge, messages } = uses(strapi, ['events', 'journey', 'knowledge', 'messages']);
  const db = tables(strapi);
  const entries = knowledgeEntries(strapi);
  // Failures are recorded (and taken back) one at a time, so two at once for the same question make one group.
  let recording: Promise<unknown> = Promise.resolve();
  const oneAtATime = <T>(run: () => Promise<T>) => {
    const next = recording.then(run);
    recording = next.catch(() => undefined);
    return next;
  };

  const load = async (id: number) => {
    const row = await db.failedResponses.findOne({ id });
    if (!row) throw notFound('Failed response', id);
    return row;
  };

  const alreadyClosed = (row: FailedResponseRow) =>
    conflict(`Failed response ${row.id} is already resolved${row.resolution ? ` (${row.resolution})` : ''}`);

  const answeredElsewhere = (row: FailedResponseRow) =>
    conflict(`Failed response ${row.id} is being answered by another request`);

  const requireOpen = (row: FailedResponseRow) => {
    if (row.status !== 'open') throw alreadyClosed(row);
  };

  /**
   * Closes the group if it is still open (compare-and-set on the status, so of two requests at once only
   * one closes it: the other gets a 409). `expect` narrows the condition further.
   */
  const resolve = async (
    row: FailedResponseRow,
    resolution: FailedResponse['resolution'],
    knowledgeEntryDocumentId: string | null = null,
    expect: Record<string, unknown> = {},
  ) => {
    const closed = await db.failedResponses.updateMany(
      { id: row.id, status: 'open', ...expect },
      { status: 'resolved', resolution, knowledgeEntryDocumentId, resolvedAt: new Date() },
    );
    if (closed === 0) throw alreadyClosed((await db.failedResponses.findOne({ id: row.id })) ?? row);
    return serialize.failedResponse((await db.failedResponses.findOne({ id: row.id })) ?? row);
  };

  /**
   * Reserves an open group for one new entry: compare-and-set of its entry id from what was read to a
   * claim, so two editors adding an entry at once make one entry (the other gets a 409). A group whose
   * draft entry still exists is taken: publishing that draft resolves it.
   */
  const claimForEntry = async (row: FailedResponseRow) => {
    requireOpen(row);
    const pending = row.knowledgeEntryDocumentId;
    // Without this check a request that read the row after another's claim would take the claim over.
    if (pending?.startsWith(CLAIM) && claimIsLive(pending)) throw answeredElsewhere(row);
    if (pending && !pending.startsWith(CLAIM) && (await entries.get(pending))) {
      throw conflict(`Failed response ${row.id} already has a draft knowledge entry (${pending}): publish it`);
    }
    const claim = `${CLAIM}${Date.now()}:${randomUUID()}`;
    const updated = await db.failedResponses.updateMany(
      { id: row.id, status: 'open', knowledgeEntryDocumentId: pending ?? null },
      { knowledgeEntryDocumentId: claim },
    );
    if (updated === 0) throw answeredElsewhere(row);
    return claim;
  };

  const phrasingsOf = (row: FailedResponseRow) => row.phrasings ?? [row.question];
  const askingConversationIds = (row: FailedResponseRow) =>
    row.conversationIds ?? (row.conversationId ? [row.conversationId] : []);

  const addToGroup = async (group: FailedResponseRow, input: NewFailure) => {
    const { question, conversationId } = input;
    const phrasings = phrasingsOf(group);
    const known = new Set(phrasings.map(phrasingKey));
    return db.failedResponses.update(
      { id: group.id },
      {
        // An answer visitors turned down: the group shows the latest one, which is what an editor fixes.
        ...(input.kind !== 'refused' ? { botAnswer: clip(input.botAnswer), sources: input.sources } : {}),
        count: (group.count ?? 1) + 1,
        conversationIds: [...new Set([...(group.conversationIds ?? []), conversationId])],
        phrasings:
          known.has(phrasingKey(question)) || phrasings.length >= MAX_PHRASINGS
            ? phrasings
            : [...phrasings, phrasing(question)],
        lastAskedAt: new Date(),
      },
    );
  };

  const record = async (input: NewFailure) => {
    const key = questionKey(input.question);
    const { kind } = input;
    let group = await db.failedResponses.findOne({ normalizedQuestion: key, status: 'open', kind });
    if (!group) {
      const open = await db.failedResponses.findMany({
        where: { status: 'open', kind },
        select: ['id', 'normalizedQuestion'],
        orderBy: { lastAskedAt: 'desc' },
        limit: GROUPS_COMPARED,
      });
      const similar = closestGroup(input.question, open);
      if (similar) group = await db.failedResponses.findOne({ id: similar.id });
    }
    if (group) return addToGroup(group, input);
    return db.failedResponses.create({
      kind,
      question: input.question.slice(0, 4000),
      normalizedQuestion: key,
      conversationId: input.conversationId,
      messageId: input.messageId,
      botAnswer: clip(input.botAnswer),
      sources: input.sources,
      confidence: input.confidence,
      status: 'open',
      count: 1,
      conversationIds: [input.conversationId],
      phrasings: [phrasing(input.question)],
      lastAskedAt: new Date(),
    });
  };

  /**
   * Groups (open or resolved) asked in any of `conversationIds`. Their ids sit in a JSON column that no
   * query filter reads the same way on SQLite and PostgreSQL, so the groups are read in pages of ids.
   */
  const groupsAskedIn = async (conversationIds: Set<number>) => {
    const found: number[] = [];
    let page: FailedResponseRow[];
    let after = 0;
    do {
      page = await db.failedResponses.findMany({
        where: { id: { $gt: after } },
        select: ['id', 'conversationId', 'conversationIds'],
        orderBy: { id: 'asc' },
        limit: GROUPS_PER_PAGE,
      });
      for (const row of page) if (askingConversationIds(row).some((id) => conversationIds.has(id))) found.push(row.id);
      after = page.at(-1)?.id ?? after;
    } while (page.length === GROUPS_PER_PAGE);
    return found.length ? db.failedResponses.findMany({ where: { id: { $in: found } } }) : [];
  };

  /** Which of `phrasings` a visitor wrote in one of `conversationIds` (as phrasing keys). */
  const phrasingsWrittenIn = async (conversationIds: number[], phrasings: string[]) => {
    const written = new Set<string>();
    if (phrasings.length === 0) return written;
    for (let i = 0; i < conversationIds.length; i += CONVERSATIONS_PER_QUERY) {
      const visitorMessages = await db.messages.findMany({
        where: {
          conversationId: { $in: conversationIds.slice(i, i + CONVERSATIONS_PER_QUERY) },
          authorKind: 'visitor',
          $or: phrasings.map((p) => ({ text: { $containsi: p.trim() } })),
        },
        select: ['text'],
      });
      for (const message of visitorMessages) written.add(phrasingKey(message.text));
    }
    return written;
  };

  /** The conversations that asked, most recent first, each with its messages. */
  const askingConversations = async (row: FailedResponseRow): Promise<AskingConversation[]> => {
    const ids = (row.conversationIds ?? []).slice(-CONVERSATIONS_SHOWN).reverse();
    if (ids.length === 0) return [];
    const conversations = await db.conversations.findMany({ where: { id: { $in: ids } } });
    const contacts = await db.contacts.findMany({
      where: { id: { $in: [...new Set(conversations.map((c) => c.contactId))] } },
    });
    const contactById = new Map(contacts.map((c) => [c.id, c]));
    const byId = new Map(conversations.map((c) => [c.id, c]));
    const present = ids.flatMap((id) => (byId.has(id) ? [byId.get(id)!] : []));
    return Promise.all(
      present.map(async (conversation) => ({
        id: conversation.id,
        status: conversation.status,
        contact: serialize.contactSummary(contactById.get(conversation.contactId), conversation.contactId),
        createdAt: conversation.createdAt,
        messages: (await messages().listAfter(conversation.id, 0, 200)).results,
      })),
    );
  };

  /**
   * A group some asks left (a vote taken back, an erasure): deleted when no phrasing or ask is left, else
   * it keeps `kept` and `remaining`, and its question becomes the first phrasing kept if its own one left.
   */
  const shrink = async (
    row: FailedResponseRow,
    change: { kept: string[]; remaining: number[]; count: number; firstAskLeft: boolean },
  ) => {
    const { kept, remaining, count } = change;
    if (kept.length === 0 || count <= 0) {
      await db.failedResponses.deleteMany({ id: row.id });
      return;
    }
    const question = kept.some((p) => phrasingKey(p) === phrasingKey(row.question)) ? row.question : kept[0];
    await db.failedResponses.update(
      { id: row.id },
      {
        question,
        normalizedQuestion: question === row.question ? row.normalizedQuestion : questionKey(question),
        phrasings: kept,
        conversationIds: remaining,
        count,
        ...(change.firstAskLeft ? { conversationId: null, messageId: null } : {}),
      },
    );
  };

  /**
   * Takes one ask back out of its open group of `kind` (a 👎 turned 👍): the count drops, the conversation
   * leaves the group, its phrasing too unless another conversation in the group wrote it; an emptied group
   * is deleted.
   */
  const withdraw = async (input: Pick<NewFailure, 'kind' | 'question' | 'conversationId'>) => {
    const asked = (await groupsAskedIn(new Set([input.conversationId]))).filter(
      (row) => row.status === 'open' && row.kind === input.kind,
    );
    const found = groupOfAsked(
      input.question,
      asked.map((row) => ({ row, normalizedQuestion: row.normalizedQuestion, phrasings: phrasingsOf(row) })),
    );
    if (!found) return;
    const { row, phrasings } = found;
    const remaining = askingConversationIds(row).filter((id) => id !== input.conversationId);
    const key = phrasingKey(input.question);
    const alsoOthers = await phrasingsWrittenIn(
      remaining,
      phrasings.filter((p) => phrasingKey(p) === key),
    );
    const kept = phrasings.filter((p) => phrasingKey(p) !== key || alsoOthers.has(key));
    await shrink(row, {
      kept,
      remaining,
      count: remaining.length === 0 ? 0 : (row.count ?? 1) - 1,
      firstAskLeft: row.conversationId === input.conversationId,
    });
  };

  return {
    /** Records a failure of `kind` (default: a refusal) under the open group of the same or a similar question of that kind, or a new group. */
    record(input: Omit<NewFailure, 'kind' | 'sources'> & Partial<Pick<NewFailure, 'kind' | 'sources'>>) {
      return oneAtATime(async () => {
        const failedResponse = await record({ ...input, kind: input.kind ?? 'refused', sources: input.sources ?? [] });
        if (failedResponse) {
          events().emit('failed-response:recorded', {
            failedResponse,
            conversationId: input.conversationId,
          });
        }
        return failedResponse;
      });
    },

    /** Takes a question back out of its open group of `kind` (see `withdraw`). */
    withdraw(input: Parameters<typeof withdraw>[0]) {
      return oneAtATime(() => withdraw(input));
    },

    async list(query: ListQuery): Promise<Page<FailedResponse>> {
      const and: Record<string, unknown>[] = [];
      if (query.status === 'open') and.push({ status: 'open' });
      if (query.status === 'dismissed') and.push({ status: 'resolved', resolution: 'dismissed' });
      if (query.status === 'resolved') {
        and.push(
          { status: 'resolved' },
          { $or: [{ resolution: { $null: true } }, { resolution: { $ne: 'dismissed' } }] },
        );
      }
      if (query.from) and.push({ [query.dateField]: { $gte: query.from } });
      if (query.to) and.push({ [query.dateField]: { $lte: endOfDay(query.to) } });
      if (query.q) and.push({ question: { $containsi: query.q } });
      if (query.kind) and.push({ kind: query.kind });
      const where = and.length ? { $and: and } : {};
      const [rows, total] = await Promise.all([
        db.failedResponses.findMany({
          where,
          orderBy: [SORTS[query.sort], { id: 'desc' }],
          limit: query.pageSize,
          offset: (query.page - 1) * query.pageSize,
        }),
        db.failedResponses.count(where),
      ]);
      return {
        results: rows.map(serialize.failedResponse),
        pagination: {
          page: query.page,
          pageSize: query.pageSize,
          total,
          pageCount: Math.ceil(total / query.pageSize),
        },
      };
    },

    async get(id: number): Promise<GetFailedResponse.Response> {
      const row = await load(id);
      const [conversations, knowledgeEntry] = await Promise.all([
        askingConversations(row),
        row.knowledgeEntryDocumentId ? entries.get(row.knowledgeEntryDocumentId) : null,
      ]);
      return { ...serialize.failedResponse(row), conversations, knowledgeEntry };
    },

    /**
     * A new knowledge entry prefilled with the question and its phrasings; the editor wrote the answer. A
     * published entry resolves the group now; a draft resolves it when published (`entryPublished`).
     */
    async addKnowledgeEntry(id: number, input: NewEntry) {
      const row = await load(id);
      const claim = await claimForEntry(row);
      let knowledgeEntry;
      try {
        knowledgeEntry = await entries.create({
          title: input.title || row.question.slice(0, 255),
          answer: input.answer,
          alternativeQuestions: [...phrasingsOf(row), ...(input.alternativeQuestions ?? [])],
          url: input.url,
          failedResponseId: row.id,
          publish: input.publish,
        });
      } catch (error) {
        await db.failedResponses.updateMany(
          { id: row.id, knowledgeEntryDocumentId: claim },
          { knowledgeEntryDocumentId: row.knowledgeEntryDocumentId ?? null },
        );
        throw error;
      }
      const { documentId } = knowledgeEntry;
      if (!knowledgeEntry.published) {
        await db.failedResponses.updateMany(
          { id: row.id, knowledgeEntryDocumentId: claim },
          { knowledgeEntryDocumentId: documentId },
        );
        return { failedResponse: serialize.failedResponse(await load(id)), knowledgeEntry };
      }
      // The answer reaches the editor once the bot can answer from the entry.
      await knowledge().settled();
      const failedResponse = await resolve(row, 'new-entry', documentId, { knowledgeEntryDocumentId: claim });
      return { failedResponse, knowledgeEntry };
    },

    /** A knowledge entry was published (Content Manager or review): the open groups waiting for it are resolved. */
    async entryPublished(documentId: string) {
      await db.failedResponses.updateMany(
        { status: 'open', knowledgeEntryDocumentId: documentId },
        { status: 'resolved', resolution: 'new-entry', resolvedAt: new Date() },
      );
    },

    /** The question (and its phrasings) become alternative questions of an existing entry. */
    async mapToEntry(id: number, entryDocumentId: string) {
      const row = await load(id);
      requireOpen(row);
      const knowledgeEntry = await entries.addPhrasings(entryDocumentId, phrasingsOf(row));
      if (!knowledgeEntry) throw badRequest('entryDocumentId', `no knowledge entry with id ${entryDocumentId}`);
      if (knowledgeEntry.published) await knowledge().settled();
      return {
        failedResponse: await resolve(row, 'mapped', entryDocumentId, {
          knowledgeEntryDocumentId: row.knowledgeEntryDocumentId ?? null,
        }),
        knowledgeEntry,
      };
    },

    /** Closes the group: `resolve` (handled elsewhere) or `dismiss` (not worth an answer). */
    async close(id: number, how: 'resolve' | 'dismiss') {
      const row = await load(id);
      requireOpen(row);
      const draftEntry = row.knowledgeEntryDocumentId?.startsWith(CLAIM) ? null : row.knowledgeEntryDocumentId;
      return resolve(row, how === 'dismiss' ? 'dismissed' : null, draftEntry ?? null);
    },

    /**
     * A follow-up into every conversation that asked (pushed to sockets like any message, without reopening
     * ended ones), a journey event per contact, and the broadcast announced: `listeners/visitor-emails.ts`
     * emails each visitor who left an address and did not unsubscribe (`emailed` counts them).
     */
    async broadcast(id: number, input: Broadcast, viewer: Viewer) {
      const row = await load(id);
      const conversationIds = row.conversationIds ?? [];
      const conversations = conversationIds.length
        ? await db.conversations.findMany({ where: { id: { $in: conversationIds } } })
        : [];
      const batch = `broadcast-${row.id}-${Date.now().toString(36)}`;
      for (const conversation of conversations) {
        await messages().sendAsBot(conversation.id, { text: input.text, clientId: batch });
      }

      const contactIds = [...new Set(conversations.map((c) => c.contactId))];
      const contacts = contactIds.length ? await db.contacts.findMany({ where: { id: { $in: contactIds } } }) : [];
      const subject = input.subject || 'Following up on your question';
      const conversationOf = (contactId: number) => conversations.find((c) => c.contactId === contactId)?.id ?? null;
      let emailed = 0;
      for (const contact of contacts) {
        const due = reachableByEmail(contact);
        if (due) emailed += 1;
        await journey().record({
          contactId: contact.id,
          conversationId: conversationOf(contact.id),
          type: 'broadcast.sent',
          actor: `agent:${viewer.id}`,
          payload: { failedResponseId: row.id, emailed: due },
        });
      }
      // Emails (to visitors who did not unsubscribe) and broadcast tags follow from this event.
      events().emit('failed-response:broadcast', {
        failedResponse: row,
        contacts,
        subject,
        text: input.text,
        recipients: contacts.map((contact) => ({ contactId: contact.id, conversationId: conversationOf(contact.id) })),
      });
      return { sent: conversations.length, emailed };
    },

    /**
     * Erasure of the visitor who wrote in `conversationIds`: their phrasings leave the groups they asked
     * in (unless another visitor wrote the same words), each count drops by their questions, and a group
     * left with no phrasing is deleted. Call it before their messages are deleted: those say what they asked.
     */
    async removeVisitorPhrasings(conversationIds: number[]) {
      const erased = new Set(conversationIds);
      const groups = erased.size ? await groupsAskedIn(erased) : [];
      if (groups.length === 0) return;
      const questions = await db.messages.findMany({
        where: { conversationId: { $in: conversationIds }, authorKind: 'visitor' },
        select: ['conversationId', 'text'],
      });
      const candidates = groups.map((row) => ({
        row,
        normalizedQuestion: row.normalizedQuestion,
        phrasings: phrasingsOf(row),
      }));
      const asked = new Map<number, number>();
      for (const question of questions) {
        const inConversation = candidates.filter((c) => askingConversationIds(c.row).includes(question.conversationId));
        const group = groupOfAsked(question.text, inConversation);
        if (group) asked.set(group.row.id, (asked.get(group.row.id) ?? 0) + 1);
      }

      for (const { row, phrasings } of candidates) {
        const asking = askingConversationIds(row);
        const remaining = asking.filter((id) => !erased.has(id));
        const theirWords = new Set(
          questions.filter((q) => asking.includes(q.conversationId)).map((q) => phrasingKey(q.text)),
        );
        const theirs = phrasings.filter((p) => theirWords.has(phrasingKey(p)));
        const alsoOthers = await phrasingsWrittenIn(remaining, theirs);
        const kept = phrasings.filter((p) => !theirWords.has(phrasingKey(p)) || alsoOthers.has(phrasingKey(p)));
        await shrink(row, {
          kept,
          remaining,
          // Every conversation still listed asked at least once.
          count: Math.max((row.count ?? 1) - (asked.get(row.id) ?? 0), remaining.length, 1),
          firstAskLeft: row.conversationId !== null && erased.has(row.conversationId),
        });
      }
    },

    /** Knowledge entries to map a question to. */
    searchEntries: (q: string | undefined) => entries.search(q),
  };
};
