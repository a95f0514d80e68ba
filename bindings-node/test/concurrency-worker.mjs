// The deliveries of concurrency.test.mjs and the worker that verifies them.
//
// Imported by the test (main thread) for the plan and the expected counts;
// run as a worker_threads Worker, it loads the installed package, builds its
// own Webhook from the same secrets (a native object cannot cross threads),
// verifies its share of the deliveries and posts back the counts per outcome
// and any delivery whose outcome differs from the plan's.
import { isMainThread, parentPort, workerData } from 'node:worker_threads';

export const DELIVERIES = 100_000;
export const SECRET = 'whsec_workers_0123456789';
export const OLD_SECRET = 'whsec_workers_old_9876543210';
export const NOW = 1_764_201_600;

// What each kind of delivery must give: [verifySignature, verify].
export const EXPECTED = {
  valid: ['0', 'order'],
  'valid-old-secret': ['1', 'order'],
  'valid-large': ['0', 'bulk'], // 16 KB bodies shared by every worker (SharedArrayBuffer)
  tampered: ['signature_mismatch', 'signature_mismatch'],
  'tampered-large': ['signature_mismatch', 'signature_mismatch'],
  'wrong-secret': ['signature_mismatch', 'signature_mismatch'],
  stale: ['timestamp_too_old', 'timestamp_too_old'],
  future: ['timestamp_too_new', 'timestamp_too_new'],
  'bad-signature-header': ['invalid_signature_header', 'invalid_signature_header'],
  'missing-header': ['missing_header', 'missing_header'],
  'not-an-event': ['0', 'invalid_payload'],
};
export const KINDS = Object.keys(EXPECTED).sort();

/** The kind of every delivery: a fixed, reproducible pseudo-random mix. */
export function plan() {
  let state = 20251127;
  const next = () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state;
  };
  return Array.from({ length: DELIVERIES }, () => KINDS[next() % KINDS.length]);
}

/** The expected count of each "[verifySignature, verify]" outcome. */
export function expectedCounts(kinds) {
  const counts = {};
  for (const kind of kinds) {
    const key = EXPECTED[kind].join(' / ');
    counts[key] = (counts[key] ?? 0) + 1;
  }
  return counts;
}

/** Eight 16 KB unknown-event bodies in one SharedArrayBuffer: [shared, offsets]. */
export function largeBodies() {
  const encoder = new TextEncoder();
  const bodies = Array.from({ length: 8 }, (_, n) => encoder.encode(JSON.stringify({ event: 'bulk', n, pad: 'z'.repeat(16 * 1024) })));
  const shared = new SharedArrayBuffer(bodies.reduce((sum, b) => sum + b.length, 0));
  const offsets = [];
  let at = 0;
  for (const b of bodies) {
    new Uint8Array(shared, at, b.length).set(b);
    offsets.push([at, b.length]);
    at += b.length;
  }
  return { shared, offsets };
}

async function work({ index, workers, kinds, shared, offsets, sample }) {
  const { Webhook, sign, WebhookVerificationError } = await import('@bookto/verify');
  const webhook = new Webhook([SECRET, OLD_SECRET]);
  const large = offsets.map(([at, length]) => new Uint8Array(shared, at, length));
  const text = new TextDecoder().decode(sample);
  const counts = {};
  const wrong = [];
  for (let i = index; i < kinds.length; i += workers) {
    const kind = kinds[i];
    const number = `ORD-${String(i).padStart(10, '0')}`;
    let body = text.replace('ORD-2025-11-004817', number);
    const now = NOW + (i % 1000);
    let timestamp = now;
    let secret = SECRET;
    if (kind === 'valid-old-secret') secret = OLD_SECRET;
    else if (kind === 'valid-large' || kind === 'tampered-large') body = large[i % large.length];
    else if (kind === 'wrong-secret') secret = 'whsec_someone_else_000000';
    else if (kind === 'stale') timestamp = now - 301 - (i % 50);
    else if (kind === 'future') timestamp = now + 301 + (i % 50);
    else if (kind === 'not-an-event') body = `["${number}"]`;
    const headers = sign(secret, body, { timestamp });
    if (kind === 'tampered') body = `${body.slice(0, -1)} `;
    else if (kind === 'tampered-large') body = body.subarray(0, -1);
    else if (kind === 'bad-signature-header') headers['x-bookto-signature'] = headers['x-bookto-signature'].slice(0, -1);
    else if (kind === 'missing-header') delete headers['x-bookto-timestamp'];
    let signature;
    try {
      signature = String(webhook.verifySignature(body, headers, { now }));
    } catch (error) {
      if (!(error instanceof WebhookVerificationError)) throw error;
      signature = error.code;
    }
    let result;
    try {
      const event = webhook.verify(body, headers, { now });
      result = event.event === 'order.paid' ? (event.order_number === number ? 'order' : `order ${event.order_number} for ${number}`) : event.event;
    } catch (error) {
      if (!(error instanceof WebhookVerificationError)) throw error;
      result = error.code;
    }
    const key = `${signature} / ${result}`;
    counts[key] = (counts[key] ?? 0) + 1;
    if (key !== EXPECTED[kind].join(' / ') && wrong.length < 10) wrong.push(`#${i} ${kind}: ${key}`);
  }
  return { index, counts, wrong };
}

if (!isMainThread && parentPort) {
  work(workerData).then(
    (result) => parentPort.postMessage(result),
    (error) => parentPort.postMessage({ error: String(error && error.stack) }),
  );
}
