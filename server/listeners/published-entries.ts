import type { Core } from '@strapi/strapi';
import { KNOWLEDGE_ENTRY_UID } from '../knowledge/sources';
import { service } from '../services/registry';

/**
 * A knowledge entry created from a failed response as a draft resolves its group once published. Runs
 * when the bot can answer from the entry (it is indexed), and `knowledge.settled()` waits for it.
 * Returns the unsubscribe function.
 */
export function listenForPublishedEntries(strapi: Core.Strapi) {
  return service(strapi, 'knowledge').onIndexed(async (source, documentId) => {
    if (source.uid === KNOWLEDGE_ENTRY_UID) await service(strapi, 'failed-responses').entryPublished(documentId);
  });
}
