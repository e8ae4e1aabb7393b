'use strict';

const built = require('./dist/server/index.js');

module.exports = built.default ?? built;
