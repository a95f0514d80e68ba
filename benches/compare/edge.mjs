// Contenders every JS runtime has: the wasm build of bookto-verify and the
// runtime's own WebCrypto. Shared by runner.mjs (Node, Deno, Bun) and
// worker.mjs (workerd). Only web APIs here: no Buffer, no node:*.
//
// A contender is { name, group, base, async?, prep?, make }:
//   group  'signature' (signature only), 'verify' (signature + parsed event) or 'floor'
//   base   the contender its ratio is reported against (same runtime and run)
//   prep   raw body bytes -> the input the contender takes (outside the timer)
//   make   async (body) -> fn(input): signs `body` now in the contender's own
//          scheme; fn verifies the input it is given against that signature,
//          so the self-check can pass it a tampered body.

export const SECRET = 'whsec_MfKQ9r4gKGVJnjHM7aZ1bGnIyNCq0GNd';
export const WEBCRYPTO = 'WebCrypto HMAC verify (awaited)';

const encoder = new TextEncoder();

/** What a server hands over besides the signature headers (Node's lower-case object). */
export function headers(body, signature) {
  return {
    host: 'shop.example.com',
    'user-agent': 'bookto-webhooks/1.0',
    'content-type': 'application/json',
    'content-length': String(body.length),
    accept: '*/*',
    'accept-encoding': 'gzip, br',
    'x-forwarded-for': '203.0.113.7',
    'x-forwarded-proto': 'https',
    ...signature,
    connection: 'keep-alive',
  };
}

/** As runner.py's order_paid_of_size: the sample with an unknown `padding` field first, `size` bytes. */
export function orderPaidOfSize(sample, size) {
  if (size <= sample.length) return sample;
  const [head, tail] = [encoder.encode('{"padding":"'), sample.subarray(1)];
  const end = head.length + (size - sample.length - 13); // the padding's end
  const body = new Uint8Array(end + 2 + tail.length);
  body.set(head);
  body.fill(0x78, head.length, end); // 'x'
  body.set(encoder.encode('",'), end);
  body.set(tail, end + 2);
  return body;
}

/** The body with one byte changed (in the middle). */
export function tamper(body) {
  const bad = body.slice();
  bad[bad.length >> 1] ^= 0x01;
  return bad;
}

// Imported on first use: workerd allows no crypto work at a module's top level.
const keys = {};
const hmacKey = (usage) =>
  (keys[usage] ??= crypto.subtle.importKey('raw', encoder.encode(SECRET), { name: 'HMAC', hash: 'SHA-256' }, false, [usage]));

const concat = (a, b) => {
  const out = new Uint8Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
};
const hex = (bytes) => Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
const unhex = (text) => {
  const out = new Uint8Array(text.length >> 1);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(text.slice(2 * i, 2 * i + 2), 16);
  return out;
};

/** bookto's headers, signed with WebCrypto (not with our sign(): ours must accept them). */
export async function booktoHeaders(body) {
  const ts = String(Math.floor(Date.now() / 1000));
  const mac = await crypto.subtle.sign('HMAC', await hmacKey('sign'), concat(encoder.encode(`${ts}.`), body));
  return headers(body, { 'x-bookto-timestamp': ts, 'x-bookto-signature': `sha256=${hex(new Uint8Array(mac))}` });
}

/** The hand-written WebCrypto check, as the issue states it: awaited per call. */
export async function webCryptoVerify(key, body, h) {
  const given = h['x-bookto-signature'];
  if (typeof given !== 'string' || !given.startsWith('sha256=') || given.length !== 71) return false;
  const message = concat(encoder.encode(`${h['x-bookto-timestamp']}.`), body);
  return crypto.subtle.verify('HMAC', key, unhex(given.slice(7)), message);
}

/** WebCrypto and the wasm build (`wasm` is the @bookto/verify-wasm module, or null). */
export function edgeContenders(wasm) {
  const list = [
    {
      name: WEBCRYPTO,
      group: 'signature',
      base: WEBCRYPTO,
      async: true,
      async make(body) {
        const [key, h] = [await hmacKey('verify'), await booktoHeaders(body)];
        return (b) => webCryptoVerify(key, b, h);
      },
    },
  ];
  if (wasm) {
    const webhook = new wasm.Webhook(SECRET);
    list.push(
      {
        name: 'ours wasm verifySignature',
        group: 'signature',
        base: WEBCRYPTO,
        async make(body) {
          const h = await booktoHeaders(body);
          return (b) => webhook.verifySignature(b, h) === 0;
        },
      },
      {
        name: 'ours wasm verify (typed event)',
        group: 'verify',
        base: WEBCRYPTO,
        async make(body) {
          const h = await booktoHeaders(body);
          return (b) => webhook.verify(b, h);
        },
      },
    );
  }
  return list;
}

/** True when fn accepts input: returns (or resolves to) anything but false, without throwing. */
export async function accepts(fn, input) {
  try {
    return (await fn(input)) !== false;
  } catch {
    return false;
  }
}

/** Runs fn(input) n times (awaiting each call when the contender is async). */
export async function loop(contender, fn, input, n) {
  let sink = 0;
  if (contender.async) for (let i = 0; i < n; i++) sink += (await fn(input)) ? 1 : 0;
  else for (let i = 0; i < n; i++) sink += fn(input) ? 1 : 0;
  return sink;
}
