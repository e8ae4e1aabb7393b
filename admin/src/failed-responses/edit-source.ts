import { uid } from '../../../plugin/id';

/** How the bot names knowledge entries in its sources (server/knowledge/sources.ts). */
const KNOWLEDGE_ENTRY_PREFIX = 'knowledge-entry';

/**
 * Where the Content Manager edits the document a bot answer cited: source ids are
 * `knowledge-entry:<documentId>` or `<uid>:<documentId>[:<locale>]`. Null for an id of another shape.
 */
export function contentManagerPath(sourceId: string): string | null {
  const entry = sourceId.startsWith(`${KNOWLEDGE_ENTRY_PREFIX}:`)
    ? [uid('knowledge-entry'), ...sourceId.slice(KNOWLEDGE_ENTRY_PREFIX.length + 1).split(':')]
    : /^([^:]+::[^:]+):([^:]+)(?::([^:]+))?$/.exec(sourceId)?.slice(1);
  if (!entry?.[1]) return null;
  const [contentType, documentId, locale] = entry;
  const path = `/content-manager/collection-types/${contentType}/${encodeURIComponent(documentId)}`;
  return locale ? `${path}?plugins[i18n][locale]=${encodeURIComponent(locale)}` : path;
}
