import { PLUGIN_ID } from '../../plugin/id';
import en from './translations/en.json';

const catalogues: Record<string, Record<string, string>> = { en };

/** Translation id of one of the plugin's strings, e.g. `livechat.inbox.title`. */
export const t = (id: string) => `${PLUGIN_ID}.${id}`;

/** Strapi asks for each admin locale; unknown locales fall back to the English strings. */
export async function registerTrads({ locales }: { locales: string[] }) {
  return locales.map((locale) => ({
    locale,
    data: Object.fromEntries(Object.entries(catalogues[locale] ?? en).map(([key, value]) => [t(key), value])),
  }));
}
