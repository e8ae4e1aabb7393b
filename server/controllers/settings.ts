import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import type { z } from 'zod';
import { SaveCannedMessage, SaveEndReason, SaveTag, SaveTeam } from '../../plugin/contracts/agent';
import { service } from '../services/registry';
import { action, body, idParam } from './http';

type Collection = 'tags' | 'cannedMessages' | 'endReasons' | 'teams';

/** Only the fields the client sent: an update never resets the others to their defaults. */
const sentFields = (ctx: Context, parsed: Record<string, unknown>) => {
  const sent = Object.keys(((ctx.request as { body?: object }).body ?? {}) as object);
  return Object.fromEntries(Object.entries(parsed).filter(([key]) => sent.includes(key)));
};

/** list / create / update / remove for one configuration collection, validated by its contract. */
const collectionController =
  (collection: Collection, schema: z.ZodObject) =>
  ({ strapi }: { strapi: Core.Strapi }) => {
    const crud = () => service(strapi, 'settings')[collection];
    return {
      list: action(async () => ({ results: await crud().list() })),
      create: action(async (ctx) => {
        const input = body(ctx, schema) as Record<string, unknown>;
        ctx.status = 201;
        return crud().create(input);
      }),
      update: action(async (ctx) => {
        const id = idParam(ctx);
        return crud().update(id, sentFields(ctx, body(ctx, schema.partial()) as Record<string, unknown>));
      }),
      remove: action(async (ctx) => {
        await crud().remove(idParam(ctx));
        return undefined;
      }),
    };
  };

export const tags = collectionController('tags', SaveTag.body);
export const cannedMessages = collectionController('cannedMessages', SaveCannedMessage.body);
export const endReasons = collectionController('endReasons', SaveEndReason.body);
export const teams = collectionController('teams', SaveTeam.body);

/** The agent list, with presence, for assign and transfer pickers; those online with their load. */
export const agents = ({ strapi }: { strapi: Core.Strapi }) => ({
  list: action(async () => ({ results: await service(strapi, 'agents').list() })),
  online: action(async () => service(strapi, 'routing').onlineAgents()),
});
