import type { Core } from '@strapi/strapi';
import { tables } from '../store';
import * as serialize from '../serialize';

/** Who did something: `visitor`, `bot`, `system` or `agent:<id>`. */
export type Actor = 'visitor' | 'bot' | 'system' | `agent:${number}`;

/** The customer journey: every transition, tag, transfer and broadcast of a contact, in order. */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const db = tables(strapi);
  return {
    async record(event: {
      contactId: number;
      conversationId?: number | null;
      type: string;
      actor: Actor;
      payload?: Record<string, unknown>;
    }) {
      await db.journey.create({
        contactId: event.contactId,
        conversationId: event.conversationId ?? null,
        type: event.type,
        actor: event.actor,
        payload: event.payload ?? {},
      });
    },

    /** The contact's latest event of this type, or null. */
    async latest(contactId: number, type: string) {
      const [row] = await db.journey.findMany({
        where: { contactId, type },
        orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
        limit: 1,
      });
      return row ?? null;
    },

    async list(contactId: number) {
      const rows = await db.journey.findMany({ where: { contactId }, orderBy: [{ createdAt: 'asc' }, { id: 'asc' }] });
      return rows.map(serialize.journeyEvent);
    },
  };
};
