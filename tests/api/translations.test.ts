// A plain file test (no Strapi): every string the admin shows through `tr(id, default)` has an entry in
// en.json, and en.json holds nothing the admin no longer uses. `node scripts/translations.mjs` fixes both.
// fr.json and de.json hold every id of en.json, nothing more, with the English placeholders.
import { createIntl } from 'react-intl';
import {
  compareCatalogue,
  placeholders,
  readCatalogue,
  translatedLocales,
  usedTranslations,
} from '../../scripts/translation-ids.cjs';

describe('admin translations', () => {
  const { ids, problems } = usedTranslations();
  const catalogue = readCatalogue() as Record<string, string>;

  it('every translation call in admin/src has a literal id and one default', () => {
    expect(ids.size).toBeGreaterThan(100);
    expect(problems).toEqual([]);
  });

  it('every id used in admin/src has an entry in en.json', () => {
    expect([...ids.keys()].filter((id) => !(id in catalogue))).toEqual([]);
  });

  it('en.json has no entry the admin does not use', () => {
    expect(Object.keys(catalogue).filter((id) => !ids.has(id))).toEqual([]);
  });

  it('en.json is sorted by id', () => {
    const keys = Object.keys(catalogue);
    expect(keys).toEqual([...keys].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
  });

  it('the plugin ships French and German', () => {
    expect(translatedLocales).toEqual(['fr', 'de']);
  });

  it.each(['fr', 'de'])('%s.json has every id of en.json, no other, with the same placeholders', (locale) => {
    expect(compareCatalogue(locale)).toEqual({ missing: [], extra: [], placeholders: [] });
  });

  it.each(['fr', 'de'])('%s.json is translated: most strings differ from the English', (locale) => {
    const translated = readCatalogue(locale) as Record<string, string>;
    const same = Object.keys(catalogue).filter((id) => translated[id] === catalogue[id]);
    // Words like "Agent", "Bot", "Webhooks" or "{s} s" are the same in both languages; a copy is not.
    expect(same.length).toBeLessThan(Object.keys(catalogue).length / 10);
  });

  it.each(['fr', 'de'])('every %s message formats with react-intl, plurals included', (locale) => {
    const errors: string[] = [];
    const intl = createIntl({
      locale,
      messages: readCatalogue(locale),
      onError: (error) => errors.push(error.message),
    });
    for (const id of Object.keys(catalogue)) {
      const values = Object.fromEntries(placeholders(catalogue[id]).map((name: string) => [name.split(':')[0], 2]));
      // An argument left unfilled would show as `{name}` or `{count, plural, …`.
      expect(intl.formatMessage({ id }, values)).not.toMatch(/\{\w+[,}]/);
    }
    // Quoted braces are shown as written.
    expect(intl.formatMessage({ id: 'tagRules.apiTagsHint' })).toContain('identify({ tags })');
    expect(errors).toEqual([]);
  });

  it('the check reports a missing id, an extra id and changed placeholders', () => {
    const english = {
      a: 'Assigned to {name}',
      b: '{count, plural, one {# chat} other {# chats}}',
      c: 'Hello',
    };
    expect(
      compareCatalogue('fr', { a: 'Assignée à {nom}', b: '{count, plural, one {# chat}}', d: 'Bonjour' }, english),
    ).toEqual({
      missing: ['c'],
      extra: ['d'],
      placeholders: [
        'a (en: name; fr: nom)',
        expect.stringMatching(/^b \(en: count:plural; fr: unreadable: a plural without "other"/),
      ],
    });
    expect(
      compareCatalogue(
        'de',
        { a: 'Zugewiesen an {name}', b: '{count, plural, one {#} other {#}}', c: 'Hallo' },
        english,
      ),
    ).toEqual({ missing: [], extra: [], placeholders: [] });
  });
});
