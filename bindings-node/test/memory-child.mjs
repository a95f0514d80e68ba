// Measures the memory one call takes for a large body, in a process of its own:
//
//   node --expose-gc test/memory-child.mjs FORM SIZE_MB CALL
//
// FORM is how the body is passed (Buffer, Uint8Array, ArrayBuffer, DataView,
// string), CALL is verifySignature, tampered (verifySignature of a body with
// one byte changed), sign, verify-order (an order.paid padded with a large
// unknown field) or verify (an unknown event: its data is the whole body).
// Prints one JSON object: process.memoryUsage() before and after the call
// (rss, arrayBuffers, external), the peak resident set during the call
// (VmHWM, reset through /proc/self/clear_refs just before it) and the call's
// time. Run by resource-bounds.test.mjs.
import { readFileSync, writeFileSync } from 'node:fs';

import { Webhook, sign, SignatureMismatch } from '@bookto/verify';
import { sampleBody } from './fixtures.mjs';

const MB = 1024 * 1024;
const SECRET = 'whsec_memory_probe_0123456789';
const NOW = 1_764_201_600;
const [form, sizeArg, call] = process.argv.slice(2);
const size = Number(sizeArg) * MB;

function statusMb(field) {
  const line = readFileSync('/proc/self/status', 'utf8').split('\n').find((l) => l.startsWith(`${field}:`));
  return Number(line.split(/\s+/)[1]) / 1024;
}

function resetPeak() {
  try {
    writeFileSync('/proc/self/clear_refs', '5');
    return true;
  } catch {
    return false;
  }
}

const mb = (usage) => Object.fromEntries(['rss', 'arrayBuffers', 'external', 'heapUsed'].map((k) => [k, usage[k] / MB]));

const baselineRss = statusMb('VmRSS');
// The body: one allocation, filled in place.
const [head, tail] =
  call === 'verify-order'
    ? [Buffer.from('{"pad":"'), Buffer.concat([Buffer.from('",'), sampleBody().subarray(1)])]
    : [Buffer.from('{"event":"bulk","pad":"'), Buffer.from('"}')];
const buffer = Buffer.alloc(size, 'x');
head.copy(buffer, 0);
tail.copy(buffer, size - tail.length);
const headers = sign(SECRET, buffer, { timestamp: NOW });
if (call === 'tampered') buffer[size >> 1] ^= 1;
const webhook = new Webhook(SECRET);

let body;
if (form === 'Buffer') body = buffer;
else if (form === 'Uint8Array') body = new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.length);
else if (form === 'ArrayBuffer') body = buffer.buffer.byteLength === size ? buffer.buffer : undefined;
else if (form === 'DataView') body = new DataView(buffer.buffer, buffer.byteOffset, buffer.length);
else if (form === 'string') body = buffer.toString('latin1');
if (body === undefined) throw new Error(`cannot make a ${form} body`);

function run() {
  if (call === 'verifySignature') return webhook.verifySignature(body, headers, { now: NOW });
  if (call === 'verify' || call === 'verify-order') return webhook.verify(body, headers, { now: NOW }).event;
  if (call === 'sign') return sign(SECRET, body, { timestamp: NOW })['x-bookto-signature'] === headers['x-bookto-signature'];
  if (call === 'tampered') {
    try {
      webhook.verifySignature(body, headers, { now: NOW });
      return 'accepted';
    } catch (error) {
      return error instanceof SignatureMismatch ? error.code : String(error);
    }
  }
  throw new Error(`unknown call ${call}`);
}

globalThis.gc?.();
const reset = resetPeak();
const before = process.memoryUsage();
const rssBefore = statusMb('VmRSS');
const start = performance.now();
const result = run();
const seconds = (performance.now() - start) / 1000;
const peak = reset ? statusMb('VmHWM') : process.resourceUsage().maxRSS / 1024;
const after = process.memoryUsage();

console.log(
  JSON.stringify({
    form,
    call,
    body_mb: size / MB,
    result,
    seconds,
    baseline_rss_mb: baselineRss,
    rss_before_mb: rssBefore,
    peak_rss_mb: peak,
    extra_mb: peak - rssBefore,
    before: mb(before),
    after: mb(after),
    method: reset ? 'VmHWM after clear_refs' : 'maxRSS (not reset: an upper bound)',
  }),
);
