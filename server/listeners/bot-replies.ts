import type { Core } from '@strapi/strapi';
import { service } from '../services/registry';

/**
 * The bot answers a visitor's text while it has the conversation: one condition, whichever path stored
 * the message (a group commit, a reopened conversation, a retry). The bot checks again before it writes.
 * Returns the unsubscribe function.
 */
export function listenForBotReplies(strapi: Core.Strapi) {
  return service(strapi, 'events').on('message:created', ({ message, conversation }) => {
    // Files alone give the bot nothing to answer.
    if (message.authorKind !== 'visitor' || !message.text || conversation.status !== 'bot') return;
    service(strapi, 'bot').replyLater(conversation.id, message);
  });
}
