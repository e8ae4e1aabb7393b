// A plain file test (no Strapi): every string the admin shows through `tr(id, default)` has an entry in
// en.json, and en.json holds nothing the admin no longer uses. `node scripts/translations.mjs` fixes both.
import { readCatalogue, usedTranslations } from '../../scripts/translation-ids.cjs';

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
});
