import type { Core } from '@strapi/strapi';
import { UpdateContact } from '../../plugin/contracts/agent';
import { service } from '../services/registry';
import { action, body, idParam, viewerOf } from './http';

/** Agent routes for contacts: details, custom attributes, journey, deletion with all their data. */
export default ({ strapi }: { strapi: Core.Strapi }) => ({
  get: action(async (ctx) => service(strapi, 'contacts').get(idParam(ctx), viewerOf(strapi, ctx))),
  update: action(async (ctx) => {
    const id = idParam(ctx);
    return service(strapi, 'contacts').update(id, body(ctx, UpdateContact.body), viewerOf(strapi, ctx));
  }),
  journey: action(async (ctx) => {
    const id = idParam(ctx);
    await service(strapi, 'contacts').loadForAgent(id, viewerOf(strapi, ctx));
    return { results: await service(strapi, 'journey').list(id) };
  }),
  remove: action(async (ctx) => {
    await service(strapi, 'contacts').remove(idParam(ctx));
    return undefined;
  }),
});
