import type { Core } from '@strapi/strapi';
import * as serialize from '../serialize';
import { tables } from '../store';
import type { Viewer } from '../viewer';

/** Internal notes: agents only, never relayed to the visitor's namespace. */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const db = tables(strapi);
  return {
    async add(conversationId: number, viewer: Viewer, text: string) {
      const row = await db.notes.create({ conversationId, authorId: viewer.id, authorName: viewer.name, text });
      return serialize.note(row);
    },
    async list(conversationId: number) {
      const rows = await db.notes.findMany({ where: { conversationId }, orderBy: { id: 'asc' } });
      return rows.map(serialize.note);
    },
  };
};
