// Resource bounds through the Node package (issue 7, item 6): hostile sizes
// get their error code quickly, and a 100 MB body is verified in place.
//
// Each case asserts the exact outcome and a time bound generous enough for a
// noisy, shared 2-core machine (LIMIT_MS). The measured figures are written
// as test diagnostics (`TIME node ...`, `PEAK node ...`) so they can be
// quoted. Peak memory is measured in a child process (memory-child.mjs): the
// resident set's high-water mark during one call minus the resident set just
// before it (the body already in memory).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

import { Webhook, sign, parseEvent, WebhookVerificationError } from '@bookto/verify';
import { sampleBody } from './fixtures.mjs';

const LIMIT_MS = 2000;
const MB = 1024 * 1024;
const SECRET = 'whsec_bounds_0123456789';
const NOW = 1_764_201_600;
const BODY = sampleBody();
const SIGNED = sign(SECRET, BODY, { timestamp: NOW });
const TS = SIGNED['x-bookto-timestamp'];
const SIG = SIGNED['x-bookto-signature'];
const webhook = new Webhook(SECRET);
const at = { now: NOW };

/** Runs `call`; `expected` is an error code or a value; reports the time. */
function check(t, name, call, expected) {
  const start = performance.now();
  let result;
  try {
    result = call();
  } catch (error) {
    if (!(error instanceof WebhookVerificationError)) throw error;
    result = { code: error.code, message: error.message };
  }
  const ms = performance.now() - start;
  t.diagnostic(`TIME node ${name}: ${ms.toFixed(1)} ms`);
  if (typeof expected === 'string' && expected.includes('_')) {
    assert.equal(result && result.code, expected, `${name}: ${JSON.stringify(result)}`);
  } else {
    assert.deepEqual(result, expected, name);
  }
  assert.ok(ms < LIMIT_MS, `${name} took ${ms.toFixed(0)} ms`);
}

// --- the signature header ---

const ONE_MB_SIGNATURES = {
  'zeros after sha256=': [`sha256=${'0'.repeat(MB)}`, 'invalid_signature_header'],
  'valid entries, repeated': [`${SIG},`.repeat(Math.floor(MB / (SIG.length + 1))), 'invalid_signature_header'],
  'no comma, no equals': ['x'.repeat(MB), 'invalid_signature_header'],
  'only commas': [','.repeat(MB), 'invalid_signature_header'],
  'only spaces': [' '.repeat(MB), 'invalid_signature_header'],
  'one entry, then a 1 MB scheme value': [`${SIG},v1=${'a'.repeat(MB)}`, 0],
  '2 MB of whitespace around a valid signature': [`${' '.repeat(MB)}${SIG}${'\t'.repeat(MB)}`, 0],
};

test('a 1 MB signature header gives its answer quickly', (t) => {
  for (const [name, [value, expected]] of Object.entries(ONE_MB_SIGNATURES)) {
    assert.ok(value.length >= MB - 100);
    check(t, `1 MB signature header (${name})`, () => webhook.verifySignature(BODY, { 'x-bookto-timestamp': TS, 'x-bookto-signature': value }, at), expected);
    check(t, `1 MB signature header in a Map (${name})`, () => webhook.verifySignature(BODY, new Map([['x-bookto-timestamp', TS], ['X-Bookto-Signature', value]]), at), expected);
  }
  // Fetch Headers trims whitespace (an all-space value becomes empty): only the grammar errors here
  const fetchHeaders = new Headers({ 'x-bookto-timestamp': TS, 'x-bookto-signature': `sha256=${'0'.repeat(MB)}` });
  check(t, '1 MB signature header in Fetch Headers', () => webhook.verifySignature(BODY, fetchHeaders, at), 'invalid_signature_header');
});

test('a signature header with 100k entries gives its answer quickly', (t) => {
  const entries = [...Array(99_999).fill('v1=a'), SIG];
  check(t, 'signature header with 100k entries (one string)', () => webhook.verifySignature(BODY, { 'x-bookto-timestamp': TS, 'x-bookto-signature': entries.join(',') }, at), 'invalid_signature_header');
  check(t, 'signature header with 100k values (an array)', () => webhook.verifySignature(BODY, { 'x-bookto-timestamp': TS, 'x-bookto-signature': entries }, at), 'invalid_signature_header');
  check(t, 'x-bookto-timestamp with 100k values (an array)', () => webhook.verifySignature(BODY, { 'x-bookto-timestamp': Array(100_000).fill(TS), 'x-bookto-signature': SIG }, at), 'invalid_timestamp');
  check(t, '16 entries, the last one valid', () => webhook.verifySignature(BODY, { 'x-bookto-timestamp': TS, 'x-bookto-signature': [...Array(15).fill('v1=a'), SIG].join(',') }, at), 0);
});

// --- the header map ---

/** About 10 MB of headers that are not bookto's: 100k names of `length` characters, 100-byte values. */
function tenMegabyteHeaders(length) {
  const value = 'v'.repeat(100);
  const pairs = [];
  for (let i = 0; i < 100_000; i++) pairs.push([`x-h-${String(i).padStart(6, '0')}${'-'.repeat(length)}`.slice(0, length), value]);
  assert.equal(new Set(pairs.map(([k]) => k)).size, 100_000);
  assert.ok(pairs.reduce((n, [k, v]) => n + k.length + v.length, 0) >= 10_000_000);
  return pairs;
}

for (const length of [12, 14, 18]) {
  test(`a 10 MB header map (names of ${length} characters) gives its answer quickly`, (t) => {
    const pairs = tenMegabyteHeaders(length);
    const object = Object.fromEntries([...pairs, ...Object.entries(SIGNED)]);
    check(t, `10 MB header object, names of ${length} chars, signed`, () => webhook.verifySignature(BODY, object, at), 0);
    check(t, `10 MB header Map, names of ${length} chars, signed`, () => webhook.verifySignature(BODY, new Map([...pairs, ...Object.entries(SIGNED)]), at), 0);
    check(t, `10 MB header object, names of ${length} chars, no bookto header`, () => webhook.verifySignature(BODY, Object.fromEntries(pairs), at), 'missing_header');
    const fetchHeaders = new Headers(pairs);
    for (const [k, v] of Object.entries(SIGNED)) fetchHeaders.set(k, v);
    check(t, `10 MB Fetch Headers, names of ${length} chars, signed`, () => webhook.verifySignature(BODY, fetchHeaders, at), 0);
  });
}

test('10 MB header values give their answer quickly', (t) => {
  const big = '1'.repeat(10 * MB);
  check(t, '10 MB x-bookto-timestamp', () => webhook.verifySignature(BODY, { ...SIGNED, 'x-bookto-timestamp': big }, at), 'invalid_timestamp');
  check(t, '10 MB content-length on a tampered body', () => webhook.verifySignature(Buffer.concat([BODY, Buffer.from(' ')]), { ...SIGNED, 'content-length': big }, at), 'signature_mismatch');
  check(t, '10 MB x-bookto-signature', () => webhook.verifySignature(BODY, { ...SIGNED, 'x-bookto-signature': `sha256=${'a'.repeat(10 * MB)}` }, at), 'invalid_signature_header');
});

// --- deeply nested JSON, correctly signed ---

/** An unknown event whose "d" field nests arrays or objects: `levels` levels in all. */
function nested(levels, kind) {
  const depth = levels - 1;
  const inner = kind === 'arrays' ? '['.repeat(depth) + ']'.repeat(depth) : '{"a":'.repeat(depth - 1) + '{}' + '}'.repeat(depth - 1);
  return `{"event":"deep","d":${inner}}`;
}

for (const kind of ['arrays', 'objects']) {
  test(`deeply nested JSON (${kind}) reaches the parser and is refused quickly`, (t) => {
    for (const levels of [128, 129, 10_000, 1_000_000]) {
      const body = nested(levels, kind);
      const headers = sign(SECRET, body, { timestamp: NOW });
      check(t, `signature of a body nested ${levels} deep (${kind})`, () => webhook.verifySignature(body, headers, at), 0);
      if (levels <= 128) {
        // DECISIONS P3: 128 levels pass
        assert.equal(webhook.verify(body, headers, at).event, 'deep');
        continue;
      }
      check(t, `verify of a body nested ${levels} deep (${kind})`, () => webhook.verify(body, headers, at), 'invalid_payload');
      check(t, `parseEvent of a body nested ${levels} deep (${kind})`, () => parseEvent(body), 'invalid_payload');
      assert.throws(() => webhook.verify(Buffer.from(body), headers, at), { code: 'invalid_payload', message: /nested too deeply/ });
    }
  });
}

test('brackets inside a string do not count as nesting', (t) => {
  const body = `{"event":"brackets","s":"${'['.repeat(MB)}"}`;
  check(t, '1 MB of [ inside a string', () => webhook.verify(body, sign(SECRET, body, { timestamp: NOW }), at).event, 'brackets');
});

// --- a 100 MB body ---

test('a 100 MB body verifies quickly and a tampered one fails', (t) => {
  const body = Buffer.alloc(100 * MB, 'x');
  Buffer.from('{"event":"bulk","pad":"').copy(body, 0);
  Buffer.from('"}').copy(body, body.length - 2);
  let headers;
  check(t, 'sign 100 MB', () => {
    headers = sign(SECRET, body, { timestamp: NOW });
    return true;
  }, true);
  check(t, 'verifySignature 100 MB (Buffer)', () => webhook.verifySignature(body, headers, at), 0);
  check(t, 'verifySignature 100 MB (ArrayBuffer)', () => webhook.verifySignature(body.buffer.byteLength === body.length ? body.buffer : new Uint8Array(body), headers, at), 0);
  check(t, 'verify 100 MB (unknown event)', () => webhook.verify(body, headers, at).event, 'bulk');
  body[body.length >> 1] ^= 1;
  check(t, 'verifySignature 100 MB tampered', () => webhook.verifySignature(body, headers, at), 'signature_mismatch');
  body[body.length >> 1] ^= 1;
  check(t, 'verifySignature 100 MB less its last byte', () => webhook.verifySignature(body.subarray(0, -1), headers, at), 'signature_mismatch');
  check(t, 'verifySignature 100 MB, stale (no hashing)', () => webhook.verifySignature(body, headers, { now: NOW + 301 }), 'timestamp_too_old');
});

const child = fileURLToPath(new URL('./memory-child.mjs', import.meta.url));

// [form, call, allowed extra MB, expected result]. Byte bodies are read in
// place; a string is encoded to UTF-8 once (one body's size, by design). An
// unknown event's data is the whole body: verify() returns it as a JS object
// (the JSON text crosses from the backend, then JSON.parse), reported here,
// bounded at twice the body.
const PEAK_CASES = [
  ['Buffer', 'verifySignature', 10, 0],
  ['Uint8Array', 'verifySignature', 10, 0],
  ['ArrayBuffer', 'verifySignature', 10, 0],
  ['DataView', 'verifySignature', 10, 0],
  ['Buffer', 'tampered', 10, 'signature_mismatch'],
  ['Buffer', 'sign', 10, true],
  ['Buffer', 'verify-order', 10, 'order.paid'],
  ['string', 'verifySignature', 100 + 10, 0],
  ['Buffer', 'verify', 200 + 10, 'bulk'],
];

for (const [form, call, allowed, expected] of PEAK_CASES) {
  test(`peak memory: ${call} of a 100 MB ${form} body stays within +${allowed} MB`, (t) => {
    const out = execFileSync(process.execPath, ['--expose-gc', child, form, '100', call], { encoding: 'utf8', timeout: 120_000 });
    const f = JSON.parse(out);
    t.diagnostic(
      `PEAK node ${form} 100MB ${call}: +${f.extra_mb.toFixed(1)} MB (rss ${f.rss_before_mb.toFixed(1)} -> peak ${f.peak_rss_mb.toFixed(1)} MB, ` +
        `baseline before the body ${f.baseline_rss_mb.toFixed(1)} MB; arrayBuffers ${f.before.arrayBuffers.toFixed(1)} -> ${f.after.arrayBuffers.toFixed(1)} MB; ` +
        `${(f.seconds * 1000).toFixed(0)} ms; ${f.method})`,
    );
    assert.deepEqual(f.result, expected);
    assert.ok(f.extra_mb <= allowed, JSON.stringify(f));
    assert.ok(f.seconds * 1000 < LIMIT_MS, JSON.stringify(f));
  });
}
