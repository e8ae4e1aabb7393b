import type { Core } from '@strapi/strapi';
import { TAG_PATTERN_FLAGS, type DeskSettings } from '../../plugin/contracts/settings';
import { service } from '../services/registry';
import { tables } from '../store';

type FirstMessageRule = DeskSettings['tagRules']['firstMessage'][number];

const escapePattern = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Whether the text holds one of the rule's words (whole words, any case) or matches its pattern. */
export function firstMessageMatches(rule: FirstMessageRule, text: string): boolean {
  const word = rule.words.some((w) =>
    new RegExp(`(?<![\\p{L}\\p{N}])${escapePattern(w)}(?![\\p{L}\\p{N}])`, TAG_PATTERN_FLAGS).test(text),
  );
  return word || (rule.pattern !== '' && new RegExp(rule.pattern, TAG_PATTERN_FLAGS).test(text));
}

/** Runs a reaction after the event, logging a failure: tagging never fails the write that caused it. */
const later = (strapi: Core.Strapi, what: string, run: () => Promise<void>) => {
  run().catch((error: unknown) => strapi.log.error(`[livechat] tagging on ${what} failed: ${String(error)}`));
};

/**
 * Automated tags (Settings → tag rules): the visitor's first message of a conversation (the conversation
 * gets the tag), the site's `identify({ tags })` and broadcasts from Failed responses (the contact gets it).
 * Returns the unsubscribe function.
 */
export function listenForTagging(strapi: Core.Strapi) {
  const events = service(strapi, 'events');
  const rules = async () => (await service(strapi, 'desk-settings').get()).tagRules;
  const tag = (name: string) => service(strapi, 'settings').automatedTag(name);

  const offMessage = events.on('message:created', ({ message, conversation }) => {
    if (message.authorKind !== 'visitor' || !message.text) return;
    later(strapi, 'message:created', async () => {
      const { firstMessage } = await rules();
      const matching = firstMessage.filter((rule) => firstMessageMatches(rule, message.text ?? ''));
      if (matching.length === 0) return;
      const earlier = await tables(strapi).messages.count({
        conversationId: conversation.id,
        authorKind: 'visitor',
        id: { $lt: message.id },
      });
      if (earlier > 0) return;
      for (const rule of matching) {
        await service(strapi, 'conversations').applyTag(conversation.id, await tag(rule.tag), rule.name);
      }
    });
  });

  const offIdentify = events.on('contact:identified', ({ contactId, tags }) => {
    if (tags.length === 0) return;
    later(strapi, 'contact:identified', async () => {
      // Spelled as in Settings, whatever case the site sent.
      const allowed = new Map((await rules()).apiTags.map((name) => [name.toLowerCase(), name]));
      for (const asked of tags) {
        const name = allowed.get(asked.toLowerCase());
        if (name) await service(strapi, 'contacts').applyTag(contactId, await tag(name), 'API tags');
      }
    });
  });

  const offBroadcast = events.on('failed-response:broadcast', ({ recipients }) => {
    later(strapi, 'failed-response:broadcast', async () => {
      const { broadcastTag } = await rules();
      if (!broadcastTag || recipients.length === 0) return;
      const broadcast = await tag(broadcastTag);
      for (const { contactId, conversationId } of recipients) {
        await service(strapi, 'contacts').applyTag(contactId, broadcast, 'Broadcast tag', conversationId);
      }
    });
  });

  return () => {
    offMessage();
    offIdentify();
    offBroadcast();
  };
}
