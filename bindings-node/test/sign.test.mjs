// Differential tests: sign() and verify against node:crypto's HMAC-SHA256 on
// seeded random secrets, timestamps and bodies.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';

import { sign, Webhook, SignatureMismatch } from '@bookto/verify';

/** mulberry32: a small seeded PRNG, so a failure can be replayed. */
function prng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SEED = Number(process.env.BOOKTO_SEED ?? 20251127);
const random = prng(SEED);
const int = (n) => Math.floor(random() * n);
const pick = (items) => items[int(items.length)];

const ALPHABET = [...'abcXYZ019_-+/= \t.{}"', 'é', 'Ω', '鍵', '🔐', '\n', '\0'];

function randomString(max) {
  let s = '';
  for (let i = int(max); i > 0; i--) s += pick(ALPHABET);
  return s;
}

function randomBytes(max) {
  const bytes = new Uint8Array(int(max));
  for (let i = 0; i < bytes.length; i++) bytes[i] = int(256);
  return bytes;
}

/** K1: the verifier and sign() trim only space, \t, \n, \r and \f. */
function trimAscii(secret) {
  return secret.replace(/^[ \t\n\r\f]+|[ \t\n\r\f]+$/g, '');
}

function reference(secret, timestamp, body) {
  const hmac = createHmac('sha256', Buffer.from(trimAscii(secret), 'utf8'));
  hmac.update(`${timestamp}.`);
  hmac.update(typeof body === 'string' ? Buffer.from(body, 'utf8') : body);
  return `sha256=${hmac.digest('hex')}`;
}

function randomCase() {
  const secret = pick([' ', '\n', '\t', '']) + randomString(40) + 'k' + pick(['', '\r\n', ' \f']);
  const timestamp = pick([0, 1, int(2 ** 31), 1_764_201_600 + int(1000), Number.MAX_SAFE_INTEGER, int(2 ** 53)]);
  const body = random() < 0.5 ? randomString(300) : randomBytes(2000);
  return { secret, timestamp, body };
}

test(`sign() equals node:crypto HMAC-SHA256 (500 random cases, seed ${SEED})`, () => {
  for (let i = 0; i < 500; i++) {
    const { secret, timestamp, body } = randomCase();
    const headers = sign(secret, body, { timestamp });
    const where = `case ${i}: ${JSON.stringify({ secret, timestamp })}`;
    assert.equal(headers['x-bookto-signature'], reference(secret, timestamp, body), where);
    assert.equal(headers['x-bookto-timestamp'], String(timestamp), where);
  }
});

test('a bigint timestamp signs like the same number', () => {
  const body = '{"event":"ping"}';
  assert.deepEqual(sign('whsec_a', body, { timestamp: 1_764_201_600n }), sign('whsec_a', body, { timestamp: 1_764_201_600 }));
  // 19 digits is what x-bookto-timestamp holds; one more is a RangeError.
  const max = 10n ** 19n - 1n;
  assert.equal(sign('whsec_a', body, { timestamp: max })['x-bookto-signature'], reference('whsec_a', max, body));
  assert.equal(sign('whsec_a', body, { timestamp: max })['x-bookto-timestamp'], '9999999999999999999');
  assert.throws(() => sign('whsec_a', body, { timestamp: max + 1n }), RangeError);
});

test('without a timestamp, sign() uses the current time', () => {
  const before = Math.floor(Date.now() / 1000);
  const headers = sign('whsec_a', 'x');
  const after = Math.floor(Date.now() / 1000);
  const timestamp = Number(headers['x-bookto-timestamp']);
  assert.ok(timestamp >= before && timestamp <= after, `${timestamp} in [${before}, ${after}]`);
  assert.equal(headers['x-bookto-signature'], reference('whsec_a', timestamp, 'x'));
});

test('the verifier accepts node:crypto signatures and rejects a flipped byte (300 random cases)', () => {
  for (let i = 0; i < 300; i++) {
    const { secret, timestamp, body } = randomCase();
    if (trimAscii(secret) === '' || trimAscii(secret).startsWith('bk_')) continue;
    const webhook = new Webhook([`whsec_other_${i}`, secret], { tolerance: 300 });
    const headers = { 'x-bookto-timestamp': String(timestamp), 'x-bookto-signature': reference(secret, timestamp, body) };
    const where = `case ${i}: ${JSON.stringify({ secret, timestamp })}`;
    assert.equal(webhook.verifySignature(body, headers, { now: timestamp }), 1, where);

    const bytes = typeof body === 'string' ? Buffer.from(body, 'utf8') : Buffer.from(body);
    if (bytes.length === 0) continue;
    bytes[int(bytes.length)] ^= 1 << int(8);
    assert.throws(() => webhook.verifySignature(bytes, headers, { now: timestamp }), SignatureMismatch, where);
  }
});

test('sign() and node:crypto agree on the sample body', async () => {
  const { sampleBody } = await import('./fixtures.mjs');
  const body = sampleBody();
  assert.equal(body.length, 866);
  const headers = sign('whsec_4sKp9TzQ2mVx7Lr1NcB8eHw3GdY6uFj0', body, { timestamp: 1_764_201_600 });
  assert.equal(headers['x-bookto-signature'], reference('whsec_4sKp9TzQ2mVx7Lr1NcB8eHw3GdY6uFj0', 1_764_201_600, body));
});
