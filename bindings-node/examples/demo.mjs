// The Node demo (./demo.sh): sign the sample order.paid event as bookto does,
// verify it, print the typed event, then show what each common mistake gives.
// With a path argument it demonstrates that build of the same API instead
// (bindings-wasm/demo.sh passes the wasm package's entry).
import { readFileSync } from 'node:fs';
import { inspect } from 'node:util';
import { pathToFileURL } from 'node:url';

const entry = process.argv[2];
const { Webhook, WebhookVerificationError, isOrderPaid, sign, backend } = entry
  ? await import(pathToFileURL(entry).href)
  : await import('@bookto/verify');
console.log(`${entry ? entry.replace(/.*bindings-/, 'bindings-') : '@bookto/verify'} (${backend}) in Node ${process.versions.node}`);

const secret = 'whsec_4sKp9TzQ2mVx7Lr1NcB8eHw3GdY6uFj0';
const body = readFileSync(new URL('../../fixtures/events/order-paid.json', import.meta.url));
const headers = { 'content-type': 'application/json', 'content-length': String(body.length), ...sign(secret, body) };
const webhook = new Webhook(secret);

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
