// Writes admin/src/translations/en.json from the `tr(id, default)` calls in admin/src, sorted by id.
// `node scripts/translations.mjs` rewrites it and lists what fr.json / de.json lack; `--check` only reports
// missing and unused ids, and translations that lack an id, have an extra one or change placeholders.
import { writeFileSync } from 'node:fs';
import ids from './translation-ids.cjs';

const { usedTranslations, readCatalogue, catalogue, translatedLocales, compareCatalogue } = ids;
const { ids: used, problems } = usedTranslations();
const current = readCatalogue();
const missing = [...used.keys()].filter((id) => !(id in current));
const unused = Object.keys(current).filter((id) => !used.has(id));

// What each translated catalogue lacks, has too many of, or says with other placeholders than en.json.
const reportTranslations = () => {
  let problemCount = 0;
  for (const locale of translatedLocales) {
    for (const [what, list] of Object.entries(compareCatalogue(locale))) {
      problemCount += list.length;
      if (list.length) console.log(`${locale}.json ${what}: ${list.join(', ')}`);
    }
  }
  return problemCount;
};

for (const problem of problems) console.error(problem);
if (process.argv.includes('--check')) {
  console.log(`missing: ${missing.join(', ') || 'none'}\nunused: ${unused.join(', ') || 'none'}`);
  const translationProblems = reportTranslations();
  process.exit(missing.length || unused.length || problems.length || translationProblems ? 1 : 0);
}
if (problems.length) process.exit(1);

// The source's default is the English text: en.json follows it, sorted so diffs stay small.
const sorted = Object.fromEntries([...used.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
writeFileSync(catalogue, `${JSON.stringify(sorted, null, 2)}\n`);
console.log(`${Object.keys(sorted).length} ids (${missing.length} added, ${unused.length} removed)`);
reportTranslations();
