/** Every translation id used in admin/src with its English default, and calls the regex could not read. */
export function usedTranslations(): { ids: Map<string, string>; problems: string[] };
/** admin/src/translations/<locale>.json (en.json by default), parsed. */
export function readCatalogue(locale?: string): Record<string, string>;
/** The path of admin/src/translations/en.json. */
export const catalogue: string;
/** The languages the plugin ships besides English. */
export const translatedLocales: string[];
/** The ICU arguments of a message, sorted: `name`, or `count:plural` for a plural; throws on bad syntax. */
export function placeholders(message: string): string[];
/** Ids `translated` (by default <locale>.json) lacks, has beyond `english`, or says with other placeholders. */
export function compareCatalogue(
  locale: string,
  translated?: Record<string, string>,
  english?: Record<string, string>,
): { missing: string[]; extra: string[]; placeholders: string[] };
