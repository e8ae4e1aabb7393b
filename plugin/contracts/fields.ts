import { z } from 'zod';

/** A positive integer id, from a path or a JSON body. */
export const idField = z.coerce
  .number({ error: 'must be a number' })
  .int('must be a whole number')
  .positive('must be positive')
  // Ids are 32-bit integer columns: anything larger cannot exist, and the database would fail on it.
  .max(2147483647, 'must be at most 2147483647');

/**
 * Removes U+0000. The one rule for NUL bytes in text: PostgreSQL stores none in text or JSON columns, and
 * no visitor or agent means one, so every text field drops it before its other checks run.
 */
export const withoutNul = (value: string) => (value.includes('\u0000') ? value.replaceAll('\u0000', '') : value);

/** Any string the API stores, with U+0000 removed (see `withoutNul`). Every text field starts here. */
export const plainString = () => z.string({ error: 'must be a string' }).overwrite(withoutNul);

/** Plain text that must contain something once trimmed. */
export const requiredText = (max: number) =>
  plainString().trim().min(1, 'must not be empty').max(max, `must be at most ${max} characters`);

/** Plain text that may be absent or empty. */
export const optionalText = (max: number) =>
  plainString().trim().max(max, `must be at most ${max} characters`).optional();

/** The id a client picks for a message so a resend stores it once. */
export const clientIdField = z
  .string({ error: 'must be a string' })
  .min(1, 'must not be empty')
  .max(64, 'must be at most 64 characters')
  .regex(/^[A-Za-z0-9_-]+$/, 'may contain only letters, digits, - and _');

/** A `true` / `false` query-string flag, as a boolean. */
export const booleanFlag = z.enum(['true', 'false'], { error: 'must be true or false' }).transform((v) => v === 'true');

/** An ISO date-time with offset, or a bare ISO date (`2024-05-01`). */
export const isoDateField = z.iso
  .datetime({ offset: true, error: 'must be an ISO date-time' })
  .or(z.iso.date({ error: 'must be an ISO date' }));

/** `page` and `pageSize` of a paginated list route (at most 100 per page). */
export const paginationFields = {
  page: z.coerce.number({ error: 'must be a number' }).int().min(1, 'must be at least 1').default(1),
  pageSize: z.coerce.number({ error: 'must be a number' }).int().min(1).max(100, 'must be at most 100').default(25),
};

/** Keys a contact's custom attributes may have at most. */
export const MAX_ATTRIBUTES = 50;

/** A contact's custom attributes: at most 50 keys of up to 60 characters, values of up to 2000. */
export const attributesField = z
  .record(
    plainString(),
    z.union([plainString().max(2000, 'must be at most 2000 characters'), z.number(), z.boolean(), z.null()], {
      error: 'must be text, a number, true/false or null',
    }),
  )
  .refine((attributes) => Object.keys(attributes).length <= MAX_ATTRIBUTES, `must have at most ${MAX_ATTRIBUTES} keys`)
  // Checked here rather than on the key schema, whose failure zod reports only as "Invalid key in record".
  .refine((attributes) => Object.keys(attributes).every((key) => key.length >= 1 && key.length <= 60), {
    message: 'keys must be 1 to 60 characters long',
  });

/** A contact's name, email and phone as a visitor, an agent or the site gives them; an empty string clears one. */
export const contactDetailsFields = {
  name: optionalText(120),
  email: z.email('must be an email address').max(200).or(z.literal('')).optional(),
  phone: optionalText(40),
};
