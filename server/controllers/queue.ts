import type { Core } from '@strapi/strapi';
import { service } from '../services/registry';
import { action, idParam, visitorOf } from './http';

/** The visitor's place in the queue and the expected wait (also pushed as `queue:position`). */
export default ({ strapi }: { strapi: Core.Strapi }) => ({
  position: action(async (ctx) => {
    const contactId = await visitorOf(strapi, ctx);
    const conversation = await service(strapi, 'conversations').loadForVisitor(idParam(ctx), contactId);
    return service(strapi, 'queue').positionOf(conversation);
  }),
});
