// The wasm demo (./demo.sh): the sample order.paid signed as bookto signs it,
// verified through the WebAssembly build in Node (pkg/, as build.sh leaves it),
// printed, then the usual mistakes failing with their codes.
import { readFileSync, statSync } from 'node:fs';
import { inspect } from 'node:util';
import { Webhook, WebhookVerificationError, isOrderPaid, sign } from '../pkg/index.js';

const wasmFile = new URL('../pkg/bookto_verify_wasm_bg.wasm', import.meta.url);
const secret = 'whsec_4sKp9TzQ2mVx7Lr1NcB8eHw3GdY6uFj0';
const body = readFileSync(new URL('../../fixtures/events/order-paid.json', import.meta.url));
const headers = { 'content-type': 'application/json', 'content-length': String(body.length), ...sign(secret, body) };
const webhook = new Webhook(secret);

console.log(`@bookto/verify-wasm in Node ${process.versions.node} (${statSync(wasmFile).size} byte .wasm)`);
console.log(`webhook: ${inspect(webhook)}`);
console.log(`signed ${body.length} bytes:`, headers);

const event = webhook.verify(body, headers);
console.log('\nverified event:');
console.log(inspect(event, { depth: null, colors: false }));
if (isOrderPaid(event)) {
  console.log(
    `\norder ${event.order_number}: ${event.amount.exact.total_incl} ${event.amount.currency} ` +
      `(number ${event.amount.total_incl}, VAT ${event.amount.exact.vat} at ${event.amount.exact.vat_rate} %)` +
      `, paid ${event.paid_at}, test mode: ${event.is_test_order}`,
  );
}

const text = body.toString('utf8');
const attempts = [
  ['tampered body (1.21 -> 9.21)', text.replace('"total_incl":1.21', '"total_incl":9.21'), headers],
  ['stale timestamp (1 hour old)', body, { ...headers, ...sign(secret, body, { timestamp: Math.floor(Date.now() / 1000) - 3600 }) }],
  ['wrong secret', body, { ...headers, ...sign('whsec_not_the_signing_secret', body) }],
  ['re-serialised body (JSON.stringify(JSON.parse(body), null, 2))', JSON.stringify(JSON.parse(text), null, 2), headers],
];
console.log('\nmistakes:');
for (const [what, tryBody, tryHeaders] of attempts) {
  try {
    webhook.verify(tryBody, tryHeaders);
    console.log(`  ${what}: verified?!`);
    process.exitCode = 1;
  } catch (error) {
    if (!(error instanceof WebhookVerificationError)) throw error;
    console.log(`  ${what}\n    -> ${error.name} (${error.code}): ${error.message}`);
  }
}
