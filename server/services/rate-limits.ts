import type { Core } from '@strapi/strapi';
import { RateLimiterMemory, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import { pluginConfig } from '../config';
import { tooManyRequests } from '../errors';

/**
 * Flood control per visitor (rate-limiter-flexible). In memory per instance; with several instances
 * each allows its share, which bounds a flood without a round trip to Redis on every message.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  let messages: RateLimiterAbstract | null = null;
  let sessions: RateLimiterAbstract | null = null;

  const messageLimiter = () => {
    if (!messages) {
      const { rateLimit } = pluginConfig(strapi);
      messages = new RateLimiterMemory({ points: rateLimit.messages, duration: rateLimit.windowSeconds });
    }
    return messages;
  };

  const consume = async (limiter: RateLimiterAbstract, key: string) => {
    try {
      await limiter.consume(key);
    } catch (rejection) {
      if (rejection instanceof RateLimiterRes) throw tooManyRequests(Math.ceil(rejection.msBeforeNext / 1000));
      throw rejection;
    }
  };

  return {
    /** Throws 429 when the visitor sent more messages than the window allows. */
    visitorMessage: (contactId: number) => consume(messageLimiter(), `contact:${contactId}`),

    /** Throws 429 when the visitor has no message left in the window, without using one (checked before an upload). */
    async checkVisitorMessage(contactId: number) {
      const used = await messageLimiter().get(`contact:${contactId}`);
      if (used && used.consumedPoints >= pluginConfig(strapi).rateLimit.messages) {
        throw tooManyRequests(Math.ceil(used.msBeforeNext / 1000));
      }
    },

    /** Throws 429 when one address starts sessions faster than a person could. */
    sessionStart: (ip: string) => {
      sessions ??= new RateLimiterMemory({ points: 30, duration: 60 });
      return consume(sessions, `ip:${ip}`);
    },
  };
};
