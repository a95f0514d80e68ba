'use strict';
// @bookto/verify-wasm for require() callers (Node from 18 on, bundlers' CJS
// output): the same API as index.js, over the self-instantiating backend.cjs.
const { createApi } = require('./api.cjs');

module.exports = createApi(require('./backend.cjs').backend);
