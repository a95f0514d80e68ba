// js/api.cjs (the build of js/api.mjs that index.js uses) over a recording stub backend: pins the backend contract the
// native addon and the wasm build both implement (what createApi passes in,
// what it accepts back), independently of either backend.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

import * as native from '@bookto/verify';
import { sampleBody } from './fixtures.mjs';

const require = createRequire(import.meta.url);
const packageDir = dirname(require.resolve('@bookto/verify/package.json'));
const { createApi, WebhookVerificationError, SignatureMismatch } = require(join(packageDir, 'js', 'api.cjs'));
// The real native backend, for the rows the core writes.
const nativeBackend = require(join(packageDir, 'native.cjs'));

function stub({ verifyResult = '{"event":"ping","data":{"event":"ping"}}', throwCode } = {}) {
  const calls = [];
  class Verifier {
    constructor(secrets) {
      calls.push(['new', secrets]);
      if (throwCode === 'invalid_secret') throw Object.assign(new Error('bad secret'), { code: 'invalid_secret' });
    }
    setTolerance(seconds) {
      calls.push(['setTolerance', seconds]);
    }
    disableTolerance() {
      calls.push(['disableTolerance']);
    }
    verifySignature(...args) {
      calls.push(['verifySignature', ...args]);
      if (throwCode) throw Object.assign(new Error(`failed: ${throwCode}`), { code: throwCode });
      return 3;
    }
    verify(...args) {
      calls.push(['verify', ...args]);
      if (throwCode) throw Object.assign(new Error(`failed: ${throwCode}`), { code: throwCode });
      return verifyResult;
    }
  }
  const backend = {
    Verifier,
    sign: (...args) => (calls.push(['sign', ...args]), [String(args[1]), 'sha256=stub']),
    parseEvent: (...args) => (calls.push(['parseEvent', ...args]), verifyResult),
    readsHeader: (name) => (calls.push(['readsHeader', name]), ['x-bookto-timestamp', 'x-bookto-signature'].includes(name.toLowerCase())),
  };
  return { api: createApi(backend), calls };
}

const text = (bytes) => new TextDecoder().decode(bytes);

test('error classes are shared by every backend (instanceof holds across them)', () => {
  const { api } = stub();
  assert.equal(api.WebhookVerificationError, native.WebhookVerificationError);
  assert.equal(api.SignatureMismatch, native.SignatureMismatch);
  assert.equal(WebhookVerificationError, native.WebhookVerificationError);
  assert.notEqual(api.Webhook, native.Webhook);
});

test('constructor: secrets as a list; tolerance default, number, bigint or off', () => {
  for (const [options, expected] of [
    [undefined, []],
    [{ tolerance: 60 }, [['setTolerance', 60]]],
    [{ tolerance: 60n }, [['setTolerance', 60n]]],
    [{ tolerance: null }, [['disableTolerance']]],
  ]) {
    const { api, calls } = stub();
    new api.Webhook('whsec_a', options);
    assert.deepEqual(calls, [['new', ['whsec_a']], ...expected]);
  }
  const { api, calls } = stub();
  new api.Webhook(['a', 'b']);
  assert.deepEqual(calls, [['new', ['a', 'b']]]);
});

test('headers arrive as one NUL-joined string of name, value, ..., names as given; bodies as bytes; now as given', () => {
  const { api, calls } = stub();
  const webhook = new api.Webhook('s');
  assert.equal(webhook.verifySignature('{"a":"é"}', { 'X-Bookto-Timestamp': '1', 'x-bookto-signature': 'sha256=x' }, { now: 5 }), 3);
  const [, body, headers, now] = calls.at(-1);
  assert.ok(body instanceof Uint8Array);
  assert.equal(text(body), '{"a":"é"}');
  assert.deepEqual([headers, now], ['X-Bookto-Timestamp\u00001\u0000x-bookto-signature\u0000sha256=x', 5]);

  webhook.verifySignature(new Uint8Array([1, 2]), new Headers({ 'content-length': '2', accept: '*/*' }));
  assert.deepEqual(calls.at(-1).slice(2), ['content-length\u00002', undefined]);
  webhook.verifySignature('x', new Map([['X-BOOKTO-TIMESTAMP', '1'], ['host', 'h']]));
  assert.deepEqual(calls.at(-1).slice(2), ['X-BOOKTO-TIMESTAMP\u00001', undefined]);
  webhook.verifySignature('x', {});
  assert.deepEqual(calls.at(-1).slice(2), ['', undefined]);
  // A NUL inside a value cannot be joined: the pairs go as a list.
  webhook.verifySignature('x', { 'x-bookto-timestamp': '1\u00002' });
  assert.deepEqual(calls.at(-1).slice(2), [['x-bookto-timestamp', '1\u00002'], undefined]);
  // Also when pairs without one came first: every pair, in order.
  webhook.verifySignature('x', { 'content-length': '1', 'x-bookto-timestamp': '1\u00002', 'x-bookto-signature': 's' });
  assert.deepEqual(calls.at(-1).slice(2), [
    ['content-length', '1', 'x-bookto-timestamp', '1\u00002', 'x-bookto-signature', 's'],
    undefined,
  ]);
});

test('every value of a header is its own pair, in order; names of a length the core never reads are not passed', () => {
  const { api, calls } = stub();
  const webhook = new api.Webhook('s');
  webhook.verifySignature('x', {
    'x-bookto-timestamp': '1',
    'x-bookto-signature': ['a', null, 'b'],
    'X-Bookto-Signature': 'c',
    'content-length': '1',
    'x-forwarded-for': '203.0.113.7', // 15 characters: no header the core reads has that length
    'x-bookto-signatur': 'typo', // 17
    'x-bookto-signaturf': 'd', // 18, like the real ones: the core decides it is not one
  });
  assert.deepEqual(calls.at(-1).slice(2), [
    [
      'x-bookto-timestamp', '1', 'x-bookto-signature', 'a', 'x-bookto-signature', 'b',
      'X-Bookto-Signature', 'c', 'content-length', '1', 'x-bookto-signaturf', 'd',
    ].join('\u0000'),
    undefined,
  ]);
});

test('a value of the wrong type is a TypeError only for a header the core reads', () => {
  const { api, calls } = stub();
  const webhook = new api.Webhook('s');
  // 14 characters, like content-length, but not a header verification reads: skipped.
  webhook.verifySignature('x', { 'accept-charset': { odd: true }, 'x-bookto-timestamp': '1' });
  assert.deepEqual(calls.at(-2), ['readsHeader', 'accept-charset']);
  assert.deepEqual(calls.at(-1).slice(2), ['x-bookto-timestamp\u00001', undefined]);
  assert.throws(() => webhook.verifySignature('x', { 'X-Bookto-Signature': [1] }), TypeError);
  assert.throws(() => webhook.verifySignature('x', { 'x-bookto-timestamp': 1 }), TypeError);
});

test('a byte body reaches the backend without a copy', () => {
  const { api, calls } = stub();
  const bytes = new Uint8Array([123, 125]);
  new api.Webhook('s').verify(bytes, {});
  assert.equal(calls.at(-1)[1], bytes);
  const buffer = new ArrayBuffer(4);
  new api.Webhook('s').verify(buffer, {});
  assert.equal(calls.at(-1)[1].buffer, buffer);
});

test('event JSON: the object form is an UnknownEvent, passed through JSON.parse as is', () => {
  const object = '{"event":"order.refunded","data":{"event":"order.refunded","n":1}}';
  const { api } = stub({ verifyResult: object });
  const event = new api.Webhook('s').verify('x', {});
  assert.deepEqual(event, JSON.parse(object));
  assert.equal(event.eventType, null);
  assert.deepEqual(api.parseEvent('x'), JSON.parse(object));
});

test('event JSON: the core\'s positional order.paid row becomes the keyed object', () => {
  // The row the real core writes for the sample event; the JS layer must give
  // back the sample's own JSON, with each amount also as its exact text.
  const body = sampleBody();
  const row = nativeBackend.parseEvent(body);
  assert.ok(row.startsWith('['), 'the core writes order.paid as a positional row');
  const { api } = stub({ verifyResult: row });
  const wire = JSON.parse(Buffer.from(body).toString('utf8'));
  const exact = Object.fromEntries(
    Object.entries(wire.amount).filter(([, value]) => typeof value === 'number').map(([key, value]) => [key, String(value)]),
  );
  assert.deepEqual(new api.Webhook('s').verify('x', {}), { ...wire, amount: { ...wire.amount, exact } });
});

test('a backend error with a stable code becomes its class; any other error passes through', () => {
  const { api } = stub({ throwCode: 'signature_mismatch' });
  const webhook = new api.Webhook('s');
  assert.throws(() => webhook.verify('x', {}), (e) => e instanceof SignatureMismatch && e.message === 'failed: signature_mismatch');
  const odd = stub({ throwCode: 'InvalidArg' });
  assert.throws(() => new odd.api.Webhook('s').verify('x', {}), (e) => !(e instanceof WebhookVerificationError) && e.code === 'InvalidArg');
  const config = stub({ throwCode: 'invalid_secret' });
  assert.throws(() => new config.api.Webhook('s'), config.api.WebhookConfigError);
});

test('sign passes the timestamp through and names the two values the backend returns', () => {
  const { api, calls } = stub();
  assert.deepEqual(api.sign('k', 'body', { timestamp: 7n }), { 'x-bookto-timestamp': '7', 'x-bookto-signature': 'sha256=stub' });
  const [, secret, timestamp, body] = calls.at(-1);
  assert.deepEqual([secret, timestamp, text(body)], ['k', 7n, 'body']);
});

test('the backend refusing a timestamp out of range is a RangeError', () => {
  const backend = {
    Verifier: class {},
    sign: () => {
      throw Object.assign(new Error('timestamp must be at most 9999999999999999999'), { code: 'ERR_OUT_OF_RANGE' });
    },
    parseEvent: () => '',
  };
  assert.throws(() => createApi(backend).sign('k', 'body', { timestamp: 10n ** 19n }), RangeError);
});
