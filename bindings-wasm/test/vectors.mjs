// Every fixtures/ vector through the installed @bookto/verify-wasm, with the
// Node package's own runtime-agnostic runner (bindings-node/test/vectors.mjs).
// One function for every runtime: vectors.run.mjs calls it in Node, Deno and
// Bun; workerd/vectors-worker.mjs calls it inside workerd.
import * as api from '@bookto/verify-wasm';
import { runVectors } from '../../bindings-node/test/vectors.mjs';
import { fixtures } from './fixtures.mjs';

/**
 * Runs the whole suite with `assert` ({ equal, deepEqual }, strict); returns
 * { passed, failed, failures: [{ name, message }] }.
 */
export function runWasmVectors(assert) {
  // Runtime-specific body forms on top of the shared ones (string,
  // Uint8Array, offset view, ArrayBuffer, DataView).
  const extraBodyForms = {};
  if (typeof Buffer === 'function') extraBodyForms.Buffer = (bytes) => Buffer.from(bytes);
  const result = runVectors(api, fixtures, assert, { extraBodyForms });
  const total =
    fixtures.verify.numberOfTests +
    fixtures.parseEvent.numberOfTests +
    fixtures.secrets.numberOfTests +
    fixtures.sign.numberOfTests +
    fixtures.hosts.numberOfTests;
  if (result.passed + result.failed !== total) {
    throw new Error(`ran ${result.passed + result.failed} vectors, the fixture files hold ${total}`);
  }
  return {
    passed: result.passed,
    failed: result.failed,
    failures: result.failures.map(({ name, error }) => ({ name, message: String(error && error.message) })),
  };
}
