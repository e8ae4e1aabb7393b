import type { z } from 'zod';
import { badRequest } from './errors';

/**
 * Parses input with a contract schema; a failure becomes a 400 naming the first bad field,
 * e.g. `text: must not be empty` or `status: must be one of bot, queued, open, ended`.
 */
export function parseInput<Schema extends z.ZodType>(schema: Schema, input: unknown, where = 'body'): z.output<Schema> {
  if (where === 'body' && (input === null || typeof input !== 'object' || Array.isArray(input))) {
    throw badRequest('body', 'must be a JSON object');
  }
  const result = schema.safeParse(input ?? {});
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  if (issue.code === 'unrecognized_keys') {
    // The path to the unknown key: `notifications.everything`, not a bare `everything`.
    throw badRequest([...issue.path, issue.keys[0]].join('.'), 'is not a known field');
  }
  const field = issue.path.length > 0 ? issue.path.join('.') : where;
  throw badRequest(field, issue.message);
}
