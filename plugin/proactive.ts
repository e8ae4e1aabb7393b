/** Limits of proactive rules (Settings → Proactive messages), checked by the server. */
export const PROACTIVE_LIMITS = { rules: 20, messageLength: 500, patternLength: 300, secondsOnPage: 3600 } as const;

/** Which visitors a proactive rule is for: `new` ones, `returning` ones (a stored session, or first seen on an earlier day), or `all`. */
export const PROACTIVE_VISITORS = ['all', 'new', 'returning'] as const;

/** A URL pattern: a path (with an optional query) starting with `/`, or `*`; `*` stands for any characters; no spaces. */
export const URL_PATTERN_SYNTAX = /^[/*][^\s]*$/;

const escapeRegExp = (text: string) => text.replace(/[.+?^${}()|[\]\\]/g, '\\$&');

/** Whether a page (`location.pathname + location.search`) matches a rule's URL pattern: the whole of it, `*` for any run of characters. */
export function matchesUrlPattern(pattern: string, page: string): boolean {
  const source = pattern.split('*').map(escapeRegExp).join('.*');
  return new RegExp(`^${source}$`).test(page);
}
