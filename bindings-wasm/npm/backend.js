// The wasm backend in the shape `createApi(backend)` expects (see api.mjs):
// the same classes and methods as the Node addon's. `@bookto/verify` can
// build its own API over it (`@bookto/verify-wasm/backend`), sharing its error
// classes with the native build; this package's entries build theirs in
// wasm-api.js. Instantiation is the entries' job (index.js, workerd.js,
// edge-light.js): import one of them first. Node and Bun get backend.cjs,
// which instantiates itself (backend-node.js).
//
// The only code here is type checks and one split. The arguments reach the
// module as typed parameters (the fastest path through wasm-bindgen's glue:
// no calls back into JS), and the glue traps on a non-string `&str`, so a
// wrong type becomes a TypeError here, as the native addon throws one; `now`
// goes to one of two parameters, a number or a bigint (beyond 2^53),
// saturated to 0..2^64-1 as the native addon does.
import { Verifier as WasmVerifier, sign, parseEvent, readsHeader } from './bookto_verify_wasm.js';

const U64_MAX = 0xffff_ffff_ffff_ffffn;

/** A bigint `now` saturated to u64, as the native addon converts it (the glue would wrap it). */
function u64(seconds) {
  return seconds < 0n ? 0n : seconds > U64_MAX ? U64_MAX : seconds;
}

function typeError(what) {
  return new TypeError(`bookto-verify: the wasm backend takes ${what}`);
}

function isStrings(values) {
  if (!Array.isArray(values)) return false;
  for (const value of values) if (typeof value !== 'string') return false;
  return true;
}

/** Checks the arguments of verify/verifySignature (throws a TypeError). */
function check(body, headers, now) {
  if (!(body instanceof Uint8Array)) throw typeError('the body as a Uint8Array');
  if (typeof headers !== 'string' && !isStrings(headers)) throw typeError('the headers as a NUL-joined string or an array of strings');
  if (now !== undefined && now !== null && typeof now !== 'number' && typeof now !== 'bigint') {
    throw typeError('`now` as a number or a bigint');
  }
}

class Verifier {
  #wasm;

  constructor(secrets) {
    this.#wasm = new WasmVerifier(secrets);
  }

  setTolerance(seconds) {
    this.#wasm.setTolerance(seconds);
  }

  disableTolerance() {
    this.#wasm.disableTolerance();
  }

  verifySignature(body, headers, now) {
    check(body, headers, now);
    const [joined, list] = typeof headers === 'string' ? [headers, undefined] : ['', headers];
    return typeof now === 'bigint'
      ? this.#wasm.verifySignature(body, joined, list, undefined, u64(now))
      : this.#wasm.verifySignature(body, joined, list, now, undefined);
  }

  verify(body, headers, now) {
    check(body, headers, now);
    const [joined, list] = typeof headers === 'string' ? [headers, undefined] : ['', headers];
    return typeof now === 'bigint'
      ? this.#wasm.verify(body, joined, list, undefined, u64(now))
      : this.#wasm.verify(body, joined, list, now, undefined);
  }
}

export const backend = Object.freeze({ name: 'wasm', Verifier, sign, parseEvent, readsHeader });
