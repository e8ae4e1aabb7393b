'use strict';

module.exports = ({ env }) => ({
  auth: {
    secret: env('ADMIN_JWT_SECRET'),
    // Strapi's default is 30 minutes; tests shorten it to watch agent sockets close on expiry.
    sessions: { accessTokenLifespan: env.int('ADMIN_ACCESS_TOKEN_LIFESPAN', 30 * 60) },
  },
  // Strapi's own limit on admin sign-ins (5 in 5 minutes per address and email); the browser tests sign the
  // same agents in many times from one address, and turn it off.
  rateLimit: { enabled: env.bool('ADMIN_LOGIN_RATE_LIMIT', true) },
  apiToken: {
    salt: env('API_TOKEN_SALT'),
  },
  transfer: {
    token: {
      salt: env('TRANSFER_TOKEN_SALT'),
    },
  },
  secrets: {
    encryptionKey: env('ENCRYPTION_KEY'),
  },
  // Tests run without the admin build; the demo serves it.
  serveAdminPanel: env.bool('SERVE_ADMIN_PANEL', true),
  flags: {
    nps: env.bool('FLAG_NPS', false),
    promoteEE: env.bool('FLAG_PROMOTE_EE', false),
  },
});
