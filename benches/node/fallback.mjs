// The wasm fallback against the native addon, on the 866-byte sample, in one
// run: what a Node user gets where no addon loads (a platform without a
// package, a bundle), compared with the addon.
//
//   node benches/node/fallback.mjs    (after bindings-node/build.sh and bindings-wasm/build.sh)
//
// Both sides are the public API over their backend: native is
// bindings-node/index.js, the fallback is the wasm package's CommonJS entry,
// the same js/api.cjs over backend.cjs that index.js falls back to. Batches
// interleaved, medians of per-call times after warm-up.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const native = require('../../bindings-node/index.js');
const wasm = require('../../bindings-wasm/pkg/index.cjs');
if (native.backend !== 'native' || wasm.backend !== 'wasm') throw new Error(`backends: ${native.backend}, ${wasm.backend}`);

const SECRET = 'whsec_4sKp9TzQ2mVx7Lr1NcB8eHw3GdY6uFj0';
const NOW = 1_764_201_600;
const body = readFileSync(new URL('../../fixtures/events/order-paid.json', import.meta.url));
if (body.length !== 866) throw new Error(`sample is ${body.length} bytes, expected 866`);
const headers = native.sign(SECRET, body, { timestamp: NOW });

const cases = {};
for (const [name, api] of [['native', native], ['wasm', wasm]]) {
  const webhook = new api.Webhook(SECRET);
  cases[`verifySignature ${name}`] = () => webhook.verifySignature(body, headers, { now: NOW });
  cases[`verify ${name}`] = () => webhook.verify(body, headers, { now: NOW });
}

const median = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
const samples = Object.fromEntries(Object.keys(cases).map((name) => [name, []]));
const BATCH = 2000;
for (let round = 0; round < 31; round++) {
  for (const [name, fn] of Object.entries(cases)) {
    const start = process.hrtime.bigint();
    for (let i = 0; i < BATCH; i++) fn();
    const perCall = Number(process.hrtime.bigint() - start) / BATCH / 1000;
    if (round > 0) samples[name].push(perCall); // round 0 warms up
  }
}
const us = (name) => median(samples[name]);
console.log(`Node ${process.version}, 866-byte order.paid, medians of 30 rounds x ${BATCH} calls`);
for (const call of ['verifySignature', 'verify']) {
  const n = us(`${call} native`);
  const w = us(`${call} wasm`);
  console.log(`${call.padEnd(16)} native ${n.toFixed(2)} us   wasm fallback ${w.toFixed(2)} us   ratio ${(w / n).toFixed(2)}x`);
}
