// The translation ids the admin uses, read from its source with a regex: `tr('id', 'English default', …)`
// and `t('id')` (intlLabel objects). Shared by scripts/translations.mjs and tests/api/translations.test.ts.
'use strict';

const { readdirSync, readFileSync } = require('node:fs');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
const adminSource = path.join(root, 'admin', 'src');
const catalogue = path.join(adminSource, 'translations', 'en.json');

// A quoted string literal without interpolation: '…', "…" or `…`.
const literal = String.raw`('(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*"|\x60(?:[^\x60\\$]|\\.)*\x60)`;
const trCall = new RegExp(String.raw`\btr\(\s*${literal}\s*,\s*${literal}\s*([,)+])`, 'g');
const tCall = new RegExp(String.raw`\bt\(\s*${literal}\s*\)\s*,\s*defaultMessage:\s*${literal}`, 'g');
// Any call of tr( / t( at all, to find the ones the patterns above could not read (dynamic ids).
const anyCall = /\btr?\(\s*(?!\s*(?:id|key|k)\s*[:,)])/g;

const unquote = (text) => {
  const body = text.slice(1, -1);
  return body.replace(/\\(.)/gs, (_, char) => ({ n: '\n', t: '\t' })[char] ?? char);
};

const sourceFiles = (dir) =>
  readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'translations' ? [] : sourceFiles(full);
    return /\.(ts|tsx)$/.test(entry.name) ? [full] : [];
  });

/**
 * Every id used in admin/src with its English default, plus problems: a call whose id or default is
 * not a plain literal, or one id used with two different defaults.
 */
function usedTranslations() {
  const ids = new Map();
  const problems = [];
  for (const file of sourceFiles(adminSource)) {
    if (file.endsWith(`${path.sep}i18n.ts`) || file.endsWith(`${path.sep}translations.ts`)) continue;
    const text = readFileSync(file, 'utf8');
    const where = (index) => `${path.relative(root, file)}:${text.slice(0, index).split('\n').length}`;
    const read = new Set();
    const add = (id, defaultMessage, index) => {
      const previous = ids.get(id);
      if (previous !== undefined && previous !== defaultMessage) {
        problems.push(`${where(index)}: "${id}" has two defaults: "${previous}" and "${defaultMessage}"`);
      }
      ids.set(id, defaultMessage);
      read.add(index);
    };
    for (const match of text.matchAll(trCall)) {
      if (match[3] === '+')
        problems.push(`${where(match.index)}: the default of "${unquote(match[1])}" is concatenated`);
      add(unquote(match[1]), unquote(match[2]), match.index);
    }
    for (const match of text.matchAll(tCall)) add(unquote(match[1]), unquote(match[2]), match.index);
    for (const match of text.matchAll(anyCall)) {
      if (!read.has(match.index)) problems.push(`${where(match.index)}: a translation call the script cannot read`);
    }
  }
  return { ids, problems };
}

const readCatalogue = () => JSON.parse(readFileSync(catalogue, 'utf8'));

module.exports = { usedTranslations, readCatalogue, catalogue };
