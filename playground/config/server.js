'use strict';

module.exports = ({ env }) => ({
  host: env('HOST', '0.0.0.0'),
  port: env.int('PORT', 1337),
  app: {
    keys: env.array('APP_KEYS'),
  },
  // Behind a reverse proxy (TRUST_PROXY=true), trust its X-Forwarded-For: Strapi 5 hands `proxy.koa` to
  // koa's `app.proxy`; a bare `proxy: true` is ignored. `maxIpsCount: 1` takes the address the nearest
  // proxy appended, not one the client wrote itself.
  proxy: { koa: env.bool('TRUST_PROXY', false), maxIpsCount: env.int('TRUST_PROXY_HOPS', 1) },
});
