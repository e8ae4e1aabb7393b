import type { Core } from '@strapi/strapi';
import type { UpdateContact } from '../../plugin/contracts/agent';
import { badRequest, notFound } from '../errors';
import * as serialize from '../serialize';
import { tables } from '../store';
import type { Viewer } from '../viewer';
import { service } from './registry';

type ContactUpdate = ReturnType<typeof UpdateContact.body.parse>;

/** Contacts: the people behind conversations, their details, journey, and deletion with all their data. */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const db = tables(strapi);
  const online = new Map<number, number>();

  const load = async (id: number) => {
    const row = await db.contacts.findOne({ id }, ['tags']);
    if (!row) throw notFound('Contact', id);
    return row;
  };

  return {
    load,

    async require(id: number, field: string) {
      const row = await db.contacts.findOne({ id });
      if (!row) throw badRequest(field, `no contact with id ${id}`);
      return row;
    },

    createVisitor(input: { name?: string; email?: string; locale?: string }) {
      return db.contacts.create({
        name: input.name || null,
        email: input.email || null,
        locale: input.locale || null,
        attributes: {},
        lastSeenAt: new Date(),
      });
    },

    async get(id: number) {
      return serialize.contact(await load(id), (online.get(id) ?? 0) > 0);
    },

    async update(id: number, input: ContactUpdate, viewer: Viewer) {
      const current = await load(id);
      const data: Record<string, unknown> = {};
      if (input.name !== undefined) data.name = input.name || null;
      if (input.email !== undefined) data.email = input.email || null;
      if (input.phone !== undefined) data.phone = input.phone || null;
      if (input.attributes !== undefined) data.attributes = input.attributes;
      if (input.tagIds !== undefined) {
        const tags = await service(strapi, 'settings').requireTags(input.tagIds, 'tagIds');
        data.tags = { set: tags.map((t) => ({ id: t.id })) };
      }
      await db.contacts.update({ id }, data);
      await service(strapi, 'journey').record({
        contactId: id,
        type: 'contact.updated',
        actor: `agent:${viewer.id}`,
        payload: { fields: Object.keys(input), previousTags: (current.tags ?? []).map((t) => t.name) },
      });
      return this.get(id);
    },

    /** Deletes the contact and everything recorded about them: conversations, messages, notes, journey. */
    async remove(id: number) {
      const contact = await load(id);
      const conversations = await db.conversations.findMany({ where: { contactId: id }, select: ['id', 'assigneeId'] });
      const conversationIds = conversations.map((c) => c.id);
      await strapi.db.transaction(async () => {
        if (conversationIds.length) {
          const inConversations = { conversationId: { $in: conversationIds } };
          await db.messages.deleteMany(inConversations);
          await db.notes.deleteMany(inConversations);
          await db.escalations.deleteMany(inConversations);
          await db.failedResponses.updateMany(inConversations, { conversationId: null, messageId: null });
          for (const conversationId of conversationIds)
            await db.conversations.update({ id: conversationId }, { tags: { set: [] } });
          await db.conversations.deleteMany({ id: { $in: conversationIds } });
        }
        await db.journey.deleteMany({ contactId: id });
        await db.contacts.update({ id }, { tags: { set: [] } });
        await db.contacts.deleteMany({ id: contact.id });
      });
      for (const c of conversations) {
        service(strapi, 'events').emit('conversation:removed', { id: c.id, contactId: id, assigneeId: c.assigneeId });
      }
    },

    /** Socket bookkeeping: whether a visitor has a live connection, and when they were last seen. */
    async seen(id: number, connected: boolean) {
      const count = Math.max(0, (online.get(id) ?? 0) + (connected ? 1 : -1));
      if (count === 0) online.delete(id);
      else online.set(id, count);
      await db.contacts.updateMany({ id }, { lastSeenAt: new Date() });
      return count > 0;
    },

    isOnline: (id: number) => (online.get(id) ?? 0) > 0,
  };
};
