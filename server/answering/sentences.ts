/** The languages the bot speaks: the widget's built-in languages. Any other locale gets English. */
export const BOT_LANGUAGES = ['en', 'fr', 'de'] as const;
export type BotLanguage = (typeof BOT_LANGUAGES)[number];

/**
 * The bot's own sentences (never the content it answers from). `offerHuman` ends a refusal while a person
 * can answer; `offerEmail` ends it while nobody can.
 */
export interface BotSentences {
  refusal: string;
  /** Before a passage the bot is not confident about. */
  suggestion: string;
  unavailable: string;
  offerHuman: string;
  offerEmail: string;
  /** Before `offerEmail` when the bot has nothing to answer from and nobody is online. */
  away: string;
  /** After the visitor's 👎 on an answer. */
  unhelpful: string;
}

const SENTENCES: Record<BotLanguage, BotSentences> = {
  en: {
    refusal: "I'm not sure about that one, and I'd rather not guess.",
    suggestion: "I'm not sure, but this may help:",
    unavailable: "I can't look that up right now.",
    offerHuman: 'Would you like to talk to a person?',
    offerEmail: 'Leave us your email and we will reply as soon as we are back.',
    away: 'Nobody can answer at the moment.',
    unhelpful: "Sorry that didn't help.",
  },
  fr: {
    refusal: 'Je ne suis pas sûr de la réponse, et je préfère ne pas deviner.',
    suggestion: 'Je ne suis pas sûr, mais ceci peut vous aider :',
    unavailable: 'Je ne peux pas chercher cela pour le moment.',
    offerHuman: 'Voulez-vous parler à une personne ?',
    offerEmail: 'Laissez-nous votre e-mail et nous vous répondrons dès notre retour.',
    away: "Personne n'est disponible pour le moment.",
    unhelpful: 'Désolé, cela ne vous a pas aidé.',
  },
  de: {
    refusal: 'Da bin ich mir nicht sicher, und ich möchte lieber nicht raten.',
    suggestion: 'Ich bin mir nicht sicher, aber das könnte helfen:',
    unavailable: 'Ich kann das gerade nicht nachschlagen.',
    offerHuman: 'Möchten Sie mit einer Person sprechen?',
    offerEmail: 'Hinterlassen Sie uns Ihre E-Mail-Adresse, wir antworten, sobald wir zurück sind.',
    away: 'Gerade ist niemand erreichbar.',
    unhelpful: 'Schade, dass das nicht geholfen hat.',
  },
};

/** The sentences in `locale`'s language (`fr-CA` speaks `fr`); English for an unknown or missing locale. */
export function botSentences(locale: string | null | undefined): BotSentences {
  const language = (locale ?? '').toLowerCase().split(/[-_]/)[0];
  return SENTENCES[(BOT_LANGUAGES as readonly string[]).includes(language) ? (language as BotLanguage) : 'en'];
}

/**
 * What the bot says when it does not answer (`refusal`, `unavailable`): why, then the way on that exists
 * now — a person while one can answer, the email form while nobody can.
 */
export function declineText(reason: 'refusal' | 'unavailable', locale: string | null, personAvailable: boolean) {
  const sentences = botSentences(locale);
  return `${sentences[reason]} ${personAvailable ? sentences.offerHuman : sentences.offerEmail}`;
}
