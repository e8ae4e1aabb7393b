import type { Core } from '@strapi/strapi';
import jwt from 'jsonwebtoken';
import { pluginConfig, visitorTokenSecret } from '../config';
import { unauthorized } from '../errors';
import { tables } from '../store';

const AUDIENCE = 'livechat-visitor';

/** Signed visitor tokens: the token is the key to a contact's conversations; ids alone grant nothing. */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const db = tables(strapi);

  /** The contact id a token was signed for; a 401 for a missing, forged or expired token. */
  const verify = (token: unknown): number => {
    if (typeof token !== 'string' || token.length === 0) throw unauthorized('A visitor token is required');
    try {
      const payload = jwt.verify(token, visitorTokenSecret(strapi), { audience: AUDIENCE, algorithms: ['HS256'] });
      const contactId = Number(typeof payload === 'object' ? payload.sub : NaN);
      if (!Number.isInteger(contactId) || contactId <= 0) throw new Error('bad subject');
      return contactId;
    } catch {
      throw unauthorized('The visitor token is invalid or expired');
    }
  };

  return {
    issue(contactId: number): string {
      return jwt.sign({}, visitorTokenSecret(strapi), {
        subject: String(contactId),
        audience: AUDIENCE,
        expiresIn: pluginConfig(strapi).visitorTokenTtlSeconds,
        algorithm: 'HS256',
      });
    },

    /**
     * The contact a token belongs to, while that contact exists: a signature outlives an erasure, so every
     * REST request and socket handshake also reads the contact by primary key. A 401 otherwise.
     */
    async contactOf(token: unknown): Promise<number> {
      const contactId = verify(token);
      if ((await db.contacts.count({ id: contactId })) === 0) {
        throw unauthorized('The visitor this token was issued to no longer exists');
      }
      return contactId;
    },
  };
};
