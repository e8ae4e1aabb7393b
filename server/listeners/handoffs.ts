import type { Core } from '@strapi/strapi';
import { service } from '../services/registry';

/**
 * A visitor who asks for a person right after a bot answer did not get what they needed: the answer is
 * recorded as a `handoff` failed response. Returns the unsubscribe function.
 */
export function listenForHandoffs(strapi: Core.Strapi) {
  return service(strapi, 'events').on('conversation:changed', ({ conversation, previousStatus }) => {
    if (previousStatus !== 'bot' || conversation.status !== 'queued') return;
    service(strapi, 'feedback')
      .handedOff(conversation.id)
      .catch((error: Error) => strapi.log.error(`livechat: recording a handoff failed: ${error.message}`));
  });
}
