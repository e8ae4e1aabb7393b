import { z } from 'zod';

/** Plugin configuration (`config/plugins.ts` → `livechat.config`), with the defaults applied. */
export const configSchema = z
  .object({
    /** Secret that signs visitor tokens; defaults to one derived from the app keys. */
    visitorTokenSecret: z.string().min(16).optional(),
    /** How long a visitor token stays valid, in seconds. */
    visitorTokenTtlSeconds: z
      .number()
      .int()
      .positive()
      .default(60 * 60 * 24 * 30),
    /** Browser origins allowed to open sockets and call the visitor API; `*` allows any. Same origin is always allowed. */
    allowedOrigins: z.array(z.string()).default([]),
    /** Longest message a visitor or agent may send, in characters. */
    maxMessageLength: z.number().int().min(1).max(100_000).default(4000),
    /** Largest socket payload accepted, in bytes. */
    maxSocketPayloadBytes: z
      .number()
      .int()
      .min(1024)
      .default(64 * 1024),
    /** Messages one visitor may send per window before being slowed down. */
    rateLimit: z
      .object({
        messages: z.number().int().positive().default(20),
        windowSeconds: z.number().int().positive().default(10),
      })
      .prefault({}),
    /** Whether new conversations start with the bot; when false they go straight to the queue. */
    botEnabled: z.boolean().default(true),
    /** Below this confidence the bot refuses, records a failed response and offers a human. */
    botConfidenceThreshold: z.number().min(0).max(1).default(0.35),
    /** Redis connection URL; when set, several Strapi instances share sockets through the Redis adapter. */
    redis: z.string().url().optional(),
    /** How often an agent socket re-checks that its admin session is still active, in seconds. */
    agentSessionCheckSeconds: z.number().int().min(1).default(30),
    /** Seconds an agent stays "online" after the last socket disconnects (covers page reloads). */
    presenceGraceSeconds: z.number().int().min(0).default(15),
  })
  .strict();

export type LivechatConfig = z.output<typeof configSchema>;
export type LivechatConfigInput = z.input<typeof configSchema>;
