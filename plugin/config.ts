import { z } from 'zod';
import { ATTACHMENT_TYPES } from './contracts/attachments';

/** A Strapi content type the bot answers from (its published documents only). */
export const knowledgeSourceSchema = z
  .object({
    /** Content-type uid, e.g. `api::article.article`. */
    uid: z.string().regex(/^(api|plugin)::[\w-]+\.[\w-]+$/, 'must be a content-type uid like api::article.article'),
    /** Text fields to index (string, text, richtext or blocks), in reading order. */
    fields: z.array(z.string().min(1)).min(1),
    /** The field shown as the source's title. */
    titleField: z.string().min(1),
    /** The source link, with `{field}` placeholders filled from the document, e.g. `/help/{slug}`. */
    urlTemplate: z.string().min(1).optional(),
    /** Locale to index for i18n content types; the default locale when unset. */
    locale: z.string().min(1).optional(),
  })
  .strict();

/** Which embeddings the semantic half of retrieval uses. */
export const knowledgeEmbeddingsSchema = z.union([
  /** The word vectors shipped with the plugin: no network, no key. */
  z.literal('embedded'),
  /** Any OpenAI-compatible embeddings API (OpenAI, Azure, vLLM, Ollama via `baseURL`). */
  z
    .object({
      provider: z.literal('openai'),
      model: z.string().min(1),
      apiKey: z.string().min(1),
      baseURL: z.string().url().optional(),
      dimensions: z.number().int().positive().optional(),
    })
    .strict(),
]);

export type KnowledgeSourceConfig = z.output<typeof knowledgeSourceSchema>;
export type KnowledgeEmbeddingsConfig = z.output<typeof knowledgeEmbeddingsSchema>;

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
    /** Flood control: how many of each a visitor (sessions: a client address) may do per window, beyond which 429. */
    rateLimit: z
      .object({
        /** Messages one visitor may send per `windowSeconds`. */
        messages: z.number().int().positive().default(20),
        /** The window of `messages`, in seconds. */
        windowSeconds: z.number().int().positive().default(10),
        /** Conversations one visitor may start per `conversationWindowSeconds`. */
        conversations: z.number().int().positive().default(10),
        /** The window of `conversations`, in seconds (an hour). */
        conversationWindowSeconds: z.number().int().positive().default(3600),
        /** Times one visitor may ask for a human per `humanRequestWindowSeconds`. */
        humanRequests: z.number().int().positive().default(5),
        /** The window of `humanRequests`, in seconds (an hour). */
        humanRequestWindowSeconds: z.number().int().positive().default(3600),
        /** Visitor sessions one client address may start per `sessionWindowSeconds` (the address Strapi reports: see `server.proxy.koa`). */
        sessions: z.number().int().positive().default(30),
        /** The window of `sessions`, in seconds. */
        sessionWindowSeconds: z.number().int().positive().default(60),
        /** Page views one visitor may record per `pageWindowSeconds` (`client.page`, the widget on navigation). */
        pages: z.number().int().positive().default(30),
        /** The window of `pages`, in seconds. */
        pageWindowSeconds: z.number().int().positive().default(60),
      })
      .strict()
      .prefault({}),
    /** Conversations one visitor may have not ended at once; starting another answers 409. */
    maxOpenConversationsPerVisitor: z.number().int().min(1).max(100).default(3),
    /** Whether new conversations start with the bot; when false they go straight to the queue. */
    botEnabled: z.boolean().default(true),
    /** Below this confidence the bot refuses, records a failed response and offers a human. */
    botConfidenceThreshold: z.number().min(0).max(1).default(0.25),
    /**
     * At or above this confidence the bot answers; between `botConfidenceThreshold` and this it suggests
     * ("I'm not sure, but this may help: …") with its source and a prominent way to a person.
     */
    botAnswerThreshold: z.number().min(0).max(1).default(0.65),
    /**
     * With nothing published to answer from: `handoff` keeps the bot out of the way (the conversation goes to
     * a person, or the bot offers the email form while nobody is online); `refuse` refuses as usual.
     */
    emptyKnowledge: z.enum(['handoff', 'refuse']).default('handoff'),
    /** What the bot answers from: knowledge entries always, plus these content types; and which embeddings. */
    knowledge: z
      .object({
        sources: z.array(knowledgeSourceSchema).default([]),
        embeddings: knowledgeEmbeddingsSchema.default('embedded'),
      })
      .strict()
      .prefault({}),
    /** An OpenAI-compatible chat model (OpenAI, Azure, vLLM, Ollama) that writes answers from the retrieved passages. */
    llm: z
      .object({
        /** The server's API key; any non-empty string for servers that do not check one. */
        apiKey: z.string().min(1),
        /** Base URL of the API, e.g. `http://localhost:11434/v1` for Ollama; OpenAI's when unset. */
        baseURL: z.string().url().optional(),
        model: z.string().min(1),
        /** The whole answer (stream included) must arrive within this, or the bot falls back to the extractive answer. */
        timeoutMs: z.number().int().min(100).max(300_000).default(15_000),
        temperature: z.number().min(0).max(2).optional(),
      })
      .strict()
      .optional(),
    /** Redis connection URL; when set, several Strapi instances share sockets through the Redis adapter. */
    redis: z.string().url().optional(),
    /** Prefix of the Redis channels; sites sharing one Redis need different keys. */
    redisKey: z.string().min(1).max(100).default('livechat'),
    /** How often an agent socket re-checks that its admin session is still active, in seconds. */
    agentSessionCheckSeconds: z.number().int().min(1).default(30),
    /** Seconds an agent stays "online" after the last socket disconnects (covers page reloads). */
    presenceGraceSeconds: z.number().int().min(0).default(15),
    /**
     * Conversations nobody answers end by themselves with the end reason "No response from customer".
     * Hours may be fractions (a test uses seconds' worth).
     */
    inactivity: z
      .object({
        /** Hours a `bot` conversation may go without any message; 0 turns it off. */
        botHours: z.number().min(0).default(24),
        /** Hours an `open` conversation may wait for the visitor to write; 0 (the default) turns it off. */
        visitorHours: z.number().min(0).default(0),
        /** How long before ending an open conversation the visitor is warned, in minutes (at most `visitorHours`). */
        warningMinutes: z.number().min(0).default(10),
        /** How often each instance looks for idle conversations, in seconds. */
        sweepSeconds: z.number().int().min(1).default(60),
      })
      .strict()
      .refine((inactivity) => inactivity.warningMinutes <= inactivity.visitorHours * 60 || !inactivity.visitorHours, {
        message: 'must be at most visitorHours',
        path: ['warningMinutes'],
      })
      .prefault({}),
    /** How often routing re-checks unanswered conversations and the queue, in seconds. */
    routingSweepSeconds: z.number().int().min(1).default(30),
    /** Files visitors and agents may attach: the largest size in bytes, and the types (checked by file signature). */
    attachments: z
      .object({
        maxBytes: z
          .number()
          .int()
          .min(1)
          .max(100 * 1024 * 1024)
          .default(5 * 1024 * 1024),
        allowedTypes: z
          .array(z.enum(ATTACHMENT_TYPES, { error: `must be one of ${ATTACHMENT_TYPES.join(', ')}` }))
          .min(1)
          .default([...ATTACHMENT_TYPES]),
      })
      .strict()
      .prefault({}),
    /** Emails a visitor who left an address when an agent answers while they are away. */
    followUp: z
      .object({
        enabled: z.boolean().default(true),
        /** How long the link in the email reopens the conversation, in seconds (7 days). */
        linkTtlSeconds: z
          .number()
          .int()
          .positive()
          .default(60 * 60 * 24 * 7),
        /** At most one email per conversation in this many minutes, and one per absence of the visitor. */
        throttleMinutes: z.number().int().min(0).default(60),
        /** Public URL of this Strapi server, for the unsubscribe link; defaults to Strapi's `server.absoluteUrl`. */
        serverUrl: z.string().url().optional(),
        /** Page the resume link opens when the conversation did not record the page it started on. */
        siteUrl: z.string().url().optional(),
      })
      .strict()
      .prefault({}),
  })
  .strict()
  .refine((config) => config.botAnswerThreshold >= config.botConfidenceThreshold, {
    message: 'must be at least botConfidenceThreshold',
    path: ['botAnswerThreshold'],
  });

export type LivechatConfig = z.output<typeof configSchema>;
export type LivechatConfigInput = z.input<typeof configSchema>;
