import type { Core } from '@strapi/strapi';
import type { Email } from './layout';

/**
 * Sends emails through Strapi's email plugin, away from the path that caused them: a failure is logged,
 * never thrown into a visitor's message. `settle` waits for the emails under way (shutdown, tests).
 */
export function outbox(strapi: Core.Strapi) {
  const pending = new Set<Promise<void>>();
  return {
    /** `compose` gathers what the email says; null when it turns out nobody should get one. */
    send(what: string, compose: () => Promise<Email | null>) {
      const job: Promise<void> = compose()
        .then(async (email) => {
          if (email) await strapi.plugin('email').service('email').send(email);
        })
        .catch((error: Error) => {
          strapi.log.error(`livechat: ${what} email failed: ${error.message}`);
        })
        .finally(() => pending.delete(job));
      pending.add(job);
    },

    async settle() {
      while (pending.size > 0) await Promise.all([...pending]);
    },
  };
}
