// The measurements, runtime-agnostic (Node, Deno, Bun; workerd uses
// worker.mjs instead, its clock is frozen during CPU work): wasm
// verifySignature through the public API vs the awaited WebCrypto HMAC
// verify, in the same run, batches interleaved, medians after warm-up.

const SECRET = 'whsec_bench_4sKp9TzQ2mVx7Lr1NcB8eHw3';
const NOW = 1_764_201_600;
const encoder = new TextEncoder();

function hexBytes(hex) {
  const out = new Uint8Array(hex.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(hex.slice(2 * i, 2 * i + 2), 16);
  return out;
}

function concat(a, b) {
  const out = new Uint8Array(a.length + b.length);
  out.set(a, 0);
  out.set(b, a.length);
  return out;
}

function median(values) {
  const sorted = [...values].sort((x, y) => x - y);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/**
 * Everything both sides need, prepared once: the webhook and signed headers
 * for wasm; for WebCrypto the key imported once, the signature as bytes and
 * the signed message `<timestamp>.<body>` already built (so the baseline is
 * the bare HMAC verify, while the wasm call also parses the headers, checks
 * the window and the signature header); `webcryptoReceiver` adds the per
 * request work a WebCrypto receiver cannot skip.
 */
export async function prepare(api, body) {
  const headers = api.sign(SECRET, body, { timestamp: NOW });
  const webhook = new api.Webhook(SECRET);
  const options = { now: NOW };
  if (webhook.verifySignature(body, headers, options) !== 0) throw new Error('wasm did not verify');
  const key = await crypto.subtle.importKey('raw', encoder.encode(SECRET), { name: 'HMAC', hash: 'SHA-256' }, false, ['verify']);
  const signature = hexBytes(headers['x-bookto-signature'].slice('sha256='.length));
  const data = concat(encoder.encode(`${NOW}.`), body);
  if (!(await crypto.subtle.verify('HMAC', key, signature, data))) throw new Error('WebCrypto did not verify');
  return {
    wasm: () => webhook.verifySignature(body, headers, options),
    webcrypto: () => crypto.subtle.verify('HMAC', key, signature, data),
    // What a WebCrypto receiver does per request on top: decode the hex
    // signature and build `<timestamp>.<body>` (still no window check).
    webcryptoReceiver: () => {
      const sig = hexBytes(headers['x-bookto-signature'].slice('sha256='.length));
      const message = concat(encoder.encode(`${headers['x-bookto-timestamp']}.`), body);
      return crypto.subtle.verify('HMAC', key, sig, message);
    },
    verify: () => webhook.verify(body, headers, options),
  };
}

/** A body of `size` bytes that is valid JSON (for `verify`) and signed. */
export function bigBody(size) {
  const head = encoder.encode('{"event":"bulk","pad":"');
  const tail = encoder.encode('"}');
  const body = new Uint8Array(size).fill(0x61);
  body.set(head, 0);
  body.set(tail, size - tail.length);
  return body;
}

/**
 * Medians in microseconds per call. Sync functions run `syncBatch` calls per
 * timed batch, async ones `asyncBatch` awaited calls; batches of all cases are
 * interleaved `rounds` times after one warm-up round.
 */
export async function run(cases, { rounds = 25, syncBatch = 2000, asyncBatch = 200, clock = () => performance.now() } = {}) {
  const samples = Object.fromEntries(Object.keys(cases).map((name) => [name, []]));
  for (let round = -1; round < rounds; round++) {
    for (const [name, { fn, async: isAsync, batch }] of Object.entries(cases)) {
      const n = batch ?? (isAsync ? asyncBatch : syncBatch);
      const start = clock();
      if (isAsync) {
        for (let i = 0; i < n; i++) await fn();
      } else {
        for (let i = 0; i < n; i++) fn();
      }
      const perCall = ((clock() - start) * 1000) / n;
      if (round >= 0) samples[name].push(perCall);
    }
  }
  return Object.fromEntries(Object.entries(samples).map(([name, values]) => [name, median(values)]));
}
