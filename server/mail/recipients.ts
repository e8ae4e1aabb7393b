import type { Core } from '@strapi/strapi';
import { inboxPath } from '../../plugin/id';
import type { ContactRow } from '../store/rows';

/** A visitor who left an address and did not unsubscribe. */
export const reachableByEmail = (contact: ContactRow | null | undefined): contact is ContactRow & { email: string } =>
  Boolean(contact?.email) && !contact?.emailOptOut;

/** How the desk's emails name a visitor: `Ann <ann@example.com>`, or "A visitor". */
export const visitorLabel = (contact: ContactRow | null | undefined) => {
  const name = contact?.name || 'A visitor';
  return contact?.email ? `${name} <${contact.email}>` : name;
};

/** The conversation's page in the Strapi admin (Strapi's `admin.absoluteUrl` follows `url` in its config). */
export const adminConversationLink = (strapi: Core.Strapi, conversationId: number) =>
  `${String(strapi.config.get('admin.absoluteUrl')).replace(/\/$/, '')}${inboxPath('conversation', conversationId)}`;
