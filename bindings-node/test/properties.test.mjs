// The property tests of properties.mjs (runtime-agnostic) under node:test,
// against the installed package, plus regressions of bugs they found.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import util from 'node:util';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

import * as api from '@bookto/verify';
import { propertyCases } from './properties.mjs';
import { fixturesDir } from './fixtures.mjs';

/**
 * fast-check, pinned in bindings-node/package.json. test.sh runs these tests
 * from a fresh install of the packed tarball whose node_modules hold only
 * what a consumer has, so it falls back to the repository's copy (installed
 * by `npm ci` in bindings-node/, next to the fixtures/ the tests read).
 */
async function loadFastCheck() {
  let module;
  try {
    module = await import('fast-check');
  } catch (error) {
    if (error.code !== 'ERR_MODULE_NOT_FOUND') throw error;
    const dev = createRequire(join(fixturesDir, '..', 'bindings-node', 'package.json'));
    module = await import(pathToFileURL(dev.resolve('fast-check')).href);
  }
  const fc = typeof module.assert === 'function' ? module : module.default;
  assert.equal(typeof fc.assert, 'function', 'fast-check did not load');
  return fc;
}

const fc = await loadFastCheck();
const cases = propertyCases(api, fc, {
  numRuns: 300,
  inspect: util.inspect,
  extraBodyForms: { Buffer: (bytes) => Buffer.from(bytes) },
});
assert.ok(cases.length >= 5);
for (const { name, run } of cases) test(name, run);

function thrown(fn) {
  try {
    fn();
  } catch (error) {
    return error;
  }
  return undefined;
}

// Regressions: bugs the properties found, now fixed.

test('sign and verify agree on timestamps past 19 digits', () => {
  // sign() takes timestamps up to 2^64-1, but x-bookto-timestamp is read as 1 to
  // 19 digits: sign must refuse them (RangeError), or verify must read them.
  const webhook = new api.Webhook('whsec_round_trip_0123', { tolerance: null });
  for (const timestamp of [10n ** 19n, 2n ** 64n - 1n]) {
    let headers;
    try {
      headers = api.sign('whsec_round_trip_0123', '{}', { timestamp });
    } catch (error) {
      assert.ok(error instanceof RangeError, String(error));
      continue;
    }
    assert.equal(webhook.verifySignature('{}', headers, { now: timestamp }), 0);
  }
});

test('a Headers-like get() answering non-strings is a TypeError, not a backend Error', () => {
  // A plain object or Map with a non-string bookto header value is a
  // TypeError; through get() an array holding a non-string reaches the native
  // backend, which throws a plain Error (code StringExpected, "Failed to
  // convert JavaScript value `Number 1 ` into rust type `String`").
  const webhook = new api.Webhook('whsec_headers_0123');
  for (const value of [[1], [{}], ['1764201600', 2]]) {
    const error = thrown(() => webhook.verifySignature('{}', { get: () => value }));
    assert.ok(error instanceof TypeError || error instanceof api.WebhookVerificationError, `${error && error.constructor.name} ${error && error.code}: ${error && error.message}`);
  }
});
