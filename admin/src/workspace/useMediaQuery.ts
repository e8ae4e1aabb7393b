import { useEffect, useState } from 'react';

/** Whether a CSS media query matches now, following changes (window resizes). */
export function useMediaQuery(query: string) {
  const [matches, setMatches] = useState(() => window.matchMedia(query).matches);
  useEffect(() => {
    const list = window.matchMedia(query);
    const change = () => setMatches(list.matches);
    change();
    list.addEventListener('change', change);
    return () => list.removeEventListener('change', change);
  }, [query]);
  return matches;
}

/** Where the workspace folds its panes, by viewport width. */
export const BREAKPOINTS = {
  /** Below: the inbox navigation becomes a menu button, leaving the width to the three panes. */
  sideNav: '(min-width: 1200px)',
  /** Below: the contact details open from a button over the thread. */
  details: '(min-width: 1000px)',
  /** Below: an open conversation takes the whole width; a back link returns to the list. */
  list: '(min-width: 900px)',
} as const;
