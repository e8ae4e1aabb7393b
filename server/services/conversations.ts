import type { Core } from '@strapi/strapi';
import type { ListConversations, ListedConversation } from '../../plugin/contracts/agent';
import type { AgentJoin, Conversation, Page } from '../../plugin/contracts/entities';
import { OFFLINE_CHANNEL } from '../../plugin/contracts/visitor';
import { checkTransition, type ConversationAction } from '../../plugin/lifecycle';
import { pluginConfig } from '../config';
import { badRequest, conflict, forbidden, notFound } from '../errors';
import { oneAtATime } from '../one-at-a-time';
import * as serialize from '../serialize';
import { tables } from '../store';
import { conversationListOrder, conversationListWhere } from '../store/conversation-queries';
import { pendingEscalationFor } from '../store/escalation-queries';
import type { ContactRow, ConversationRow, TagRow } from '../store/rows';
import { toMillis } from '../store/sql';
import type { Viewer } from '../viewer';
import { visitorPresence } from '../visitor-presence';
import type { Actor } from './journey';
import { uses } from './registry';

type ListQuery = ReturnType<typeof ListConversations.query.parse>;

interface TransitionOptions {
  actor: Actor;
  /** Extra columns written in the same compare-and-set update (assignee, team, end reason…). */
  patch?: Record<string, unknown>;
  /** Journey event type and payload; defaults to `conversation.<action>`. */
  journey?: { type?: string; payload?: Record<string, unknown> };
  byAgent?: boolean;
  /** Runs after the lifecycle check, before the write: a refusal (e.g. the agent is at capacity) changes nothing. */
  before?: (current: ConversationRow) => Promise<void>;
}

/** Timestamps a state brings with it, written atomically with the state itself. */
const timestampsFor = (to: ConversationRow['status'], from: ConversationRow['status'], now: Date) => {
  if (to === 'queued') return { queuedAt: now };
  if (to === 'ended') return { endedAt: now };
  if (from === 'ended') return { endedAt: null, endReason: null, endNote: null };
  return {};
};

/** Conversations: the lifecycle (every transition goes through `transition`), lists and presentation. */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const { agents, capacity, deskSettings, events, journey, presence, rateLimits, settings } = uses(strapi, [
    'agents',
    'capacity',
    'desk-settings',
    'events',
    'journey',
    'presence',
    'rate-limits',
    'settings',
  ]);
  const db = tables(strapi);

  const load = async (id: number) => {
    const row = await db.conversations.findOne({ id }, ['tags']);
    if (!row) throw notFound('Conversation', id);
    return row;
  };

  /** Rows → API shapes, with contacts (unless `known` has them all) and assignees loaded in one query each. */
  const present = async (rows: ConversationRow[], known: ContactRow[] = []): Promise<Conversation[]> => {
    const contactById = new Map(known.map((c) => [c.id, c]));
    const contactIds = [...new Set(rows.map((r) => r.contactId))].filter((id) => !contactById.has(id));
    const [contacts, assignees] = await Promise.all([
      contactIds.length ? db.contacts.findMany({ where: { id: { $in: contactIds } } }) : [],
      agents().summaries(rows.map((r) => r.assigneeId)),
    ]);
    for (const contact of contacts) contactById.set(contact.id, contact);
    return rows.map((row) =>
      serialize.conversation(row, {
        contact: contactById.get(row.contactId),
        assignee: row.assigneeId ? (assignees.get(row.assigneeId) ?? null) : null,
      }),
    );
  };

  /** The visitor's view; a pending escalation of an open conversation shows when it should be resolved. */
  const presentForVisitor = async (row: ConversationRow) => {
    const [assignees, escalation] = await Promise.all([
      agents().summaries([row.assigneeId]),
      row.status === 'open' ? db.escalations.findOne({ conversationId: row.id, status: 'pending' }) : null,
    ]);
    const minutes = escalation?.expectedResolutionMinutes;
    const expectedResolutionAt = minutes
      ? new Date(new Date(escalation.createdAt).getTime() + minutes * 60_000).toISOString()
      : null;
    return serialize.visitorConversation(
      row,
      row.assigneeId ? (assignees.get(row.assigneeId)?.name ?? null) : null,
      expectedResolutionAt,
    );
  };

  /** Reloads the conversation and tells every listener it changed (from `before`, or new when null). */
  const announce = async (id: number, before: Pick<ConversationRow, 'status' | 'assigneeId'> | null) => {
    const after = await load(id);
    events().emit('conversation:changed', {
      conversation: after,
      previousStatus: before?.status ?? null,
      previousAssigneeId: before?.assigneeId ?? null,
    });
    return after;
  };

  /** Creates a conversation with its `conversation.started` journey event. */
  const create = async (
    data: Record<string, unknown> & { contactId: number },
    actor: Actor,
    payload: Record<string, unknown>,
  ) => {
    const row = await db.conversations.create({ channel: 'web', unreadByAgent: 0, unreadByVisitor: 0, ...data });
    await journey().record({
      contactId: data.contactId,
      conversationId: row.id,
      type: 'conversation.started',
      actor,
      payload,
    });
    return announce(row.id, null);
  };

  /** The join history with one more agent, named as they are now (a transcript keeps the name they had). */
  const joinedBy = async (joins: AgentJoin[] | null, agentId: number, at: Date): Promise<AgentJoin[]> => {
    const agent = await agents().require(agentId, 'assigneeId');
    return [...(joins ?? []), { name: agents().displayName(agent), at: at.toISOString() }];
  };

  /**
   * Moves a conversation through the lifecycle table in `plugin/`. The update is a compare-and-set on
   * (status, assignee): of two agents picking the same conversation at once, exactly one row update wins.
   */
  const transition = async (id: number, action: ConversationAction, options: TransitionOptions) => {
    const current = await load(id);
    const check = checkTransition(current.status, action, {
      hasAgent: current.assigneeId !== null,
      byAgent: options.byAgent,
    });
    if (!check.allowed) throw conflict(check.reason);
    await options.before?.(current);
    const now = new Date();
    const assigneeId = options.patch?.assigneeId;
    const joins =
      typeof assigneeId === 'number' && assigneeId !== current.assigneeId
        ? await joinedBy(current.joins, assigneeId, (options.patch?.assignedAt as Date | undefined) ?? now)
        : undefined;
    const data = {
      status: check.to,
      ...timestampsFor(check.to, current.status, now),
      ...options.patch,
      ...(joins ? { joins } : {}),
    };
    await strapi.db.transaction(async () => {
      const updated = await db.conversations.updateMany(
        {
          id,
          status: current.status,
          assigneeId: current.assigneeId === null ? { $null: true } : current.assigneeId,
        },
        data,
      );
      if (updated === 0) {
        const latest = await load(id);
        const again = checkTransition(latest.status, action);
        throw conflict(again.allowed ? `The conversation changed meanwhile; reload and try again` : again.reason);
      }
      await journey().record({
        contactId: current.contactId,
        conversationId: id,
        type: options.journey?.type ?? `conversation.${action}`,
        actor: options.actor,
        payload: { from: current.status, to: check.to, ...options.journey?.payload },
      });
    });
    return announce(id, current);
  };

  const agentActor = (viewer: { id: number }): Actor => `agent:${viewer.id}`;

  /** The agent takes a conversation themselves (pick, take over): only while online, within their capacity. */
  const takeFor = (viewer: Viewer, id: number, action: 'pick' | 'takeOver', remedy: string, journeyType?: string) => {
    presence().requireOnline(viewer, remedy);
    return capacity().withinCapacity(viewer, (checkCapacity) =>
      transition(id, action, {
        actor: agentActor(viewer),
        byAgent: true,
        patch: { assigneeId: viewer.id, assignedAt: new Date() },
        journey: { type: journeyType, payload: { agentId: viewer.id } },
        before: checkCapacity,
      }),
    );
  };

  /**
   * A conversation the agent may see: the queue, their own, one with a pending escalation addressed to
   * them or their team, or any with "read all".
   */
  const loadForAgent = async (id: number, viewer: Viewer) => {
    const row = await load(id);
    if (viewer.can('readAll') || row.status === 'queued' || row.assigneeId === viewer.id) return row;
    if (await pendingEscalationFor(db, [id], viewer.id)) return row;
    throw forbidden(`Conversation ${id} is assigned to another agent`);
  };

  /**
   * The side has read the thread up to now: its unread counter is cleared and its "seen" time set, so the
   * other side's messages up to then show "Seen". Written (and pushed to watchers and the visitor) only when
   * something arrived since the last read. Answers the conversation as it is now.
   */
  const markRead = async (id: number, side: 'agent' | 'visitor') => {
    const [unreadColumn, seenColumn] =
      side === 'agent'
        ? (['unreadByAgent', 'seenByAgentAt'] as const)
        : (['unreadByVisitor', 'seenByVisitorAt'] as const);
    const current = await load(id);
    const seenAt = current[seenColumn];
    const newer = seenAt === null || (toMillis(current.lastMessageAt) ?? 0) > (toMillis(seenAt) ?? 0);
    if (!newer && !current[unreadColumn]) return current;
    await db.conversations.updateMany({ id }, { [unreadColumn]: 0, [seenColumn]: new Date() });
    return announce(id, current);
  };

  /** One start per visitor at a time, so two starts at once cannot both take the last open slot. */
  const oneStartPerVisitor = oneAtATime<number>();

  return {
    load,
    present,
    presentForVisitor,
    transition,

    async presentOne(row: ConversationRow) {
      return (await present([row]))[0];
    },

    /** A conversation the visitor owns; someone else's is answered exactly like a missing one. */
    async loadForVisitor(id: number, contactId: number) {
      const row = await db.conversations.findOne({ id, contactId });
      if (!row) throw notFound('Conversation', id);
      return row;
    },

    loadForAgent,
    markRead,

    /** An agent read the thread (REST, socket, opening it): it counts as read by the desk only for its assignee. */
    async markReadByAgent(id: number, viewer: Viewer) {
      const row = await loadForAgent(id, viewer);
      return row.assigneeId === viewer.id ? markRead(id, 'agent') : row;
    },

    /**
     * A visitor opens a conversation, within their cap of open conversations (409) and their rate limits
     * (429), all checked before anything is written. `firstMessage` sends the opening text once the row
     * exists; its rate limit is checked up front so a refused text leaves no empty conversation behind.
     * `offline`: left through the offline form, it skips the bot and waits in the queue as an offline message.
     */
    startForVisitor(
      contactId: number,
      meta: { pageUrl?: string; userAgent?: string | null; ip?: string | null; locale?: string; offline?: boolean },
      firstMessage?: (started: ConversationRow) => Promise<unknown>,
    ) {
      const { maxOpenConversationsPerVisitor: cap } = pluginConfig(strapi);
      const limits = rateLimits();
      const channel = meta.offline ? OFFLINE_CHANNEL : 'web';
      return oneStartPerVisitor(contactId, async () => {
        const status = !meta.offline && (await deskSettings().botEnabled()) ? 'bot' : 'queued';
        const open = await db.conversations.count({ contactId, status: { $ne: 'ended' } });
        if (open >= cap) {
          throw conflict(`A visitor may have at most ${cap} open conversations at once: end one to start another`);
        }
        if (firstMessage) await limits.checkVisitorMessage(contactId);
        await limits.conversationStart(contactId);
        const started = await create(
          {
            status,
            channel,
            contactId,
            locale: meta.locale || null,
            pageUrl: meta.pageUrl ?? null,
            userAgent: meta.userAgent?.slice(0, 500) ?? null,
            ip: meta.ip ?? null,
            queuedAt: status === 'queued' ? new Date() : null,
          },
          'visitor',
          { status, channel, pageUrl: meta.pageUrl ?? null },
        );
        await firstMessage?.(started);
        return started;
      });
    },

    /** An agent opens a conversation with a known contact: it starts `open`, assigned to them. */
    async startForAgent(viewer: Viewer, contactId: number) {
      if (!(await db.contacts.findOne({ id: contactId })))
        throw badRequest('contactId', `no contact with id ${contactId}`);
      const assignedAt = new Date();
      const joins = await joinedBy(null, viewer.id, assignedAt);
      return create({ status: 'open', contactId, assigneeId: viewer.id, assignedAt, joins }, agentActor(viewer), {
        status: 'open',
        agentId: viewer.id,
      });
    },

    async list(query: ListQuery, viewer: Viewer): Promise<Page<ListedConversation>> {
      const where = await conversationListWhere(db, query, { id: viewer.id, readAll: viewer.can('readAll') });
      const [rows, total] = await Promise.all([
        db.conversations.findMany({
          where,
          orderBy: conversationListOrder(query.sort),
          limit: query.pageSize,
          offset: (query.page - 1) * query.pageSize,
          populate: ['tags'],
        }),
        db.conversations.count(where),
      ]);
      const [results, onlineContacts] = await Promise.all([
        present(rows),
        visitorPresence(strapi).onlineAmong([...new Set(rows.map((row) => row.contactId))]),
      ]);
      return {
        results: results.map((row) => ({ ...row, visitorOnline: onlineContacts.has(row.contact.id) })),
        pagination: {
          page: query.page,
          pageSize: query.pageSize,
          total,
          pageCount: Math.ceil(total / query.pageSize),
        },
      };
    },

    /** The visitor's own conversations, newest first. */
    async listForVisitor(contactId: number) {
      const rows = await db.conversations.findMany({
        where: { contactId },
        orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
        limit: 100,
      });
      return Promise.all(rows.map(presentForVisitor));
    },

    /** The visitor asks for a person; asking while already queued is a 409 that does not count against the limit. */
    requestHuman: (id: number) =>
      transition(id, 'requestHuman', {
        actor: 'visitor',
        patch: { teamId: null },
        before: (current) => rateLimits().humanRequest(current.contactId),
      }),

    /**
     * The visitor used the offline form in this conversation: from the bot it joins the queue, and a queued
     * one stays there; either way as an offline message (`channel: offline`), answered by email.
     */
    async leaveOffline(id: number) {
      const current = await load(id);
      if (current.status !== 'queued') {
        return transition(id, 'requestHuman', {
          actor: 'visitor',
          patch: { teamId: null, channel: OFFLINE_CHANNEL },
          journey: { type: 'conversation.offline' },
          before: (row) => rateLimits().humanRequest(row.contactId),
        });
      }
      if (current.channel === OFFLINE_CHANNEL) return current;
      await db.conversations.update({ id }, { channel: OFFLINE_CHANNEL });
      await journey().record({
        contactId: current.contactId,
        conversationId: id,
        type: 'conversation.offline',
        actor: 'visitor',
        payload: { from: 'queued', to: 'queued' },
      });
      return announce(id, current);
    },

    pick: (id: number, viewer: Viewer) => takeFor(viewer, id, 'pick', 'go online to pick a conversation'),

    /** The agent steps into a conversation the bot is handling; the journey records the intervention. */
    async takeOver(id: number, viewer: Viewer) {
      await loadForAgent(id, viewer);
      return takeFor(viewer, id, 'takeOver', 'go online to take over a conversation', 'conversation.taken-over');
    },

    async assign(id: number, agentId: number, viewer: Viewer) {
      const agent = await agents().require(agentId, 'agentId');
      const name = agents().displayName(agent);
      presence().requireOnline({ id: agentId, name }, 'assign to an agent who is online');
      return capacity().withinCapacity({ id: agentId, name }, (checkCapacity) =>
        transition(id, 'assign', {
          actor: agentActor(viewer),
          byAgent: true,
          patch: { assigneeId: agentId, assignedAt: new Date() },
          journey: { payload: { agentId } },
          before: checkCapacity,
        }),
      );
    },

    /** Hands an open conversation to another agent, or back to a team's queue. */
    async transfer(id: number, target: { agentId?: number; teamId?: number; note?: string }, viewer: Viewer) {
      const current = await load(id);
      if (current.assigneeId !== viewer.id && !viewer.can('assign')) {
        throw forbidden('Only the assigned agent or an agent who may assign can transfer this conversation');
      }
      if (target.agentId !== undefined) {
        if (target.agentId === current.assigneeId)
          throw badRequest('agentId', 'the conversation is already assigned to this agent');
        const agent = await agents().require(target.agentId, 'agentId');
        const receiver = { id: agent.id, name: agents().displayName(agent) };
        presence().requireOnline(receiver, 'transfer to an agent who is online');
        return capacity().withinCapacity(receiver, (checkCapacity) =>
          transition(id, 'transfer', {
            actor: agentActor(viewer),
            byAgent: true,
            patch: { assigneeId: receiver.id, assignedAt: new Date() },
            journey: {
              type: 'conversation.transferred',
              payload: { toAgentId: receiver.id, note: target.note ?? null },
            },
            before: checkCapacity,
          }),
        );
      }
      const teamId = target.teamId as number;
      await settings().requireTeam(teamId, 'teamId');
      return transition(id, 'requeue', {
        actor: agentActor(viewer),
        byAgent: true,
        patch: { assigneeId: null, teamId },
        journey: { type: 'conversation.transferred', payload: { toTeamId: teamId, note: target.note ?? null } },
      });
    },

    async end(id: number, input: { reasonId: number; note?: string }, viewer: Viewer) {
      const current = await load(id);
      if (current.assigneeId !== null && current.assigneeId !== viewer.id && !viewer.can('assign')) {
        throw forbidden('Only the assigned agent can end this conversation');
      }
      const reason = await settings().requireEndReason(input.reasonId, 'reasonId');
      if (reason.requiresNote && !input.note) throw badRequest('note', `is required for the reason "${reason.label}"`);
      return transition(id, 'end', {
        actor: agentActor(viewer),
        byAgent: true,
        patch: { endReason: reason.label, endNote: input.note ?? null },
        journey: { payload: { reason: reason.label } },
      });
    },

    endByVisitor: (id: number) =>
      transition(id, 'end', { actor: 'visitor', patch: { endReason: 'Ended by visitor', endNote: null } }),

    reopen: (id: number, viewer: Viewer) =>
      transition(id, 'reopen', {
        actor: agentActor(viewer),
        byAgent: true,
        patch: { assigneeId: viewer.id, assignedAt: new Date() },
      }),

    async rate(id: number, rating: { score: number; comment?: string }) {
      const rated = await transition(id, 'rate', {
        actor: 'visitor',
        patch: { rating: rating.score, ratingComment: rating.comment ?? null },
        journey: { type: 'conversation.rated', payload: { score: rating.score } },
      });
      events().emit('conversation:rated', { conversation: rated });
      return rated;
    },

    async setTags(id: number, tagIds: number[], viewer: Viewer) {
      const current = await load(id);
      const tags = await settings().requireTags(tagIds, 'tagIds');
      await db.conversations.update({ id }, { tags: { set: tags.map((t) => ({ id: t.id })) } });
      const before = new Set((current.tags ?? []).map((t) => t.id));
      const added = tags.filter((t) => !before.has(t.id));
      const removed = (current.tags ?? []).filter((t) => !tagIds.includes(t.id));
      if (added.length || removed.length) {
        await journey().record({
          contactId: current.contactId,
          conversationId: id,
          type: 'conversation.tagged',
          actor: agentActor(viewer),
          payload: { added: added.map((t) => t.name), removed: removed.map((t) => t.name) },
        });
      }
      return announce(id, current);
    },

    /** Adds an automated tag (no-op when it is there): a `tag.applied` journey event naming `rule`, pushed to watchers. */
    async applyTag(id: number, tag: TagRow, rule: string) {
      const current = await load(id);
      if ((current.tags ?? []).some((t) => t.id === tag.id)) return;
      await db.conversations.update({ id }, { tags: { connect: [{ id: tag.id }] } });
      await journey().record({
        contactId: current.contactId,
        conversationId: id,
        type: 'tag.applied',
        actor: 'system',
        payload: { tag: tag.name, rule },
      });
      await announce(id, current);
    },
  };
};
