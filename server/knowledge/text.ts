/** Text normalisation shared by answering and failed-response grouping. */

const STOP_WORDS = new Set(
  (
    'a an and are as at be but by can could do does did for from get got had has have how i if in into is it its ' +
    'me my of on or our please so than that the their them then there these they this to us was we were what ' +
    'when where which who whom why will with would you your yours hi hello thanks thank am been being any'
  ).split(' '),
);

/** A light suffix stripper: enough to match "shipping" with "ship" and "refunds" with "refund". */
export const stem = (word: string) => {
  if (word.length > 5 && word.endsWith('ing')) return word.slice(0, -3);
  if (word.length > 4 && word.endsWith('ies')) return `${word.slice(0, -3)}y`;
  if (word.length > 4 && word.endsWith('ed')) return word.slice(0, -2);
  if (word.length > 3 && word.endsWith('s') && !word.endsWith('ss')) return word.slice(0, -1);
  return word;
};

/** Lower-cased content words, stemmed, without stop words. */
export const terms = (text: string): string[] =>
  (
    text
      .toLowerCase()
      .normalize('NFKD')
      .match(/[\p{L}\p{N}]+/gu) ?? []
  )
    .filter((w) => !STOP_WORDS.has(w))
    .map(stem);

/** The key that groups the same question asked in other words order or punctuation. */
export const questionKey = (text: string) =>
  [...new Set(terms(text))].sort().join(' ').slice(0, 250) || text.trim().toLowerCase().slice(0, 250);
