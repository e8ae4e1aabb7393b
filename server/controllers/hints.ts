import type { Core } from '@strapi/strapi';
import { service } from '../services/registry';
import { action, idParam, viewerOf } from './http';

/** GET /livechat/conversations/:id/hint: a suggested answer for the agent. */
export default ({ strapi }: { strapi: Core.Strapi }) => ({
  get: action(async (ctx) => service(strapi, 'hints').forConversation(idParam(ctx), viewerOf(strapi, ctx))),
});
