import type { Core } from '@strapi/strapi';
import type { LeaveOfflineMessage } from '../../plugin/contracts/visitor';
import { conflict } from '../errors';
import { uses } from './registry';

type OfflineRequest = ReturnType<ReturnType<typeof LeaveOfflineMessage.body>['parse']>;
type RequestMeta = { userAgent?: string | null; ip?: string | null };

/**
 * The offline form: while nobody is online the visitor leaves an email and a message. The message waits in
 * the queue as an offline message (`channel: offline`) that the bot never answers; the agent's reply is
 * emailed with the follow-up link (`follow-ups`, `listeners/visitor-emails.ts`).
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const { conversations, followUps, messages, rateLimits } = uses(strapi, [
    'conversations',
    'follow-ups',
    'messages',
    'rate-limits',
  ]);

  /** The conversation named, when the message may go into it: with the bot or queued (an ended one is left). */
  const named = async (contactId: number, conversationId: number | undefined) => {
    if (!conversationId) return null;
    const conversation = await conversations().loadForVisitor(conversationId, contactId);
    if (conversation.status === 'open') {
      throw conflict('An agent is answering this conversation: write to them there');
    }
    return conversation.status === 'ended' ? null : conversation;
  };

  return {
    /** Queues the message as an offline message and keeps the email (a consent to the reply by email). */
    async leave(contactId: number, input: OfflineRequest, meta: RequestMeta = {}) {
      const existing = await named(contactId, input.conversationId);
      await rateLimits().checkVisitorMessage(contactId);
      // The conversation first: a start refused by the visitor's caps (409, 429) stores nothing, email included.
      const conversation = existing
        ? await conversations().leaveOffline(existing.id)
        : await conversations().startForVisitor(contactId, {
            pageUrl: input.pageUrl,
            locale: input.locale,
            userAgent: meta.userAgent,
            ip: meta.ip,
            offline: true,
          });
      await followUps().updateContact(contactId, { email: input.email });
      await messages().sendAsVisitor(contactId, conversation.id, {
        text: input.text,
        clientId: input.clientId ?? `offline-${conversation.id}-${Date.now()}`,
      });
      return conversations().load(conversation.id);
    },
  };
};
