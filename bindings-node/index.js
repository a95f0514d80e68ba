'use strict';
// @bookto/verify for Node: the public API (js/api.mjs) over the native addon.
//
// This CommonJS module is the one instance of the API: index.mjs re-exports it,
// so `instanceof` works the same for require() and import users.
// (Loading js/api.mjs with require() needs Node ^20.19 or >= 22.12.)

const { createApi } = require('./js/api.mjs');
const native = require('./native.cjs');

module.exports = createApi({
  Verifier: native.NativeVerifier,
  sign: native.sign,
  parseEvent: native.parseEvent,
});
