'use strict';
// @bookto/verify for Node and Bun: the public API (js/api.cjs) over the native
// addon, or over the wasm build when no addon loads (a platform without a
// package, a missing or corrupt file, a libc mismatch, a bundle).
//
// This CommonJS module is the one instance of the API: index.mjs re-exports it,
// so `instanceof` holds for require() and import users, whichever backend runs.
//
// BOOKTO_VERIFY_BACKEND=native|wasm forces a backend (no fallback then);
// BOOKTO_VERIFY_DEBUG=1 says once, on stderr, which one loaded and why.

const { createApi } = require('./js/api.cjs');

const forced = process.env.BOOKTO_VERIFY_BACKEND || '';
const debug = !['', '0', 'false'].includes(process.env.BOOKTO_VERIFY_DEBUG || '');

function nativeBackend() {
  const native = require('./native.cjs');
  return {
    name: 'native',
    Verifier: native.NativeVerifier,
    sign: native.sign,
    parseEvent: native.parseEvent,
    readsHeader: native.readsHeader,
  };
}

function wasmBackend() {
  return require('@bookto/verify-wasm/backend').backend;
}

function reason(error) {
  if (error && Array.isArray(error.attempts)) return `${error.message} (${error.attempts.join('; ')})`;
  return error && error.message ? error.message.split('\n')[0] : String(error);
}

function selectBackend() {
  if (forced !== '' && forced !== 'native' && forced !== 'wasm') {
    throw new Error(`@bookto/verify: BOOKTO_VERIFY_BACKEND must be "native" or "wasm", got ${JSON.stringify(forced)}`);
  }
  if (forced === 'wasm') {
    if (debug) console.warn('@bookto/verify: using the wasm build (BOOKTO_VERIFY_BACKEND=wasm)');
    return wasmBackend();
  }
  let nativeError;
  try {
    return nativeBackend();
  } catch (error) {
    if (forced === 'native') throw error;
    nativeError = error;
  }
  let backend;
  try {
    backend = wasmBackend();
  } catch (wasmError) {
    const error = new Error(
      `@bookto/verify: neither backend loads on ${process.platform}-${process.arch}. ` +
        `The native addon: ${reason(nativeError)}. The wasm fallback: ${reason(wasmError)}. ` +
        'Reinstall with optional dependencies (`npm i @bookto/verify`, without --omit=optional or ' +
        '--no-optional), or install the fallback with `npm i @bookto/verify-wasm`.',
    );
    error.code = 'ERR_BOOKTO_VERIFY_NO_BACKEND';
    error.cause = nativeError;
    throw error;
  }
  if (debug) console.warn(`@bookto/verify: using the wasm fallback; ${reason(nativeError)}`);
  return backend;
}

const backend = selectBackend();
if (debug && backend.name === 'native') console.warn('@bookto/verify: using the native addon');

module.exports = createApi(backend);
