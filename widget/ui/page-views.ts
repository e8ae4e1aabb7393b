import type { LivechatClient } from '../client';

/**
 * Records the page the visitor is on, on load and on history navigation (`pushState`, back and forward), for
 * a visitor with a session, over HTTP: no socket opens for it. Returns the function that stops it.
 */
export function trackPageViews(client: LivechatClient): () => void {
  let last = '';
  const record = () => {
    if (location.href === last) return;
    last = location.href;
    // Best effort: a page view lost to the network or the rate limit is not worth an error on the site.
    client.page(location.href, document.title || undefined).catch(() => undefined);
  };
  // Single-page apps set the new title after they push the address: read it once they have.
  const recordSoon = () => setTimeout(record);
  const pushState = history.pushState;
  const tracked: typeof history.pushState = function (this: History, ...args) {
    pushState.apply(this, args);
    recordSoon();
  };
  history.pushState = tracked;
  addEventListener('popstate', recordSoon);
  record();
  return () => {
    removeEventListener('popstate', recordSoon);
    if (history.pushState === tracked) history.pushState = pushState;
  };
}
