/**
 * `url` when it is safe to put in an `href`: an http(s) URL, or a path that resolves to one (e.g. a
 * knowledge source's `/help/{slug}`); null for `javascript:`, `data:` and anything unparsable.
 */
export function safeUrl(url: string | null | undefined): string | null {
  if (!url) return null;
  try {
    const base = typeof window === 'undefined' ? 'https://example.invalid' : window.location.href;
    return /^https?:$/.test(new URL(url, base).protocol) ? url : null;
  } catch {
    return null;
  }
}
