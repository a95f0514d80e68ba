// Conversions at the JS boundary: every body and header type, options,
// programmer errors (TypeError/RangeError), and the error objects themselves.
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';

import * as api from '@bookto/verify';
import { sampleBody } from './fixtures.mjs';

const require = createRequire(import.meta.url);
const {
  Webhook, sign, parseEvent, isOrderPaid, ERROR_CODES,
  WebhookVerificationError, WebhookConfigError, SignatureMismatch, MissingHeader, InvalidPayload,
} = api;

const SECRET = 'whsec_conversions_4sKp9TzQ2mVx7Lr1';
const T = 1_764_201_600;
const body = sampleBody();
const text = body.toString('utf8');
const headers = sign(SECRET, body, { timestamp: T });
const webhook = new Webhook(SECRET);
const at = { now: T };

function thrown(fn) {
  try {
    fn();
  } catch (error) {
    return error;
  }
  throw new Error('expected a throw');
}

describe('body types', () => {
  const shared = new SharedArrayBuffer(body.length);
  new Uint8Array(shared).set(body);
  const backing = new Uint8Array(body.length + 16).fill(0x20);
  backing.set(body, 8);
  const forms = {
    string: text,
    Buffer: body,
    'Buffer slice of a larger pool': Buffer.concat([Buffer.from('xxxxxxxx'), body]).subarray(8),
    Uint8Array: new Uint8Array(body),
    'Uint8Array view at an offset': backing.subarray(8, 8 + body.length),
    ArrayBuffer: new Uint8Array(body).buffer,
    SharedArrayBuffer: shared,
    DataView: new DataView(backing.buffer, 8, body.length),
    Int8Array: new Int8Array(backing.buffer, 8, body.length),
  };
  for (const [name, value] of Object.entries(forms)) {
    test(`${name}: verify, verifySignature, parseEvent, sign`, () => {
      assert.equal(webhook.verifySignature(value, headers, at), 0);
      const event = webhook.verify(value, headers, at);
      assert.equal(event.event, 'order.paid');
      assert.deepEqual(event, parseEvent(value));
      assert.deepEqual(sign(SECRET, value, { timestamp: T }), headers);
    });
  }

  test('the bytes verified are exactly the view: bytes around it do not count', () => {
    const around = new Uint8Array(body.length + 2);
    around.set(body, 1);
    assert.throws(() => webhook.verify(around, headers, at), SignatureMismatch);
    assert.equal(webhook.verifySignature(around.subarray(1, 1 + body.length), headers, at), 0);
  });

  test('a string body is signed as its UTF-8 bytes', () => {
    const unicode = '{"event":"ping","name":"Ω鍵🔐"}';
    const h = sign(SECRET, Buffer.from(unicode, 'utf8'), { timestamp: T });
    assert.equal(webhook.verifySignature(unicode, h, at), 0);
  });

  test('a string body with a lone surrogate is its WTF-8 bytes, never the U+FFFD body (DECISIONS A4)', () => {
    const lone = '{"event":"ping","name":"a\ud800b"}';
    const wtf8 = Buffer.concat([Buffer.from('{"event":"ping","name":"a'), Buffer.from([0xed, 0xa0, 0x80]), Buffer.from('b"}')]);
    const h = sign(SECRET, lone, { timestamp: T });
    assert.deepEqual(h, sign(SECRET, wtf8, { timestamp: T }));
    assert.equal(webhook.verifySignature(lone, h, at), 0);
    assert.ok(thrown(() => webhook.verify(lone, h, at)) instanceof InvalidPayload);
    const replaced = sign(SECRET, lone.replace('\ud800', '\ufffd'), { timestamp: T });
    assert.ok(thrown(() => webhook.verifySignature(lone, replaced, at)) instanceof SignatureMismatch);
    assert.ok(thrown(() => parseEvent(lone)) instanceof InvalidPayload);
    // A long one takes the path past the scratch buffer; pairs stay 4 bytes.
    const long = `{"event":"x","p":"${'é'.repeat(40000)}🔐\udc00"}`;
    const bytes = Buffer.concat([Buffer.from(long.slice(0, -3)), Buffer.from([0xed, 0xb0, 0x80]), Buffer.from('"}')]);
    assert.deepEqual(sign(SECRET, long, { timestamp: T }), sign(SECRET, bytes, { timestamp: T }));
  });

  test('non-UTF-8 bytes verify as bytes and then fail as a payload', () => {
    const bytes = Uint8Array.of(0x7b, 0xff, 0x7d);
    const h = sign(SECRET, bytes, { timestamp: T });
    assert.equal(webhook.verifySignature(bytes, h, at), 0);
    const error = thrown(() => webhook.verify(bytes, h, at));
    assert.ok(error instanceof InvalidPayload);
    assert.match(error.message, /UTF-8/);
  });

  const RAW_BODY_HINTS = [
    /express\.raw\(\{ type: 'application\/json' \}\)/,
    /parseAs: 'buffer'/,
    /await request\.arrayBuffer\(\)/,
  ];
  const notRaw = {
    'a parsed object': JSON.parse(text),
    'an array': [1, 2],
    null: null,
    undefined,
    'a number': 42,
    'a boolean': true,
  };
  for (const [name, value] of Object.entries(notRaw)) {
    test(`${name} is a TypeError that says how to keep the raw body`, () => {
      for (const call of [
        () => webhook.verify(value, headers, at),
        () => webhook.verifySignature(value, headers, at),
        () => parseEvent(value),
        () => sign(SECRET, value),
      ]) {
        const error = thrown(call);
        assert.ok(error instanceof TypeError, String(error));
        for (const hint of RAW_BODY_HINTS) assert.match(error.message, hint);
      }
    });
  }

  test('the parsed-object message names the mistake', () => {
    assert.match(thrown(() => webhook.verify({ event: 'order.paid' }, headers, at)).message, /already-parsed object/);
  });
});

describe('header types', () => {
  const ts = headers['x-bookto-timestamp'];
  const sig = headers['x-bookto-signature'];
  const forms = {
    'IncomingHttpHeaders (lower-case strings)': { host: 'x', 'content-length': String(body.length), 'x-bookto-timestamp': ts, 'x-bookto-signature': sig },
    'string[] values': { 'x-bookto-timestamp': [ts], 'x-bookto-signature': ['v2=ignored', sig] },
    'mixed-case names': { 'X-Bookto-Timestamp': ts, 'X-BOOKTO-SIGNATURE': sig },
    'keys differing in case as several values': { 'x-bookto-timestamp': ts, 'x-bookto-signature': 'v9=x', 'X-Bookto-Signature': sig },
    'null-prototype object': Object.assign(Object.create(null), { 'x-bookto-timestamp': ts, 'x-bookto-signature': sig }),
    'undefined values for other headers': { 'x-bookto-timestamp': ts, 'x-bookto-signature': sig, 'content-length': undefined, cookie: undefined },
    'null and undefined items are absent': { 'x-bookto-timestamp': [null, ts], 'x-bookto-signature': [sig, undefined] },
    'an inherited key does not add a value': Object.assign(Object.create({ 'x-bookto-signature': 'sha256=0' }), { 'x-bookto-timestamp': ts, 'x-bookto-signature': sig }),
    'Fetch Headers': new Headers({ 'X-Bookto-Timestamp': ts, 'x-bookto-signature': sig }),
    'Fetch Headers from a Request': new Request('http://x/', { method: 'POST', headers }).headers,
    Map: new Map([['X-Bookto-Timestamp', ts], ['x-bookto-signature', [sig]]]),
  };
  for (const [name, value] of Object.entries(forms)) {
    test(name, () => {
      assert.equal(webhook.verifySignature(body, value, at), 0);
      assert.equal(webhook.verify(body, value, at).event, 'order.paid');
    });
  }

  test('a name that only lower-cases to a bookto header (Kelvin sign) is not one', () => {
    // 'x-boo\u212Ato-timestamp'.toLowerCase() === 'x-bookto-timestamp'; HTTP names are ASCII.
    const error = thrown(() => webhook.verify(body, { 'x-boo\u212Ato-timestamp': ts, 'x-bookto-signature': sig }, at));
    assert.ok(error instanceof MissingHeader);
    assert.match(error.message, /x-bookto-timestamp/);
  });

  test('content-length from the headers feeds the mismatch hint', () => {
    const reserialised = JSON.stringify(JSON.parse(text), null, 2);
    for (const h of [{ ...headers, 'content-length': String(body.length) }, new Headers({ ...headers, 'content-length': String(body.length) })]) {
      const error = thrown(() => webhook.verify(reserialised, h, at));
      assert.ok(error instanceof SignatureMismatch);
      assert.match(error.message, /content-length/);
    }
  });

  const notHeaders = { null: null, undefined, 'a string': 'x-bookto-timestamp: 1', 'an array': [['x-bookto-timestamp', ts]] };
  for (const [name, value] of Object.entries(notHeaders)) {
    test(`${name} as headers is a TypeError`, () => {
      const error = thrown(() => webhook.verify(body, value, at));
      assert.ok(error instanceof TypeError);
      assert.match(error.message, /req\.headers/);
    });
  }

  test('a header value that is not a string is a TypeError', () => {
    for (const value of [1764201600, { v: 1 }, [ts, 5]]) {
      const error = thrown(() => webhook.verify(body, { 'x-bookto-timestamp': value, 'x-bookto-signature': sig }, at));
      assert.ok(error instanceof TypeError, String(error));
      assert.match(error.message, /x-bookto-timestamp/);
    }
  });
});

describe('options', () => {
  test('now: a number or a bigint', () => {
    assert.equal(webhook.verifySignature(body, headers, { now: T }), 0);
    assert.equal(webhook.verifySignature(body, headers, { now: BigInt(T) }), 0);
  });

  test('without now, the system clock decides', () => {
    assert.equal(thrown(() => webhook.verifySignature(body, headers)).code, 'timestamp_too_old');
    assert.equal(thrown(() => webhook.verifySignature(body, headers, {})).code, 'timestamp_too_old');
    const fresh = sign(SECRET, body);
    assert.equal(webhook.verifySignature(body, fresh), 0);
    assert.equal(webhook.verifySignature(body, fresh, { now: undefined }), 0);
    // null is the clock too, as Python's now=None (DECISIONS A7).
    assert.equal(webhook.verifySignature(body, fresh, { now: null }), 0);
    assert.equal(thrown(() => webhook.verifySignature(body, headers, { now: null })).code, 'timestamp_too_old');
    const clock = Number(sign(SECRET, body, { timestamp: null })['x-bookto-timestamp']);
    assert.ok(Math.abs(clock - Date.now() / 1000) < 60, String(clock));
  });

  test('now and timestamps that are not whole seconds >= 0 are a RangeError or TypeError', () => {
    for (const now of [-1, 1.5, NaN, Infinity, 2 ** 53, -1n, 2n ** 64n]) {
      assert.throws(() => webhook.verify(body, headers, { now }), RangeError, String(now));
      assert.throws(() => sign(SECRET, body, { timestamp: now }), RangeError, String(now));
    }
    for (const now of ['1764201600', true, false, new Date()]) {
      assert.throws(() => webhook.verify(body, headers, { now }), TypeError, String(now));
      assert.throws(() => sign(SECRET, body, { timestamp: now }), TypeError, String(now));
    }
    assert.throws(() => webhook.verify(body, headers, 5), TypeError);
  });

  test('tolerance: default 300 s either side, boundaries included', () => {
    const w = new Webhook(SECRET);
    assert.equal(w.verifySignature(body, headers, { now: T + 300 }), 0);
    assert.equal(w.verifySignature(body, headers, { now: T - 300 }), 0);
    assert.equal(thrown(() => w.verifySignature(body, headers, { now: T + 301 })).code, 'timestamp_too_old');
    assert.equal(thrown(() => w.verifySignature(body, headers, { now: T - 301 })).code, 'timestamp_too_new');
    assert.equal(new Webhook(SECRET, {}).verifySignature(body, headers, { now: T + 300 }), 0);
    assert.equal(new Webhook(SECRET, { tolerance: undefined }).verifySignature(body, headers, { now: T + 300 }), 0);
  });

  test('tolerance: a number, a bigint, 0, or null for off', () => {
    assert.equal(new Webhook(SECRET, { tolerance: 10 }).verifySignature(body, headers, { now: T + 10 }), 0);
    assert.equal(thrown(() => new Webhook(SECRET, { tolerance: 10n }).verifySignature(body, headers, { now: T + 11 })).code, 'timestamp_too_old');
    assert.equal(new Webhook(SECRET, { tolerance: 0 }).verifySignature(body, headers, { now: T }), 0);
    assert.equal(thrown(() => new Webhook(SECRET, { tolerance: 0 }).verifySignature(body, headers, { now: T + 1 })).code, 'timestamp_too_old');
    assert.equal(new Webhook(SECRET, { tolerance: null }).verifySignature(body, headers, { now: 0 }), 0);
    assert.equal(new Webhook(SECRET, { tolerance: null }).verifySignature(body, headers, { now: T * 2 }), 0);
  });

  test('a tolerance that is not whole seconds >= 0 is a RangeError or TypeError', () => {
    for (const tolerance of [-1, 0.5, NaN, -1n]) assert.throws(() => new Webhook(SECRET, { tolerance }), RangeError);
    for (const tolerance of ['300', true]) assert.throws(() => new Webhook(SECRET, { tolerance }), TypeError);
    assert.throws(() => new Webhook(SECRET, 300), TypeError);
  });

  test('secrets: a string or an array of strings, several for rotation', () => {
    const two = new Webhook(['whsec_new_1234567890', SECRET]);
    assert.equal(two.verifySignature(body, headers, at), 1);
    assert.equal(new Webhook(Object.freeze([SECRET])).verifySignature(body, headers, at), 0);
    for (const secret of [42, {}, [SECRET, 42], new Map()]) {
      const error = thrown(() => new Webhook(secret));
      assert.ok(error instanceof TypeError, String(error));
      assert.match(error.message, /Integrations/);
    }
  });

  test('a secret that is not well-formed Unicode is an invalid_secret config error, not a U+FFFD key', () => {
    for (const [secret, index] of [['whsec_a\ud800b', 0], ['\udc00whsec_ab', 0], [[SECRET, 'whsec_x\ud800'], 1]]) {
      const error = thrown(() => new Webhook(secret));
      assert.ok(error instanceof WebhookConfigError, String(error));
      assert.equal(error.code, 'invalid_secret');
      assert.match(error.message, new RegExp(`#${index} .*lone surrogate`));
    }
    assert.ok(thrown(() => sign('whsec_a\ud800b', body)) instanceof WebhookConfigError);
    // A surrogate pair is well-formed: an ordinary (non-BMP) secret.
    assert.equal(new Webhook('whsec_😀').verifySignature(body, sign('whsec_😀', body, { timestamp: T }), at), 0);
  });

  test('a missing secret (an unset environment variable) is an invalid_secret config error', () => {
    for (const secret of [undefined, null, [SECRET, undefined]]) {
      const error = thrown(() => new Webhook(secret));
      assert.ok(error instanceof WebhookConfigError, String(error));
      assert.equal(error.code, 'invalid_secret');
      assert.match(error.message, /is the environment variable set\?/);
    }
  });
});

describe('error objects', () => {
  const failing = () => webhook.verify(`${text} `, headers, at);

  test('code, name and message are own properties; the class chain holds', () => {
    const error = thrown(failing);
    assert.ok(Object.hasOwn(error, 'code'));
    assert.ok(Object.keys(error).includes('code'), 'code is enumerable (shows in logs)');
    assert.equal(error.code, 'signature_mismatch');
    assert.equal(error.name, 'SignatureMismatch');
    assert.ok(Object.hasOwn(error, 'message'));
    assert.ok(error instanceof SignatureMismatch);
    assert.ok(error instanceof WebhookVerificationError);
    assert.ok(error instanceof Error);
    assert.match(String(error), /^SignatureMismatch: signature mismatch/);
    assert.match(error.stack, /conversions\.test\.mjs/);
  });

  test('one class per code, each with its static code', () => {
    assert.deepEqual([...ERROR_CODES], [
      'missing_header', 'invalid_timestamp', 'timestamp_too_old', 'timestamp_too_new',
      'invalid_signature_header', 'signature_mismatch', 'invalid_payload',
    ]);
    const classes = ['MissingHeader', 'InvalidTimestamp', 'TimestampTooOld', 'TimestampTooNew', 'InvalidSignatureHeader', 'SignatureMismatch', 'InvalidPayload'];
    assert.deepEqual(classes.map((name) => api[name].code), [...ERROR_CODES]);
    for (const name of classes) {
      const error = new api[name]('m');
      assert.equal(error.name, name);
      assert.equal(error.code, api[name].code);
      assert.ok(error instanceof WebhookVerificationError);
    }
    const config = new WebhookConfigError('m');
    assert.equal(config.code, 'invalid_secret');
    assert.ok(!(config instanceof WebhookVerificationError));
  });

  test('the native addon itself throws errors whose code is the stable code', () => {
    const native = createRequire(require.resolve('@bookto/verify'))('./native.cjs');
    const verifier = new native.NativeVerifier([SECRET]);
    const flat = ['x-bookto-timestamp', headers['x-bookto-timestamp'], 'X-Bookto-Signature', 'sha256=00'];
    const error = thrown(() => verifier.verify(new Uint8Array(body), flat, T));
    assert.ok(error instanceof Error);
    assert.ok(Object.hasOwn(error, 'code'));
    assert.equal(error.code, 'invalid_signature_header');
    const config = thrown(() => new native.NativeVerifier([]));
    assert.equal(config.code, 'invalid_secret');
    const payload = thrown(() => native.parseEvent(new TextEncoder().encode('[]')));
    assert.equal(payload.code, 'invalid_payload');
  });

  test('require() and import share one set of classes', async () => {
    const cjs = require('@bookto/verify');
    for (const name of Object.keys(cjs)) assert.equal(cjs[name], api[name], name);
    assert.deepEqual(Object.keys(cjs).sort(), Object.keys(api).sort());
    const error = thrown(() => new cjs.Webhook(SECRET).verify(body, {}, at));
    assert.ok(error instanceof MissingHeader);
    assert.ok(error instanceof api.WebhookVerificationError);
    const express = await import('@bookto/verify/express');
    assert.equal(express.bookto, require('@bookto/verify/express').bookto);
  });

  test('isOrderPaid narrows on the event name', () => {
    assert.equal(isOrderPaid(webhook.verify(body, headers, at)), true);
    assert.equal(isOrderPaid(parseEvent('{"event":"order.refunded"}')), false);
    assert.equal(isOrderPaid(null), false);
  });
});

describe('large string bodies', () => {
  // Above the reused scratch buffer: ASCII and non-ASCII take different paths.
  const cases = [['1 MB ASCII', 'a', 1], ['1 MB non-ASCII', 'é', 1], ['1 MB astral', '🔐', 1], ['5 MB ASCII', 'a', 5]];
  for (const [name, unit, megabytes] of cases) {
    test(`a ${name} string is signed and verified as its UTF-8 bytes`, () => {
      const big = `{"event":"bulk","pad":"${unit.repeat(Math.ceil((megabytes << 20) / unit.length))}"}`;
      const bytes = Buffer.from(big, 'utf8');
      const h = sign(SECRET, bytes, { timestamp: T });
      assert.deepEqual(sign(SECRET, big, { timestamp: T }), h);
      assert.equal(webhook.verifySignature(big, h, at), 0);
      assert.equal(webhook.verify(big, h, at).data.pad.length, JSON.parse(big).pad.length);
    });
  }
});

describe('robustness', () => {
  test('the native backend rejects wrong argument types with an Error, never a crash', () => {
    const native = createRequire(require.resolve('@bookto/verify'))('./native.cjs');
    const verifier = new native.NativeVerifier([SECRET]);
    const calls = [
      () => new native.NativeVerifier(null),
      () => new native.NativeVerifier([1, 2]),
      () => verifier.verify('not bytes', []),
      () => verifier.verify(new Uint8Array(), [1, 2, 3]),
      () => verifier.verify(new Uint8Array(), 'x-bookto-timestamp'),
      () => verifier.verifySignature(new Uint16Array(2), []),
      () => verifier.verifySignature(new Uint8Array(), [], 'now'),
      () => verifier.setTolerance('300'),
      () => native.sign(1, 2, 3),
      () => native.parseEvent(undefined),
    ];
    for (const call of calls) {
      const error = thrown(call);
      assert.ok(error instanceof Error, String(error));
    }
    // An odd list (not name/value pairs) is read pairwise, never out of bounds.
    assert.equal(thrown(() => verifier.verifySignature(new Uint8Array(), ['x-bookto-timestamp'], 1)).code, 'missing_header');
  });

  test('random headers and bodies: every outcome is a result or a coded WebhookVerificationError', () => {
    let seed = 7;
    const next = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32;
    const pieces = ['sha256=', 'v1=', ',', ' ', '\t', '=', '0', 'f', 'F', 'z', '1764201600', '-', '\n', 'é', '', headers['x-bookto-signature']];
    const randomText = (n) => Array.from({ length: Math.floor(next() * n) }, () => pieces[Math.floor(next() * pieces.length)]).join('');
    const codes = new Set();
    for (let i = 0; i < 2000; i++) {
      const h = {};
      if (next() < 0.9) h['x-bookto-timestamp'] = next() < 0.5 ? String(T - 100 + Math.floor(next() * 200)) : randomText(4);
      if (next() < 0.9) h[next() < 0.5 ? 'x-bookto-signature' : 'X-Bookto-Signature'] = next() < 0.3 ? [randomText(6), randomText(6)] : randomText(8);
      if (next() < 0.3) h['content-length'] = randomText(2);
      const b = next() < 0.5 ? body.subarray(0, Math.floor(next() * body.length)) : Uint8Array.from({ length: Math.floor(next() * 64) }, () => Math.floor(next() * 256));
      try {
        webhook.verify(b, h, at);
        codes.add('ok');
      } catch (error) {
        assert.ok(error instanceof WebhookVerificationError, String(error && error.stack));
        assert.ok(ERROR_CODES.includes(error.code), error.code);
        codes.add(error.code);
      }
    }
    // The generator reaches most checks (a sanity check on the generator itself).
    for (const code of ['missing_header', 'invalid_timestamp', 'invalid_signature_header', 'signature_mismatch']) {
      assert.ok(codes.has(code), `${code} never reached: ${[...codes]}`);
    }
  });
});
