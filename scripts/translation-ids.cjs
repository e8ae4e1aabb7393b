// The translation ids the admin uses, read from its source with a regex: `tr('id', 'English default', …)`
// and `t('id')` (intlLabel objects), and how the other catalogues (fr, de) compare with en.json. Shared by
// scripts/translations.mjs and tests/api/translations.test.ts.
'use strict';

const { existsSync, readdirSync, readFileSync } = require('node:fs');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
const adminSource = path.join(root, 'admin', 'src');
const catalogueOf = (locale) => path.join(adminSource, 'translations', `${locale}.json`);
const catalogue = catalogueOf('en');
// The languages the plugin ships besides English; each needs every id of en.json.
const translatedLocales = ['fr', 'de'];

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

const readCatalogue = (locale = 'en') => JSON.parse(readFileSync(catalogueOf(locale), 'utf8'));

/**
 * The ICU arguments of a message, sorted: `name` for `{name}`, `count:plural(one|other)` for a plural
 * (with the arguments inside its branches). A translation must keep the argument names and kinds; plural
 * branches may differ by language (`few` in Polish), but each needs `other`. Throws on unbalanced braces.
 */
function placeholders(message) {
  const found = new Set();
  let index = 0;
  const fail = (why) => {
    throw new Error(`${why} at ${index} in "${message}"`);
  };
  // Reads text until the closing brace of the current level (or the end at the top level).
  const readText = (nested) => {
    while (index < message.length) {
      const char = message[index];
      if (char === "'" && /[{}#']/.test(message[index + 1] ?? '')) {
        const end = message.indexOf("'", index + 1);
        index = end === -1 ? message.length : end + 1;
      } else if (char === '{') {
        index += 1;
        readArgument();
      } else if (char === '}') {
        if (!nested) fail('an unmatched }');
        return;
      } else index += 1;
    }
    if (nested) fail('an unclosed {');
  };
  const readArgument = () => {
    const head = /^\s*(\w+)\s*(?:,\s*(\w+)\s*)?(,|\})/.exec(message.slice(index));
    if (!head) fail('an unreadable argument');
    const [whole, name, kind, end] = head;
    index += whole.length;
    if (!kind) return found.add(name);
    if (end === '}') return found.add(`${name}:${kind}`);
    if (kind !== 'plural' && kind !== 'select' && kind !== 'selectordinal') {
      const close = message.indexOf('}', index);
      if (close === -1) fail('an unclosed {');
      index = close + 1;
      return found.add(`${name}:${kind}`);
    }
    const branches = [];
    for (;;) {
      const branch = /^\s*(=?[\w-]+)\s*\{/.exec(message.slice(index));
      if (!branch) break;
      branches.push(branch[1]);
      index += branch[0].length;
      readText(true);
      index += 1;
    }
    if (!/^\s*\}/.test(message.slice(index))) fail(`an unreadable ${kind} branch`);
    index = message.indexOf('}', index) + 1;
    if (!branches.includes('other')) fail(`a ${kind} without "other"`);
    found.add(`${name}:${kind}`);
  };
  readText(false);
  return [...found].sort();
}

/**
 * How the `locale` catalogue (or the `translated` one given) differs from en.json: ids it lacks, ids
 * en.json does not have, and ids whose placeholders differ from the English (or that cannot be read).
 */
function compareCatalogue(
  locale,
  translated = existsSync(catalogueOf(locale)) ? readCatalogue(locale) : {},
  english = readCatalogue('en'),
) {
  const signature = (message) => {
    try {
      return placeholders(message).join(' ');
    } catch (error) {
      return `unreadable: ${error.message}`;
    }
  };
  return {
    missing: Object.keys(english).filter((id) => !(id in translated)),
    extra: Object.keys(translated).filter((id) => !(id in english)),
    placeholders: Object.keys(english)
      .filter((id) => id in translated && signature(translated[id]) !== signature(english[id]))
      .map(
        (id) => `${id} (en: ${signature(english[id]) || 'none'}; ${locale}: ${signature(translated[id]) || 'none'})`,
      ),
  };
}

module.exports = {
  usedTranslations,
  readCatalogue,
  catalogue,
  translatedLocales,
  placeholders,
  compareCatalogue,
};
