import type { Core } from '@strapi/strapi';
import { RateLimiterMemory, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import { pluginConfig } from '../config';
import { LivechatError } from '../errors';

type LimitName = 'messages' | 'conversations' | 'humanRequests' | 'sessions';

/** One flood limit: at most `points` per `seconds`, and what a refusal calls the thing counted. */
interface Limit {
  points: number;
  seconds: number;
  counted: string;
}

/**
 * Flood control per visitor, and per client address for sessions (rate-limiter-flexible). In memory per
 * instance; with several instances each allows its share, which bounds a flood without a round trip to
 * Redis on every message. Every limiter is built by `limiter`, so they can move to Redis together.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const limits = (): Record<LimitName, Limit> => {
    const { rateLimit } = pluginConfig(strapi);
    return {
      messages: { points: rateLimit.messages, seconds: rateLimit.windowSeconds, counted: 'messages' },
      conversations: {
        points: rateLimit.conversations,
        seconds: rateLimit.conversationWindowSeconds,
        counted: 'conversations started',
      },
      humanRequests: {
        points: rateLimit.humanRequests,
        seconds: rateLimit.humanRequestWindowSeconds,
        counted: 'requests for a human',
      },
      sessions: { points: rateLimit.sessions, seconds: rateLimit.sessionWindowSeconds, counted: 'sessions started' },
    };
  };

  const limiters = new Map<LimitName, RateLimiterAbstract>();

  const limiter = (name: LimitName) => {
    let built = limiters.get(name);
    if (!built) {
      const { points, seconds } = limits()[name];
      built = new RateLimiterMemory({ keyPrefix: name, points, duration: seconds });
      limiters.set(name, built);
    }
    return built;
  };

  const refusal = (name: LimitName, state: RateLimiterRes) => {
    const { points, seconds, counted } = limits()[name];
    const retryAfter = Math.ceil(state.msBeforeNext / 1000);
    return new LivechatError(
      429,
      `Too many ${counted}: at most ${points} per ${seconds} seconds; try again in ${retryAfter} s`,
    );
  };

  /** Uses one point of the limit, or throws 429 naming it. */
  const consume = async (name: LimitName, key: string) => {
    try {
      await limiter(name).consume(key);
    } catch (rejection) {
      if (rejection instanceof RateLimiterRes) throw refusal(name, rejection);
      throw rejection;
    }
  };

  /** Throws 429 when no point of the limit is left, without using one. */
  const check = async (name: LimitName, key: string) => {
    const used = await limiter(name).get(key);
    if (used && used.consumedPoints >= limits()[name].points) throw refusal(name, used);
  };

  const visitor = (contactId: number) => `contact:${contactId}`;

  return {
    /** Throws 429 when the visitor sent more messages than the window allows. */
    visitorMessage: (contactId: number) => consume('messages', visitor(contactId)),

    /** Throws 429 when the visitor has no message left in the window, without using one (checked before a write). */
    checkVisitorMessage: (contactId: number) => check('messages', visitor(contactId)),

    /** Throws 429 when the visitor started more conversations than the window allows. */
    conversationStart: (contactId: number) => consume('conversations', visitor(contactId)),

    /** Throws 429 when the visitor asked for a human more often than the window allows. */
    humanRequest: (contactId: number) => consume('humanRequests', visitor(contactId)),

    /** Throws 429 when one client address (as Strapi reports it, proxy headers included) starts too many sessions. */
    sessionStart: (ip: string) => consume('sessions', `ip:${ip}`),
  };
};
