import type { Core } from '@strapi/strapi';
import { deskSettingsSchema, type DeskSettings } from '../../plugin/contracts/settings';
import { badRequest } from '../errors';
import { PLUGIN_ID } from '../../plugin/id';
import { parseInput } from '../validation';

const KEY = 'desk-settings';

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Help-desk settings edited in the admin; kept in Strapi's plugin store and cached in memory. */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const store = () => strapi.store({ type: 'plugin', name: PLUGIN_ID });
  let cached: DeskSettings | null = null;

  const get = async (): Promise<DeskSettings> => {
    if (!cached) {
      const stored = (await store().get({ key: KEY })) ?? {};
      // A stored value that no longer parses (an older shape) falls back to the defaults field by field.
      const parsed = deskSettingsSchema.safeParse(stored);
      cached = parsed.success ? parsed.data : deskSettingsSchema.parse({});
    }
    return cached;
  };

  return {
    get,

    /** Merges a partial update into the stored settings (`routing`, `widget` and `businessHours` field by field), then validates the whole. */
    async update(input: unknown): Promise<DeskSettings> {
      if (!isObject(input)) throw badRequest('body', 'must be a JSON object');
      const current = await get();
      const mergeNested = (key: 'routing' | 'widget' | 'businessHours') =>
        isObject(input[key]) ? { ...current[key], ...input[key] } : (input[key] ?? current[key]);
      const next = parseInput(deskSettingsSchema, {
        ...current,
        ...input,
        routing: mergeNested('routing'),
        widget: mergeNested('widget'),
        businessHours: mergeNested('businessHours'),
      });
      await store().set({ key: KEY, value: next });
      cached = next;
      return next;
    },
  };
};
