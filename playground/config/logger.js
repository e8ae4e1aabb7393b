'use strict';

// Strapi's default level (http: every request) unless LOG_LEVEL says otherwise; the QA bench sets
// LOG_LEVEL=warn so its output is just its figures.
module.exports = ({ env }) => ({
  level: env('LOG_LEVEL', 'http'),
});
