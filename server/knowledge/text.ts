/** Text normalisation shared by retrieval, answer extraction and failed-response grouping. */
import { stemmer } from '@orama/stemmers/english';
import { stopwords } from '@orama/stopwords/english';

const WORD = /[\p{L}\p{N}]+(?:['’][\p{L}]+)?/gu;

/** Lower-cased words in reading order (letters and digits; "don't" stays one word, "shop's" is "shop"). */
export const words = (text: string): string[] =>
  (text.toLowerCase().normalize('NFC').match(WORD) ?? []).map((word) => word.replace('’', "'").replace(/'s$/, ''));

const STOP_WORDS = new Set([
  ...stopwords,
  // Chat openers and politeness carry no topic.
  ...'a u hi hello hey thanks thank please pls ok okay can could would need want know tell get'.split(' '),
  ...'im dont cant didnt doesnt isnt wont thing things stuff guys'.split(' '),
]);

/** Whether a lower-cased word carries no topic (English stop words plus chat filler). */
export const isStopWord = (word: string) => STOP_WORDS.has(word);

const stems = new Map<string, string>();

/** The Snowball (Porter 2) stem of a lower-cased word, cached: text is stemmed on every index and query. */
export const stem = (word: string): string => {
  let stemmed = stems.get(word);
  if (stemmed === undefined) {
    stemmed = stemmer(word.replace("'", ''));
    if (stems.size > 200_000) stems.clear();
    stems.set(word, stemmed);
  }
  return stemmed;
};

/** Stemmed content words, stop words removed: the terms the lexical index matches on. */
export const terms = (text: string): string[] => {
  const out: string[] = [];
  for (const word of words(text)) if (!STOP_WORDS.has(word)) out.push(stem(word));
  return out;
};

// Failed-response grouping keeps its own light suffix stripper: stored group keys must not change
// when the retrieval stemmer does.
const GROUPING_STOP_WORDS = new Set(
  (
    'a an and are as at be but by can could do does did for from get got had has have how i if in into is it its ' +
    'me my of on or our please so than that the their them then there these they this to us was we were what ' +
    'when where which who whom why will with would you your yours hi hello thanks thank am been being any'
  ).split(' '),
);

const lightStem = (word: string) => {
  if (word.length > 5 && word.endsWith('ing')) return word.slice(0, -3);
  if (word.length > 4 && word.endsWith('ies')) return `${word.slice(0, -3)}y`;
  if (word.length > 4 && word.endsWith('ed')) return word.slice(0, -2);
  if (word.length > 3 && word.endsWith('s') && !word.endsWith('ss')) return word.slice(0, -1);
  return word;
};

const groupingTerms = (text: string): string[] =>
  (
    text
      .toLowerCase()
      .normalize('NFKD')
      .match(/[\p{L}\p{N}]+/gu) ?? []
  )
    .filter((w) => !GROUPING_STOP_WORDS.has(w))
    .map(lightStem);

/** The key that groups the same question asked in other words order or punctuation. */
export const questionKey = (text: string) =>
  [...new Set(groupingTerms(text))].sort().join(' ').slice(0, 250) || text.trim().toLowerCase().slice(0, 250);
