import type { Core } from '@strapi/strapi';
import jwt from 'jsonwebtoken';
import { pluginConfig, visitorTokenKey } from '../config';
import { unauthorized } from '../errors';
import { contactExistence, contactLastSeen } from '../store/contact-batches';

const AUDIENCE = 'livechat-visitor';

/** Signed visitor tokens: the token is the key to a contact's conversations; ids alone grant nothing. */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const contacts = contactExistence(strapi);
  const lastSeen = contactLastSeen(strapi);

  /** The contact id a token was signed for; a 401 for a missing, forged or expired token. */
  const verify = (token: unknown): number => {
    if (typeof token !== 'string' || token.length === 0) throw unauthorized('A visitor token is required');
    try {
      const payload = jwt.verify(token, visitorTokenKey(strapi), { audience: AUDIENCE, algorithms: ['HS256'] });
      const contactId = Number(typeof payload === 'object' ? payload.sub : NaN);
      if (!Number.isInteger(contactId) || contactId <= 0) throw new Error('bad subject');
      return contactId;
    } catch {
      throw unauthorized('The visitor token is invalid or expired');
    }
  };

  /** The token's contact if `check` finds it still stored; a 401 otherwise. */
  const stored = async (token: unknown, check: (contactId: number) => Promise<boolean>): Promise<number> => {
    const contactId = verify(token);
    if (!(await check(contactId))) throw unauthorized('The visitor this token was issued to no longer exists');
    return contactId;
  };

  return {
    issue(contactId: number): string {
      return jwt.sign({}, visitorTokenKey(strapi), {
        subject: String(contactId),
        audience: AUDIENCE,
        expiresIn: pluginConfig(strapi).visitorTokenTtlSeconds,
        algorithm: 'HS256',
      });
    },

    /**
     * The contact a token belongs to, while that contact exists: a signature outlives an erasure, so every
     * REST request and socket handshake also reads the contact (handshakes arriving together share one
     * read: a reconnect storm). A 401 otherwise.
     */
    contactOf: (token: unknown) => stored(token, contacts.exists),

    /**
     * A socket handshake: the token's contact, which is seen now. Writing `lastSeenAt` answers whether the
     * contact is stored, so the handshake costs one shared write and no read (a 401 as `contactOf`).
     */
    contactArriving: (token: unknown) => stored(token, lastSeen.touch),
  };
};
