import type { Core } from '@strapi/strapi';
import { ListEscalations, RejectEscalation } from '../../plugin/contracts/agent';
import type { EscalationAction } from '../../plugin/lifecycle';
import { service } from '../services/registry';
import { action, body, idParam, query, viewerOf } from './http';

/** Agent routes for escalations: list, accept, reject (reason required), cancel. */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const decide = (verb: EscalationAction) =>
    action(async (ctx) => {
      const id = idParam(ctx);
      const reason = verb === 'reject' ? body(ctx, RejectEscalation.body).reason : undefined;
      return service(strapi, 'escalations').decide(id, verb, viewerOf(strapi, ctx), reason);
    });
  return {
    list: action(async (ctx) => ({
      results: await service(strapi, 'escalations').list(query(ctx, ListEscalations.query), viewerOf(strapi, ctx)),
    })),
    accept: decide('accept'),
    reject: decide('reject'),
    cancel: decide('cancel'),
  };
};
