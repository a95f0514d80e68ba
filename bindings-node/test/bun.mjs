// Run with Bun (test.sh: `bun test/bun.mjs` in the installed copy): the same
// native addon, the shared vectors with the dependency-free asserts, and a
// Bun.serve round trip through verifyRequest. Prints "N passed, N failed".
import * as api from '@bookto/verify';
import { runVectors, simpleAssert } from './vectors.mjs';
import { loadFixtures, sampleBody } from './fixtures.mjs';

if (typeof Bun === 'undefined') throw new Error('run this file with bun');

const result = runVectors(api, loadFixtures(), simpleAssert, {
  extraBodyForms: { Buffer: (bytes) => Buffer.from(bytes) },
});
for (const { name, error } of result.failures) console.error(`FAIL ${name}\n  ${error.message}`);

// A Fetch handler on Bun.serve, driven with signed and tampered requests.
const secret = 'whsec_bun_serve_test';
const webhook = new api.Webhook(secret);
const server = Bun.serve({
  hostname: '127.0.0.1',
  port: 0,
  async fetch(request) {
    try {
      const event = await webhook.verifyRequest(request);
      return Response.json({ received: event.event });
    } catch (error) {
      if (error instanceof api.WebhookVerificationError) return Response.json({ error: error.code }, { status: 400 });
      throw error;
    }
  },
});
const body = sampleBody();
const tampered = Buffer.from(body);
tampered[10] ^= 1;
const served = [
  ['signed', body, api.sign(secret, body), 200, { received: 'order.paid' }],
  ['tampered', tampered, api.sign(secret, body), 400, { error: 'signature_mismatch' }],
  ['stale', body, api.sign(secret, body, { timestamp: Math.floor(Date.now() / 1000) - 3600 }), 400, { error: 'timestamp_too_old' }],
];
let servedPassed = 0;
for (const [name, payload, headers, status, json] of served) {
  const response = await fetch(server.url, { method: 'POST', body: payload, headers });
  const got = { status: response.status, json: await response.json() };
  try {
    simpleAssert.deepEqual(got, { status, json }, `Bun.serve ${name}`);
    servedPassed++;
  } catch (error) {
    result.failed++;
    console.error(`FAIL ${error.message}`);
  }
}
server.stop(true);

console.log(`bun ${Bun.version}: ${result.passed} vectors passed, ${servedPassed} Bun.serve requests passed`);
console.log(`${result.passed + servedPassed} passed, ${result.failed} failed`);
process.exit(result.failed === 0 ? 0 : 1);
