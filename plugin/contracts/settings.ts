import { z } from 'zod';
import { PROACTIVE_LIMITS, PROACTIVE_VISITORS, URL_PATTERN_SYNTAX } from '../proactive';
import { isWidgetStringKey } from '../widget-strings';
import { plainString, requiredText } from './fields';
import { agentRoute } from './route';
import { VISITOR_ROUTES } from './visitor-routes';

/** Languages the widget ships strings for (plugin/widget-strings.ts), and `auto`: the visitor's browser language. */
export const WIDGET_LANGUAGES = ['auto', 'en', 'fr', 'de'] as const;

/** How a first-message rule's `pattern` is read: any case, Unicode. */
export const TAG_PATTERN_FLAGS = 'iu';

const isPattern = (pattern: string) => {
  try {
    new RegExp(pattern, TAG_PATTERN_FLAGS);
    return true;
  } catch {
    return false;
  }
};

const tagName = requiredText(60);

const confidence = z.number({ error: 'must be a number' }).min(0, 'must be at least 0').max(1, 'must be at most 1');

/** The confidence bands the bot uses, after the settings fall back to the plugin config. */
export interface BotThresholds {
  /** Below this the bot refuses. */
  confidenceThreshold: number;
  /** At or above this the bot answers; in between it suggests. */
  answerThreshold: number;
}

const text = (max: number, fallback: string) =>
  plainString().trim().max(max, `must be at most ${max} characters`).default(fallback);

const proactiveRuleSchema = z
  .object({
    /** Given by the server when absent; the widget remembers per rule id that it showed the message today. */
    id: z
      .string({ error: 'must be a string' })
      .regex(/^[A-Za-z0-9_-]{1,64}$/, 'may contain only letters, digits, - and _ (at most 64)')
      .default(() => globalThis.crypto.randomUUID()),
    name: plainString().trim().min(1, 'must not be empty').max(80, 'must be at most 80 characters'),
    message: plainString()
      .trim()
      .min(1, 'must not be empty')
      .max(PROACTIVE_LIMITS.messageLength, `must be at most ${PROACTIVE_LIMITS.messageLength} characters`),
    urlPattern: z
      .string({ error: 'must be a string' })
      .max(PROACTIVE_LIMITS.patternLength, `must be at most ${PROACTIVE_LIMITS.patternLength} characters`)
      .regex(URL_PATTERN_SYNTAX, 'must be a path starting with / (like /pricing*), or *, without spaces')
      .default('*'),
    secondsOnPage: z
      .number({ error: 'must be a number' })
      .int('must be a whole number')
      .min(0, 'must not be negative')
      .max(PROACTIVE_LIMITS.secondsOnPage, `must be at most ${PROACTIVE_LIMITS.secondsOnPage}`)
      .default(10),
    visitors: z.enum(PROACTIVE_VISITORS, { error: 'must be all, new or returning' }).default('all'),
    onlyWithinBusinessHours: z.boolean({ error: 'must be true or false' }).default(false),
    enabled: z.boolean({ error: 'must be true or false' }).default(true),
  })
  .strict();

/** A proactive message as the admin sets it (Settings → Proactive messages). */
export type ProactiveRule = z.output<typeof proactiveRuleSchema>;

/** What the widget gets of an enabled rule (no admin-only name). */
export type WidgetProactiveRule = Omit<ProactiveRule, 'name' | 'enabled'>;
/** Days of the week as business hours name them, Monday first. */
export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

const isTimeZone = (zone: string) => {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
};

const CLOCK_TIME = /^([01]\d|2[0-3]):[0-5]\d$|^24:00$/;
const clockTime = (what: string) =>
  z.string().regex(CLOCK_TIME, `${what} must be a time like 09:00 (24:00 ends the day)`);

/** One opening interval of a day, local to the schedule's time zone; `to` is exclusive. */
const openingSchema = z
  .object({ from: clockTime('from'), to: clockTime('to') })
  .strict()
  .refine((opening) => !CLOCK_TIME.test(opening.from) || !CLOCK_TIME.test(opening.to) || opening.from < opening.to, {
    message: 'must be after from',
    path: ['to'],
  });

const calendarDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date like 2026-12-25')
  .refine((date) => {
    const day = new Date(`${date}T00:00:00Z`);
    return !Number.isNaN(day.getTime()) && day.toISOString().startsWith(date);
  }, 'must be a real date');

/** When people answer: a weekly schedule in one time zone, and holidays (whole days closed). */
export const businessHoursSchema = z
  .object({
    /** Off: support is open whenever agents are online, as without a schedule. */
    enabled: z.boolean({ error: 'must be true or false' }).default(false),
    /** IANA time zone the schedule and holidays are read in, e.g. `Europe/Paris`. */
    timeZone: z.string().refine(isTimeZone, 'must be an IANA time zone like Europe/Paris').default('UTC'),
    /** Opening intervals per weekday; a day without intervals is closed. */
    week: z
      .object(
        Object.fromEntries(WEEKDAYS.map((day) => [day, z.array(openingSchema).max(10).default([])])) as {
          [day in Weekday]: z.ZodDefault<z.ZodArray<typeof openingSchema>>;
        },
      )
      .strict()
      .prefault({}),
    /** Days closed all day, as local dates in `timeZone`. */
    holidays: z.array(calendarDate).max(366).default([]),
  })
  .strict();

export type BusinessHours = z.output<typeof businessHoursSchema>;

/** Help-desk settings that admins edit in the admin (Settings page), stored in Strapi's plugin store. */
export const deskSettingsSchema = z
  .object({
    routing: z
      .object({
        /** `manual`: agents pick from the queue; `auto`: the least-loaded online agent gets it. */
        mode: z.enum(['manual', 'auto'], { error: 'must be manual or auto' }).default('manual'),
        /** Open conversations one agent holds at most (auto-assign and pick both respect it). */
        capacity: z
          .number({ error: 'must be a number' })
          .int()
          .min(1, 'must be at least 1')
          .max(100, 'must be at most 100')
          .default(5),
        /** When an agent goes offline: their open conversations go back to the queue or to another agent. */
        onAgentOffline: z
          .enum(['queue', 'reassign', 'keep'], { error: 'must be queue, reassign or keep' })
          .default('queue'),
        /** Minutes an assigned conversation may wait for the agent's first answer before it is re-routed; 0 turns it off. */
        unansweredMinutes: z
          .number({ error: 'must be a number' })
          .int()
          .min(0)
          .max(24 * 60)
          .default(0),
      })
      .strict()
      .prefault({}),
    /** Shown to a visitor who asked for a human, with their queue position and expected wait. */
    waitingMessage: text(500, 'Thanks! An agent will be with you shortly.'),
    /** Where escalation and visitor-request emails go; empty turns them off. */
    notificationEmail: z.email('must be an email address').or(z.literal('')).default(''),
    /** Which emails go to `notificationEmail` besides escalations. */
    notifications: z
      .object({
        /** A visitor asked for a human: their details and the transcript. */
        visitorRequests: z.boolean({ error: 'must be true or false' }).default(true),
      })
      .strict()
      .prefault({}),
    /** Origins allowed to embed the widget, on top of `allowedOrigins` in the plugin config. */
    allowedOrigins: z.array(z.url('must be an origin like https://www.example.com').max(200)).max(50).default([]),
    widget: z
      .object({
        title: text(80, 'Chat with us'),
        greeting: text(500, 'Hi! Ask me anything about our products and services.'),
        color: z
          .string()
          .regex(/^#[0-9a-fA-F]{6}$/, 'must be a colour like #1a2b3c')
          .default('#4945ff'),
        position: z.enum(['right', 'left'], { error: 'must be right or left' }).default('right'),
        offlineMessage: text(500, 'We are away right now. Leave your email and we will get back to you.'),
        /** Fields asked before the first message; none skips the form. */
        preChatFields: z
          .array(z.enum(['name', 'email', 'phone'], { error: 'must be name, email or phone' }))
          .max(3)
          .default([]),
        /** The widget's built-in interface language; `auto` follows the visitor's browser. */
        language: z.enum(WIDGET_LANGUAGES, { error: `must be one of ${WIDGET_LANGUAGES.join(', ')}` }).default('auto'),
        /** Overrides of the widget's interface strings, by key (`WIDGET_STRING_KEYS`); an empty text keeps the built-in one. */
        strings: z
          .record(plainString().max(60), plainString().max(500, 'must be at most 500 characters'))
          .superRefine((strings, ctx) => {
            for (const key of Object.keys(strings)) {
              if (!isWidgetStringKey(key))
                ctx.addIssue({ code: 'custom', path: [key], message: 'is no widget string' });
            }
          })
          .transform((strings) => Object.fromEntries(Object.entries(strings).filter(([, text]) => text.trim() !== '')))
          .default({}),
      })
      .strict()
      .prefault({}),
    /** Messages the widget shows by itself on matching pages (see plugin/proactive.ts); ids are unique. */
    proactiveRules: z
      .array(proactiveRuleSchema)
      .max(PROACTIVE_LIMITS.rules, `must hold at most ${PROACTIVE_LIMITS.rules} rules`)
      .superRefine((rules, ctx) => {
        rules.forEach((rule, index) => {
          if (rules.findIndex((other) => other.id === rule.id) !== index) {
            ctx.addIssue({ code: 'custom', path: [index, 'id'], message: 'must be unique' });
          }
        });
      })
      .default([]),
    /** Automated tags (kind `automated`), each application a `tag.applied` journey event naming its rule. */
    tagRules: z
      .object({
        /** The visitor's first message in a conversation holds one of `words` or matches `pattern`: the conversation gets `tag`. */
        firstMessage: z
          .array(
            z
              .object({
                name: requiredText(80),
                /** Whole words, any case. */
                words: z.array(requiredText(60)).max(50, 'must have at most 50 words').default([]),
                /** A regular expression, matched with the flags `TAG_PATTERN_FLAGS`. */
                pattern: plainString()
                  .max(200, 'must be at most 200 characters')
                  .refine(isPattern, 'must be a valid regular expression')
                  .default(''),
                tag: tagName,
              })
              .strict()
              .refine((rule) => rule.words.length > 0 || rule.pattern !== '', {
                message: 'needs words or a pattern',
                path: ['words'],
              }),
          )
          .max(50, 'must have at most 50 rules')
          .default([]),
        /** Tags the site may give its visitor through `identify({ tags })`; others are ignored. None: API tags are off. */
        apiTags: z.array(tagName).max(100, 'must have at most 100 tags').default([]),
        /** The tag visitors get when a failed response's answer is broadcast to them; empty: off. */
        broadcastTag: tagName.or(z.literal('')).default(''),
      })
      .strict()
      .prefault({}),
    /** Outside these hours the widget shows the offline form and auto-assign waits (the bot still answers). */
    businessHours: businessHoursSchema.prefault({}),
    /** Whether the bot answers, and how sure it must be; null follows the plugin config (`botEnabled`, `botConfidenceThreshold`, `botAnswerThreshold`). */
    bot: z
      .object({
        /** Off: new conversations go straight to the queue. */
        enabled: z.boolean({ error: 'must be true, false or null' }).nullable().default(null),
        /** Below this confidence the bot refuses and offers a human. */
        confidenceThreshold: confidence.nullable().default(null),
        /** At or above this the bot answers; between the two it suggests, with a prominent way to a person. */
        answerThreshold: confidence.nullable().default(null),
      })
      .strict()
      .prefault({}),
  })
  .strict();

export type DeskSettings = z.output<typeof deskSettingsSchema>;

/** The settings that are groups of their own (`routing`, `widget`, …): an update merges them field by field. */
type SettingGroups = {
  [K in keyof DeskSettings]: DeskSettings[K] extends unknown[] ? never : DeskSettings[K] extends object ? K : never;
}[keyof DeskSettings];

/** GET /livechat/settings - the help-desk settings. PUT /livechat/settings - change some of them. */
export namespace UpdateDeskSettings {
  export const route = agentRoute<Response, Request>()('PUT', '/settings', 'manageSettings');
  /** Any subset; groups (`routing`, `widget`, …) merge field by field into the stored values. */
  export type Request = Partial<Omit<DeskSettings, SettingGroups>> & {
    [K in SettingGroups]?: Partial<DeskSettings[K]>;
  };
  export type Response = DeskSettings;
}

/** GET /api/livechat/widget-config - what the widget needs to draw itself (public). */
export namespace WidgetConfig {
  export const route = VISITOR_ROUTES.widgetConfig;
  export type Response = DeskSettings['widget'] & {
    waitingMessage: string;
    /** As in `GET /api/livechat/availability`. */
    online: boolean;
    withinBusinessHours: boolean;
    opensAt: string | null;
    /** The server's attachment limits (config `attachments`), so the widget can refuse a file before uploading. */
    attachments: { maxBytes: number; allowedTypes: string[] };
    /** The enabled proactive rules, evaluated by the widget. */
    proactiveRules: WidgetProactiveRule[];
    /** False when the request came from a page whose origin may not embed the widget: it shows why instead of chatting. */
    originAllowed: boolean;
  };
}

/** GET /livechat/settings/install - What a site adds to its pages to show the widget, and where it may (permission: read). */
export namespace InstallInstructions {
  export const route = agentRoute<Response>()('GET', '/settings/install', 'read');
  export interface Response {
    /** The widget script on this Strapi server, as visitors' browsers reach it. */
    scriptUrl: string;
    /** The tag to paste before `</body>` on every page that shows the widget. */
    snippet: string;
    /** Origins allowed to embed the widget: from the plugin config (changed in code) and from Settings. */
    allowedOrigins: { config: string[]; settings: string[] };
    /** `*` is among them: any site may embed the widget. */
    everyOrigin: boolean;
  }
}

/** GET /livechat/settings - the help-desk settings. */
export namespace GetDeskSettings {
  export const route = agentRoute<DeskSettings>()('GET', '/settings', 'read');
}
