import { PLUGIN_ID } from '../../plugin/id';
import de from './translations/de.json';
import en from './translations/en.json';
import fr from './translations/fr.json';

const catalogues: Record<string, Record<string, string>> = { en, fr, de };

/** Translation id of one of the plugin's strings, e.g. `livechat.inbox.title`. */
export const t = (id: string) => `${PLUGIN_ID}.${id}`;

/** Strapi asks for each admin locale the app declares; other locales (and `fr-CA` → `fr`) fall back. */
export async function registerTrads({ locales }: { locales: string[] }) {
  return locales.map((locale) => {
    const catalogue = catalogues[locale] ?? catalogues[locale.split('-')[0]] ?? en;
    return { locale, data: Object.fromEntries(Object.entries(catalogue).map(([key, value]) => [t(key), value])) };
  });
}
