// The runtime exports and the hand-written declarations name the same API
// (the wasm build reuses both, so drift would reach two packages).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

import * as api from '@bookto/verify';
import * as express from '@bookto/verify/express';
import * as fastify from '@bookto/verify/fastify';

const require = createRequire(import.meta.url);
const root = dirname(require.resolve('@bookto/verify/package.json'));

function declared(file) {
  const source = readFileSync(join(root, file), 'utf8');
  return [...source.matchAll(/^export declare (?:class|function|const) (\w+)/gm)].map((m) => m[1]).sort();
}

const runtime = (module) => Object.keys(module).filter((name) => name !== 'default' && name !== 'module.exports').sort();

test('index.d.ts declares exactly the runtime exports', () => {
  assert.deepEqual(declared('index.d.ts'), runtime(api));
});

test('js/express.d.ts and js/fastify.d.ts declare exactly their runtime exports', () => {
  assert.deepEqual(declared('js/express.d.ts'), runtime(express));
  assert.deepEqual(declared('js/fastify.d.ts'), runtime(fastify));
});

test('the generated native.d.ts matches the backend the API is built on', () => {
  const native = require(join(root, 'native.cjs'));
  const names = declared('native.d.ts');
  assert.deepEqual(names, ['NativeVerifier', 'parseEvent', 'readsHeader', 'sign']);
  for (const name of names) assert.equal(typeof native[name], 'function', name);
  const methods = Object.getOwnPropertyNames(native.NativeVerifier.prototype).filter((m) => m !== 'constructor').sort();
  assert.deepEqual(methods, ['disableTolerance', 'setTolerance', 'verify', 'verifySignature']);
});
