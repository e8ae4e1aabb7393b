/** Every translation id used in admin/src with its English default, and calls the regex could not read. */
export function usedTranslations(): { ids: Map<string, string>; problems: string[] };
/** admin/src/translations/en.json, parsed. */
export function readCatalogue(): Record<string, string>;
/** The path of admin/src/translations/en.json. */
export const catalogue: string;
