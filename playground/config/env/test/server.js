'use strict';

// Under jest: no startup banner, no update check against the npm registry.
module.exports = {
  logger: {
    startup: { enabled: false },
    updates: { enabled: false },
  },
};
