import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import type { z } from 'zod';
import { idField } from '../../plugin/contracts/fields';
import { errorBody, forbidden, LivechatError } from '../errors';
import { service } from '../services/registry';
import { parseInput } from '../validation';
import { viewerFrom, type Ability, type Viewer } from '../viewer';
import type { ActionKey } from '../../plugin/permissions';

/**
 * Wraps a controller action: the result becomes `{ data }` (or 204 when there is none);
 * a LivechatError becomes its status with Strapi's own error body.
 */
export const action =
  (run: (ctx: Context) => Promise<unknown>) =>
  async (ctx: Context): Promise<void> => {
    try {
      const result = await run(ctx);
      if (result === undefined) ctx.status = 204;
      else ctx.body = { data: result };
    } catch (error) {
      if (!(error instanceof LivechatError)) throw error;
      ctx.status = error.status;
      ctx.body = errorBody(error);
    }
  };

export const body = <Schema extends z.ZodType>(ctx: Context, schema: Schema) =>
  parseInput(schema, (ctx.request as { body?: unknown }).body);

export const query = <Schema extends z.ZodType>(ctx: Context, schema: Schema) => parseInput(schema, ctx.query, 'query');

/** A numeric path parameter, or a 400 naming it. */
export const idParam = (ctx: Context, name = 'id') => parseInput(idField, ctx.params[name], name);

/** The signed-in agent, as Strapi's admin auth strategy left them on the context. */
export function viewerOf(strapi: Core.Strapi, ctx: Context): Viewer {
  const user = ctx.state.user as {
    id: number;
    firstname?: string;
    lastname?: string;
    username?: string;
    email: string;
  };
  return viewerFrom(
    { id: user.id, name: service(strapi, 'agents').displayName(user as never) },
    ctx.state.userAbility as Ability,
  );
}

/** Throws 403 unless the agent holds the permission (for checks finer than a route's policy). */
export function requirePermission(viewer: Viewer, key: ActionKey) {
  if (!viewer.can(key)) throw forbidden(`You need the "${key}" live chat permission`);
}

/** Throws 403 unless the agent holds at least one of the permissions. */
export function requireAnyPermission(viewer: Viewer, keys: ActionKey[]) {
  if (!keys.some((key) => viewer.can(key))) {
    throw forbidden(`You need one of the live chat permissions: ${keys.map((key) => `"${key}"`).join(', ')}`);
  }
}

/** The contact id from the visitor token in `Authorization: Bearer …`; a 401 once that contact is erased. */
export function visitorOf(strapi: Core.Strapi, ctx: Context): Promise<number> {
  const header = ctx.request.header.authorization ?? '';
  const [scheme, token] = header.split(/\s+/);
  return service(strapi, 'visitor-tokens').contactOf(scheme?.toLowerCase() === 'bearer' ? token : undefined);
}
