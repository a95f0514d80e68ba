'use strict';
// '@bookto/verify/wasm' under Node and Bun (require, and import through
// wasm-node.mjs): the API over the wasm build, with index.js's error classes
// (both use js/api.cjs), so `instanceof` holds across the two entries.
const { createApi } = require('./api.cjs');

module.exports = createApi(require('@bookto/verify-wasm/backend').backend);
