import type { Core } from '@strapi/strapi';
import type { UpdateContact } from '../../plugin/contracts/agent';
import { MAX_ATTRIBUTES } from '../../plugin/contracts/fields';
import type { IdentifyVisitor, RecordPageView } from '../../plugin/contracts/visitor';
import { badRequest, forbidden, notFound } from '../errors';
import * as serialize from '../serialize';
import { tables } from '../store';
import { contactLastSeen } from '../store/contact-batches';
import { pendingEscalationFor } from '../store/escalation-queries';
import type { TagRow } from '../store/rows';
import type { Viewer } from '../viewer';
import { visitorPresence } from '../visitor-presence';
import { uses } from './registry';

type ContactUpdate = ReturnType<typeof UpdateContact.body.parse>;
type Identification = ReturnType<typeof IdentifyVisitor.body.parse>;

/** The journey event of a page the visitor recorded; the latest is their "Now on …". */
const PAGE_VIEWED = 'page.viewed';

/** Headers that CDNs and hosts in front of Strapi set to the visitor's country (ISO 3166-1 alpha-2). */
const COUNTRY_HEADERS = ['cf-ipcountry', 'x-vercel-ip-country', 'x-country-code'];

/**
 * The visitor's country from the first of `COUNTRY_HEADERS` that holds a two-letter code, upper-cased;
 * null when none does (Cloudflare sends `XX` for unknown and `T1` for Tor).
 */
export function countryFromHeaders(headers: Record<string, string | string[] | undefined>): string | null {
  for (const name of COUNTRY_HEADERS) {
    const raw = headers[name];
    const value = (Array.isArray(raw) ? raw[0] : raw)?.trim().toUpperCase();
    if (value && /^[A-Z]{2}$/.test(value) && value !== 'XX') return value;
  }
  return null;
}

/** Contacts: the people behind conversations, their details, journey, and deletion with all their data. */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const { attachments, events, failedResponses, journey, rateLimits, settings } = uses(strapi, [
    'attachments',
    'events',
    'failed-responses',
    'journey',
    'rate-limits',
    'settings',
  ]);
  const db = tables(strapi);
  const presence = visitorPresence(strapi);
  const lastSeen = contactLastSeen(strapi);

  const load = async (id: number) => {
    const row = await db.contacts.findOne({ id }, ['tags']);
    if (!row) throw notFound('Contact', id);
    return row;
  };

  /**
   * A contact the agent may see: with "read all" any; otherwise one with a conversation the agent may
   * see (queued, theirs, or with a pending escalation addressed to them or their team).
   */
  const loadForAgent = async (id: number, viewer: Viewer) => {
    const row = await load(id);
    if (viewer.can('readAll')) return row;
    const visible = await db.conversations.count({
      contactId: id,
      $or: [{ status: 'queued' }, { assigneeId: viewer.id }],
    });
    if (visible > 0) return row;
    const conversations = await db.conversations.findMany({ where: { contactId: id }, select: ['id'] });
    const ids = conversations.map((c) => c.id);
    if (await pendingEscalationFor(db, ids, viewer.id)) return row;
    throw forbidden(`Contact ${id} has no conversation you may see`);
  };

  return {
    load,
    loadForAgent,

    /** A new visitor; `headers` of the request that starts the session give their country. */
    createVisitor(
      input: { name?: string; email?: string; locale?: string },
      headers: Record<string, string | string[] | undefined> = {},
    ) {
      return db.contacts.create({
        name: input.name || null,
        email: input.email || null,
        locale: input.locale || null,
        country: countryFromHeaders(headers),
        attributes: {},
        lastSeenAt: new Date(),
      });
    },

    async get(id: number, viewer: Viewer) {
      const row = await loadForAgent(id, viewer);
      const [online, page] = await Promise.all([presence.isOnline(id), journey().latest(id, PAGE_VIEWED)]);
      return serialize.contact(row, online, page && serialize.pageView(page));
    },

    /**
     * The site says who its visitor is: details replace, attributes merge into the stored ones (null keeps
     * the key, as the agent's edit does); more than `MAX_ATTRIBUTES` keys in all is a 400. Tags are the
     * tagging listener's to apply.
     */
    async identify(id: number, input: Identification) {
      const current = await load(id);
      const data: Record<string, unknown> = { lastSeenAt: new Date() };
      if (input.name !== undefined) data.name = input.name || null;
      if (input.email !== undefined) data.email = input.email || null;
      if (input.phone !== undefined) data.phone = input.phone || null;
      if (input.attributes !== undefined) {
        const attributes = { ...(current.attributes ?? {}), ...input.attributes };
        if (Object.keys(attributes).length > MAX_ATTRIBUTES) {
          throw badRequest(
            'attributes',
            `must have at most ${MAX_ATTRIBUTES} keys in all (the contact has ${Object.keys(current.attributes ?? {}).length})`,
          );
        }
        data.attributes = attributes;
      }
      const row = (await db.contacts.update({ id }, data))!;
      await journey().record({
        contactId: id,
        type: 'contact.identified',
        actor: 'visitor',
        payload: {
          fields: Object.keys(input).filter((key) => key !== 'attributes' && key !== 'tags'),
          attributes: Object.keys(input.attributes ?? {}),
        },
      });
      events().emit('contact:identified', { contactId: id, tags: input.tags ?? [] });
      return { id, name: row.name, email: row.email, phone: row.phone, attributes: row.attributes ?? {} };
    },

    /** Adds an automated tag to the contact (no-op when it is there), with a `tag.applied` journey event naming `rule`. */
    async applyTag(id: number, tag: TagRow, rule: string, conversationId: number | null = null) {
      const current = await db.contacts.findOne({ id }, ['tags']);
      if (!current || (current.tags ?? []).some((t) => t.id === tag.id)) return;
      await db.contacts.update({ id }, { tags: { connect: [{ id: tag.id }] } });
      await journey().record({
        contactId: id,
        conversationId,
        type: 'tag.applied',
        actor: 'system',
        payload: { tag: tag.name, rule },
      });
    },

    /** The visitor is on this page now: a journey event (rate limited per visitor), and they were seen. */
    async recordPage(id: number, page: ReturnType<typeof RecordPageView.body.parse>) {
      await rateLimits().pageView(id);
      await db.contacts.updateMany({ id }, { lastSeenAt: new Date() });
      await journey().record({
        contactId: id,
        type: PAGE_VIEWED,
        actor: 'visitor',
        payload: { url: page.url, title: page.title || null },
      });
    },

    async update(id: number, input: ContactUpdate, viewer: Viewer) {
      const current = await loadForAgent(id, viewer);
      const data: Record<string, unknown> = {};
      if (input.name !== undefined) data.name = input.name || null;
      if (input.email !== undefined) data.email = input.email || null;
      if (input.phone !== undefined) data.phone = input.phone || null;
      if (input.attributes !== undefined) data.attributes = input.attributes;
      if (input.tagIds !== undefined) {
        const tags = await settings().requireTags(input.tagIds, 'tagIds');
        data.tags = { set: tags.map((t) => ({ id: t.id })) };
      }
      await db.contacts.update({ id }, data);
      await journey().record({
        contactId: id,
        type: 'contact.updated',
        actor: `agent:${viewer.id}`,
        payload: { fields: Object.keys(input), previousTags: (current.tags ?? []).map((t) => t.name) },
      });
      return this.get(id, viewer);
    },

    /**
     * Deletes the contact and everything recorded about them: conversations, messages, notes, journey, and
     * their words in failed responses. Their open sockets are closed and their token stops working.
     */
    async remove(id: number) {
      const contact = await load(id);
      const conversations = await db.conversations.findMany({ where: { contactId: id }, select: ['id', 'assigneeId'] });
      const conversationIds = conversations.map((c) => c.id);
      const files = await attachments().ofConversations(conversationIds);
      await strapi.db.transaction(async () => {
        if (conversationIds.length) {
          const inConversations = { conversationId: { $in: conversationIds } };
          // Before the messages go: they tell which phrasings were this visitor's.
          await failedResponses().removeVisitorPhrasings(conversationIds);
          await db.messages.deleteMany(inConversations);
          await db.notes.deleteMany(inConversations);
          await db.escalations.deleteMany(inConversations);
          for (const conversationId of conversationIds)
            await db.conversations.update({ id: conversationId }, { tags: { set: [] } });
          await db.conversations.deleteMany({ id: { $in: conversationIds } });
        }
        await db.journey.deleteMany({ contactId: id });
        await db.contacts.update({ id }, { tags: { set: [] } });
        await db.contacts.deleteMany({ id: contact.id });
      });
      await attachments().discard(files);
      for (const c of conversations) {
        events().emit('conversation:removed', { id: c.id, contactId: id, assigneeId: c.assigneeId });
      }
      events().emit('contact:erased', { contactId: id });
    },

    /** Socket bookkeeping: a visitor socket opened (the handshake already wrote `lastSeenAt`). */
    arrived(id: number, socketId: string) {
      presence.connected(id, socketId);
    },

    /** A visitor socket closed: when they were last seen; answers whether they are still online on any instance. */
    async left(id: number, socketId: string) {
      const [online] = await Promise.all([presence.disconnected(id, socketId), lastSeen.touch(id)]);
      return online;
    },

    /** Whether the visitor has a socket open on any instance. */
    isOnline: (id: number) => presence.isOnline(id),
  };
};
