import type { Core } from '@strapi/strapi';
import {
  deskSettingsSchema,
  type BotThresholds,
  type DeskSettings,
  type WidgetProactiveRule,
} from '../../plugin/contracts/settings';
import { pluginConfig } from '../config';
import { badRequest } from '../errors';
import { PLUGIN_ID } from '../../plugin/id';
import { isWidgetStringKey } from '../../plugin/widget-strings';
import { publish, subscribe } from '../redis';
import { parseInput } from '../validation';

const KEY = 'desk-settings';

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Stored overrides of widget strings a later release no longer has are dropped, not a reason to reset everything. */
function withoutRetiredStrings(stored: unknown): unknown {
  if (!isObject(stored) || !isObject(stored.widget) || !isObject(stored.widget.strings)) return stored;
  const strings = Object.fromEntries(Object.entries(stored.widget.strings).filter(([key]) => isWidgetStringKey(key)));
  return { ...stored, widget: { ...stored.widget, strings } };
}

/**
 * Help-desk settings edited in the admin; kept in Strapi's plugin store and cached in memory. With
 * `redis`, a change on one instance clears every instance's cache, so all route by the same settings.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const store = () => strapi.store({ type: 'plugin', name: PLUGIN_ID });
  let cached: DeskSettings | null = null;

  const get = async (): Promise<DeskSettings> => {
    if (!cached) {
      const stored = withoutRetiredStrings((await store().get({ key: KEY })) ?? {});
      // A stored value that no longer parses (an older shape) falls back to the defaults.
      const parsed = deskSettingsSchema.safeParse(stored);
      cached = parsed.success ? parsed.data : deskSettingsSchema.parse({});
    }
    return cached;
  };

  /** The settings' bot thresholds, each falling back to the plugin config when not set. */
  const thresholds = (settings: DeskSettings): BotThresholds => {
    const config = pluginConfig(strapi);
    return {
      confidenceThreshold: settings.bot.confidenceThreshold ?? config.botConfidenceThreshold,
      answerThreshold: settings.bot.answerThreshold ?? config.botAnswerThreshold,
    };
  };

  return {
    get,

    /** Whether new conversations start with the bot (Settings page, else plugin config `botEnabled`). */
    botEnabled: async () => (await get()).bot.enabled ?? pluginConfig(strapi).botEnabled,

    /** The confidence bands the bot answers by now (Settings page, else plugin config). */
    botThresholds: async () => thresholds(await get()),

    /** Follows changes made on other instances (called at bootstrap). */
    start: () =>
      subscribe(strapi, 'settings', () => {
        cached = null;
      }),

    /** An enabled proactive rule by id, or null: a conversation answering it starts with its message. */
    async enabledProactiveRule(id: string) {
      return (await get()).proactiveRules.find((rule) => rule.id === id && rule.enabled) ?? null;
    },

    /** The enabled proactive rules as the widget gets them (public: no admin-only name). */
    async widgetProactiveRules(): Promise<WidgetProactiveRule[]> {
      return (await get()).proactiveRules
        .filter((rule) => rule.enabled)
        .map(({ id, message, urlPattern, secondsOnPage, visitors, onlyWithinBusinessHours }) => ({
          id,
          message,
          urlPattern,
          secondsOnPage,
          visitors,
          onlyWithinBusinessHours,
        }));
    },

    /** Merges a partial update into the stored settings (groups like `routing` field by field), then validates the whole. */
    async update(input: unknown): Promise<DeskSettings> {
      if (!isObject(input)) throw badRequest('body', 'must be a JSON object');
      const current: Record<string, unknown> = await get();
      const merged = { ...current, ...input };
      for (const [key, value] of Object.entries(current)) {
        const given = input[key];
        if (isObject(value) && isObject(given)) merged[key] = { ...value, ...given };
      }
      const next = parseInput(deskSettingsSchema, merged);
      const bands = thresholds(next);
      if (bands.answerThreshold < bands.confidenceThreshold) {
        throw badRequest(
          'bot.answerThreshold',
          `must be at least the confidence threshold (${bands.confidenceThreshold})`,
        );
      }
      await store().set({ key: KEY, value: next });
      cached = next;
      await publish(strapi, 'settings', 'changed');
      return next;
    },
  };
};
