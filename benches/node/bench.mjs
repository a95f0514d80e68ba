// @bookto/verify against hand-written node:crypto verification, in one run.
//
//   node benches/node/bench.mjs            (after bindings-node/build.sh)
//
// Cases (medians of per-call times after warm-up, candidates interleaved):
//   verifySignature  ours vs createHmac(...).update(ts + '.' + body).digest('hex') + timingSafeEqual
//   verify           ours (typed event) vs that + JSON.parse(body)
//   1 MB             ours verifySignature vs createHash('sha256') of the body alone
// Targets (issue 4): verifySignature <= 0.3x, verify <= 0.8x, 1 MB <= 1.1x.
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { Webhook, sign } = require('../../bindings-node/index.js');

const SECRET = 'whsec_4sKp9TzQ2mVx7Lr1NcB8eHw3GdY6uFj0';
const sampleBuffer = readFileSync(new URL('../../fixtures/events/order-paid.json', import.meta.url));
const sample = sampleBuffer.toString('utf8');
if (sampleBuffer.length !== 866) throw new Error(`sample is ${sampleBuffer.length} bytes, expected 866`);

/** A request's headers as Node's http parser hands them over. */
function nodeHeaders(body) {
  return {
    host: 'shop.example.com',
    'user-agent': 'bookto-webhooks/1.0',
    'content-type': 'application/json',
    'content-length': String(Buffer.byteLength(body)),
    accept: '*/*',
    'accept-encoding': 'gzip, br',
    'x-forwarded-for': '203.0.113.7',
    'x-forwarded-proto': 'https',
    ...sign(SECRET, body),
    connection: 'keep-alive',
  };
}

const webhook = new Webhook(SECRET);
const headers = nodeHeaders(sample);

/** bookto's documented snippet, hardened with timingSafeEqual. */
function baselineVerifySignature(body, h) {
  const ts = h['x-bookto-timestamp'];
  const expected = Buffer.from(`sha256=${createHmac('sha256', SECRET).update(ts + '.' + body).digest('hex')}`);
  const given = Buffer.from(h['x-bookto-signature']);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

function baselineVerify(body, h) {
  if (!baselineVerifySignature(body, h)) throw new Error('mismatch');
  return JSON.parse(body);
}

const big = Buffer.alloc(1024 * 1024, 'a');
const bigText = big.toString('latin1');
const bigHeaders = nodeHeaders(big);

let sink = 0;
const consume = (value) => {
  sink = (sink + (typeof value === 'number' ? value : value ? 1 : 0)) | 0;
};

/**
 * Per-call nanoseconds of each candidate: `rounds` rounds, each running every
 * candidate for `batch` calls in turn (the order rotates every round, so a
 * noisy neighbour hits all candidates alike); returns the medians.
 */
function measure(candidates, { batch, rounds, warmup }) {
  for (const fn of Object.values(candidates)) for (let i = 0; i < warmup; i++) consume(fn());
  const samples = Object.fromEntries(Object.keys(candidates).map((name) => [name, []]));
  const entries = Object.entries(candidates);
  for (let r = 0; r < rounds; r++) {
    for (let k = 0; k < entries.length; k++) {
      const [name, fn] = entries[(r + k) % entries.length];
      const start = process.hrtime.bigint();
      for (let i = 0; i < batch; i++) consume(fn());
      samples[name].push(Number(process.hrtime.bigint() - start) / batch);
    }
  }
  const median = (xs) => {
    const s = [...xs].sort((a, b) => a - b);
    return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
  };
  return Object.fromEntries(Object.entries(samples).map(([name, xs]) => [name, median(xs)]));
}

const fmt = (ns) => (ns >= 1e6 ? `${(ns / 1e6).toFixed(3)} ms` : ns >= 1e3 ? `${(ns / 1e3).toFixed(2)} us` : `${ns.toFixed(0)} ns`);
const results = [];

function report(title, times, baseline, target, note = '') {
  console.log(`\n${title}${note}`);
  for (const [name, ns] of Object.entries(times)) {
    const ratio = ns / times[baseline];
    console.log(`  ${name.padEnd(44)} ${fmt(ns).padStart(10)}   ${name === baseline ? 'baseline' : `${ratio.toFixed(3)}x`}`);
  }
  for (const [name, ns] of Object.entries(times)) {
    if (name === baseline || !name.startsWith('ours')) continue;
    const ratio = ns / times[baseline];
    results.push({ title, name, ratio, target, ok: ratio <= target });
  }
}

// Sanity: every candidate gives the right answer before it is timed.
if (webhook.verifySignature(sample, headers) !== 0 || !baselineVerifySignature(sample, headers)) throw new Error('setup');
if (webhook.verify(sampleBuffer, headers).amount.exact.total_incl !== '1.21') throw new Error('setup');
if (webhook.verifySignature(big, bigHeaders) !== 0) throw new Error('setup');

console.log(`node ${process.version}, ${process.arch}; sample ${sampleBuffer.length} bytes; medians of interleaved rounds`);

report(
  'verifySignature (866-byte order.paid)',
  measure(
    {
      'baseline: createHmac + timingSafeEqual': () => baselineVerifySignature(sample, headers),
      'ours: verifySignature(string, req.headers)': () => webhook.verifySignature(sample, headers),
      'ours: verifySignature(Buffer, req.headers)': () => webhook.verifySignature(sampleBuffer, headers),
    },
    { batch: 200, rounds: 301, warmup: 20000 },
  ),
  'baseline: createHmac + timingSafeEqual',
  0.3,
);

report(
  'verify (866-byte order.paid, typed event)',
  measure(
    {
      'baseline: createHmac + timingSafeEqual + JSON.parse': () => baselineVerify(sample, headers).order_id.length,
      'ours: verify(string, req.headers)': () => webhook.verify(sample, headers).order_id.length,
      'ours: verify(Buffer, req.headers)': () => webhook.verify(sampleBuffer, headers).order_id.length,
    },
    { batch: 100, rounds: 301, warmup: 10000 },
  ),
  'baseline: createHmac + timingSafeEqual + JSON.parse',
  0.8,
);

report(
  '1 MB body',
  measure(
    {
      "baseline: createHash('sha256') alone": () => createHash('sha256').update(big).digest().length,
      'ours: verifySignature(Buffer 1 MB)': () => webhook.verifySignature(big, bigHeaders),
    },
    { batch: 2, rounds: 101, warmup: 20 },
  ),
  "baseline: createHash('sha256') alone",
  1.1,
  '',
);
const bigTimes = measure(
  { 'ours: verifySignature(string 1 MB)': () => webhook.verifySignature(bigText, bigHeaders) },
  { batch: 5, rounds: 11, warmup: 5 },
);
console.log(`  (for reference) ${'ours: verifySignature(string 1 MB)'.padEnd(28)} ${fmt(bigTimes['ours: verifySignature(string 1 MB)'])}: the string is UTF-8 encoded first`);

console.log('\nratios vs targets');
for (const { title, name, ratio, target, ok } of results) {
  console.log(`  ${ok ? 'ok  ' : 'MISS'} ${ratio.toFixed(3)}x <= ${target}x  ${title}: ${name}`);
}
if (sink === 42) console.log('');
