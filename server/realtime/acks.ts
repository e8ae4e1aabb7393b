import type { Core } from '@strapi/strapi';
import type { z } from 'zod';
import type { Ack } from '../../plugin/events';
import { LivechatError } from '../errors';
import { parseInput } from '../validation';

/**
 * Wraps a socket request handler: validates the payload with its contract schema and always answers
 * the ack, with the result or an error shaped like a REST error. A missing ack is tolerated.
 */
export const acknowledged =
  <Schema extends z.ZodType, Result>(
    strapi: Core.Strapi,
    schema: Schema,
    run: (payload: z.output<Schema>) => Promise<Result>,
  ) =>
  async (payload: unknown, ack?: unknown) => {
    const reply = typeof ack === 'function' ? (ack as (res: Ack<Result | null>) => void) : () => undefined;
    try {
      const input = parseInput(schema, payload, 'payload');
      reply({ ok: true, data: (await run(input)) ?? null });
    } catch (error) {
      if (error instanceof LivechatError) {
        reply({ ok: false, error: { status: error.status, message: error.message, field: error.field } });
        return;
      }
      strapi.log.error(`livechat socket: ${(error as Error).stack ?? error}`);
      reply({ ok: false, error: { status: 500, message: 'Internal error' } });
    }
  };
