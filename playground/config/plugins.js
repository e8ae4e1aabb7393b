'use strict';

const path = require('path');

const isPlainObject = (value) => typeof value === 'object' && value !== null && !Array.isArray(value);

const mergeDeep = (base, extra) => {
  const merged = { ...base };
  for (const [key, value] of Object.entries(extra)) {
    merged[key] = isPlainObject(value) && isPlainObject(base[key]) ? mergeDeep(base[key], value) : value;
  }
  return merged;
};

// The test harness passes per-file plugin config as JSON, because Strapi reads this file before any hook runs.
const testConfig = () => (process.env.LIVECHAT_TEST_CONFIG ? JSON.parse(process.env.LIVECHAT_TEST_CONFIG) : {});

// Mail goes to SMTP_HOST:SMTP_PORT when set (the tests run a local SMTP server); the demo only logs it.
const emailTransport = (env) =>
  env('SMTP_PORT')
    ? { host: env('SMTP_HOST', '127.0.0.1'), port: env.int('SMTP_PORT'), secure: false, ignoreTLS: true }
    : { jsonTransport: true };

module.exports = ({ env }) => ({
  email: {
    config: {
      provider: 'nodemailer',
      providerOptions: emailTransport(env),
      settings: {
        defaultFrom: env('EMAIL_FROM', 'support@livechat.local'),
        defaultReplyTo: env('EMAIL_FROM', 'support@livechat.local'),
      },
    },
  },
  livechat: {
    enabled: true,
    // The repository root, i.e. the built package. An absolute path: Strapi resolves a relative
    // `resolve` with require.resolve from its own folder first, and '..' would land inside @strapi/core.
    resolve: path.resolve(__dirname, '..', '..'),
    config: mergeDeep(
      {
        redis: env('LIVECHAT_REDIS') || undefined,
        // The bot answers from the help-centre articles too, linking to each article's page.
        knowledge: {
          sources: [
            { uid: 'api::article.article', fields: ['body'], titleField: 'title', urlTemplate: '/help/{slug}' },
          ],
        },
      },
      testConfig(),
    ),
  },
});
