import type { Core } from '@strapi/strapi';
import jwt from 'jsonwebtoken';
import type { Message } from '../../plugin/contracts/entities';
import { OFFLINE_CHANNEL } from '../../plugin/contracts/visitor';
import { RESUME_QUERY_PARAM, type ResumeSession, type UpdateVisitorContact } from '../../plugin/contracts/widget';
import { pluginConfig, visitorTokenKey } from '../config';
import { LivechatError } from '../errors';
import { claimShared, releaseShared } from '../redis';
import { reachableByEmail } from '../mail/recipients';
import { tables } from '../store';
import type { ConversationRow } from '../store/rows';
import { uses } from './registry';

const RESUME_AUDIENCE = 'livechat-resume';
const UNSUBSCRIBE_AUDIENCE = 'livechat-unsubscribe';
const EMAILED = 'follow-up.emailed';
/** How long a claim to decide one follow-up may be held (a crashed holder's lapses by itself). */
const CLAIM_MS = 30_000;

type ContactDetails = ReturnType<typeof UpdateVisitorContact.body.parse>;

const isWebPage = (url: string | null): url is string => {
  try {
    return url !== null && /^https?:$/.test(new URL(url).protocol);
  } catch {
    return false;
  }
};

/**
 * Getting back to a visitor who left: when an agent answers while the visitor has no open socket, an
 * email (if they gave an address and did not unsubscribe; sent by `listeners/visitor-emails.ts`) with a
 * signed link that reopens the conversation in the widget. Links are JWTs signed with the visitor-token secret.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const { contacts, journey, visitorTokens } = uses(strapi, ['contacts', 'journey', 'visitor-tokens']);
  const db = tables(strapi);
  const config = () => pluginConfig(strapi).followUp;
  const claiming = new Set<number>();

  const verify = (token: string, audience: string) => {
    try {
      const payload = jwt.verify(token, visitorTokenKey(strapi), { audience, algorithms: ['HS256'] });
      if (typeof payload !== 'object') throw new Error('bad payload');
      const contactId = Number(payload.sub);
      if (!Number.isInteger(contactId) || contactId <= 0) throw new Error('bad subject');
      return { contactId, conversationId: Number(payload.cid) };
    } catch (error) {
      const expired = error instanceof jwt.TokenExpiredError;
      throw new LivechatError(401, expired ? 'This link has expired' : 'This link is not valid');
    }
  };

  const serverUrl = () =>
    (config().serverUrl ?? (strapi.config.get('server.absoluteUrl') as string) ?? '').replace(/\/$/, '');

  /** The page the visitor chatted on (or the configured site), with the signed resume token. */
  const resumeLink = (conversation: ConversationRow) => {
    const token = jwt.sign({ cid: conversation.id }, visitorTokenKey(strapi), {
      subject: String(conversation.contactId),
      audience: RESUME_AUDIENCE,
      expiresIn: config().linkTtlSeconds,
      algorithm: 'HS256',
    });
    const page = isWebPage(conversation.pageUrl) ? conversation.pageUrl : (config().siteUrl ?? serverUrl());
    const url = new URL(page);
    url.hash = '';
    url.searchParams.set(RESUME_QUERY_PARAM, token);
    return url.toString();
  };

  /** Unsubscribe links do not expire: an old email must still be able to stop the next one. */
  const unsubscribeLink = (contactId: number) => {
    const token = jwt.sign({}, visitorTokenKey(strapi), {
      subject: String(contactId),
      audience: UNSUBSCRIBE_AUDIENCE,
      algorithm: 'HS256',
    });
    return `${serverUrl()}/api/livechat/unsubscribe?token=${encodeURIComponent(token)}`;
  };

  /** Already emailed since the visitor was last seen (one per absence), or within the throttle window. */
  const emailedRecently = async (conversation: ConversationRow, lastSeenAt: string | null) => {
    const windowStart = Date.now() - config().throttleMinutes * 60_000;
    const since = new Date(Math.min(windowStart, lastSeenAt ? Date.parse(lastSeenAt) : 0));
    const sent = await db.journey.count({
      contactId: conversation.contactId,
      conversationId: conversation.id,
      type: EMAILED,
      createdAt: { $gte: since },
    });
    return sent > 0;
  };

  const claimFollowUp = async (conversation: ConversationRow, message: Message) => {
    // An offline message was promised a reply by email: it goes even when the visitor is back on the site.
    const promised = conversation.channel === OFFLINE_CHANNEL;
    if (!config().enabled || (!promised && (await contacts().isOnline(conversation.contactId)))) return null;
    // Two agent messages at once, on this instance or another: the second is skipped rather than passing
    // the throttle check too (the first records the email in the journey, which the check reads).
    const claim = `follow-up:${conversation.id}`;
    const local = () => !claiming.has(conversation.id) && Boolean(claiming.add(conversation.id));
    if (!(await claimShared(strapi, claim, CLAIM_MS, local))) return null;
    try {
      const contact = await db.contacts.findOne({ id: conversation.contactId });
      if (!reachableByEmail(contact)) return null;
      if (await emailedRecently(conversation, contact.lastSeenAt)) return null;
      await journey().record({
        contactId: contact.id,
        conversationId: conversation.id,
        type: EMAILED,
        actor: 'system',
        payload: { messageId: message.id },
      });
      return contact;
    } finally {
      claiming.delete(conversation.id);
      await releaseShared(strapi, claim);
    }
  };

  return {
    resumeLink,
    unsubscribeLink,

    /**
     * Whether an agent's message is emailed to the visitor: they are away (or left an offline message), left an address, did not
     * unsubscribe and were not emailed in this absence. Records the email in the journey (the throttle
     * reads it) and returns the contact to email, or null.
     */
    claimFollowUp,

    /** Exchanges a resume link for a fresh visitor token opening the conversation it names. */
    async resume(token: string): Promise<ResumeSession.Response> {
      const { contactId, conversationId } = verify(token, RESUME_AUDIENCE);
      const contact = await db.contacts.findOne({ id: contactId });
      const conversation = Number.isInteger(conversationId)
        ? await db.conversations.findOne({ id: conversationId, contactId })
        : null;
      if (!contact || !conversation) throw new LivechatError(404, 'This conversation no longer exists');
      await journey().record({
        contactId,
        conversationId,
        type: 'follow-up.resumed',
        actor: 'visitor',
      });
      return {
        token: visitorTokens().issue(contactId),
        contact: { id: contact.id, name: contact.name, email: contact.email },
        conversationId,
      };
    },

    /** Checks an unsubscribe link without acting on it (the confirmation page): 401 forged, 404 contact gone. */
    async checkUnsubscribe(token: string) {
      const { contactId } = verify(token, UNSUBSCRIBE_AUDIENCE);
      const contact = await db.contacts.findOne({ id: contactId });
      if (!contact) throw new LivechatError(404, 'This address is no longer on file');
    },

    /** Stops follow-up emails to the contact the link was sent to. */
    async unsubscribe(token: string) {
      const { contactId } = verify(token, UNSUBSCRIBE_AUDIENCE);
      const updated = await db.contacts.updateMany({ id: contactId }, { emailOptOut: true });
      if (updated === 0) throw new LivechatError(404, 'This address is no longer on file');
      await journey().record({ contactId, type: 'follow-up.unsubscribed', actor: 'visitor' });
    },

    /** The visitor gives their details; a new email address is a new consent to follow-ups. */
    async updateContact(contactId: number, input: ContactDetails): Promise<UpdateVisitorContact.Response> {
      const current = await db.contacts.findOne({ id: contactId });
      if (!current) throw new LivechatError(401, 'The visitor token is invalid or expired');
      const data: Record<string, unknown> = {};
      if (input.name !== undefined) data.name = input.name || null;
      if (input.phone !== undefined) data.phone = input.phone || null;
      if (input.email !== undefined) {
        data.email = input.email || null;
        if (input.email && input.email !== current.email) data.emailOptOut = false;
      }
      const row = await db.contacts.update({ id: contactId }, data);
      if (Object.keys(data).length > 0) {
        await journey().record({
          contactId,
          type: 'contact.updated',
          actor: 'visitor',
          payload: { fields: Object.keys(input) },
        });
      }
      return { id: contactId, name: row?.name ?? null, email: row?.email ?? null, phone: row?.phone ?? null };
    },
  };
};
