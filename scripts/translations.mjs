// Writes admin/src/translations/en.json from the `tr(id, default)` calls in admin/src, sorted by id.
// `node scripts/translations.mjs` rewrites it; `--check` only reports missing and unused ids.
import { writeFileSync } from 'node:fs';
import ids from './translation-ids.cjs';

const { usedTranslations, readCatalogue, catalogue } = ids;
const { ids: used, problems } = usedTranslations();
const current = readCatalogue();
const missing = [...used.keys()].filter((id) => !(id in current));
const unused = Object.keys(current).filter((id) => !used.has(id));

for (const problem of problems) console.error(problem);
if (process.argv.includes('--check')) {
  console.log(`missing: ${missing.join(', ') || 'none'}\nunused: ${unused.join(', ') || 'none'}`);
  process.exit(missing.length || unused.length || problems.length ? 1 : 0);
}
if (problems.length) process.exit(1);

// The source's default is the English text: en.json follows it, sorted so diffs stay small.
const sorted = Object.fromEntries([...used.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
writeFileSync(catalogue, `${JSON.stringify(sorted, null, 2)}\n`);
console.log(`${Object.keys(sorted).length} ids (${missing.length} added, ${unused.length} removed)`);
