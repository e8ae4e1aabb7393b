import type { Core } from '@strapi/strapi';
import { service } from '../services/registry';
import { action, requireAnyPermission, viewerOf } from './http';

/** The knowledge index for the admin: where it stands, and a full re-index. */
export default ({ strapi }: { strapi: Core.Strapi }) => ({
  status: action((ctx) => {
    requireAnyPermission(viewerOf(strapi, ctx), ['read', 'manageKnowledge']);
    return service(strapi, 'knowledge').status();
  }),
  reindex: action(async (ctx) => {
    ctx.status = 202;
    return service(strapi, 'knowledge').reindex();
  }),
});
