'use strict';

// Under jest only warnings and errors reach the output; LOG_LEVEL=http shows every request.
module.exports = ({ env }) => ({
  level: env('LOG_LEVEL', 'warn'),
});
