import type { Core } from '@strapi/strapi';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import { pluginConfig } from '../config';
import { LivechatError } from '../errors';
import { inTimeOr, redisClient } from '../redis';

type LimitName = 'messages' | 'conversations' | 'humanRequests' | 'sessions' | 'pages';

/** One flood limit: at most `points` per `seconds`, and what a refusal calls the thing counted. */
interface Limit {
  points: number;
  seconds: number;
  counted: string;
}

/** What a limit is asked: use a point, or read how many were used. */
interface Limiter {
  consume(key: string): Promise<RateLimiterRes>;
  get(key: string): Promise<RateLimiterRes | null>;
}

/**
 * Flood control per visitor, and per client address for sessions (rate-limiter-flexible). With `redis`
 * the points are counted in Redis, over every instance together; while Redis is down or slow each
 * instance counts in its own memory (the insurance limiter). Without `redis`, in memory.
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
      pages: { points: rateLimit.pages, seconds: rateLimit.pageWindowSeconds, counted: 'page views' },
    };
  };

  const limiters = new Map<LimitName, Limiter>();

  const build = (name: LimitName): Limiter => {
    const { points, seconds } = limits()[name];
    const inMemory = new RateLimiterMemory({ keyPrefix: name, points, duration: seconds });
    const client = redisClient(strapi);
    if (!client) return inMemory;
    const shared = new RateLimiterRedis({
      storeClient: client,
      useRedisPackage: true,
      keyPrefix: `${pluginConfig(strapi).redisKey}:rate-limit:${name}`,
      points,
      duration: seconds,
      insuranceLimiter: inMemory,
    });
    // A Redis error is answered by the insurance limiter; a Redis that does not answer, by the same.
    return {
      consume: (key) => inTimeOr(shared.consume(key), () => inMemory.consume(key)),
      get: (key) => inTimeOr(shared.get(key), () => inMemory.get(key)),
    };
  };

  const limiter = (name: LimitName) => {
    let built = limiters.get(name);
    if (!built) {
      built = build(name);
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

    /** Throws 429 when the visitor recorded more page views than the window allows. */
    pageView: (contactId: number) => consume('pages', visitor(contactId)),

    /** Throws 429 when one client address (as Strapi reports it, proxy headers included) starts too many sessions. */
    sessionStart: (ip: string) => consume('sessions', `ip:${ip}`),
  };
};
