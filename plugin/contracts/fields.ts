import { z } from 'zod';

/** A positive integer id, from a path or a JSON body. */
export const idField = z.coerce
  .number({ error: 'must be a number' })
  .int('must be a whole number')
  .positive('must be positive');

/** Plain text that must contain something once trimmed. */
export const requiredText = (max: number) =>
  z
    .string({ error: 'must be a string' })
    .trim()
    .min(1, 'must not be empty')
    .max(max, `must be at most ${max} characters`);

/** Plain text that may be absent or empty. */
export const optionalText = (max: number) =>
  z.string({ error: 'must be a string' }).trim().max(max, `must be at most ${max} characters`).optional();

/** The id a client picks for a message so a resend stores it once. */
export const clientIdField = z
  .string({ error: 'must be a string' })
  .min(1, 'must not be empty')
  .max(64, 'must be at most 64 characters')
  .regex(/^[A-Za-z0-9_-]+$/, 'may contain only letters, digits, - and _');
