// Which build `import '@bookto/verify'` gets in this runtime, checked against
// the expected entry (argv: the file name `@bookto/verify` should resolve to,
// and the backend it should run on),
// then one signed delivery verified through it and through '@bookto/verify/wasm'.
// Run by test.sh in Node, Deno and Bun with both tarballs installed.
import * as api from '@bookto/verify';
import * as wasm from '@bookto/verify/wasm';

const args = globalThis.Deno ? Deno.args : process.argv.slice(2);
const [expected, expectedBackend] = args;
const resolved = import.meta.resolve('@bookto/verify');
if (!resolved.endsWith(expected)) {
  throw new Error(`@bookto/verify resolved to ${resolved}, expected …${expected}`);
}
if (api.backend !== expectedBackend || wasm.backend !== 'wasm') {
  throw new Error(`backends: @bookto/verify ${api.backend} (expected ${expectedBackend}), /wasm ${wasm.backend}`);
}
const body = '{"event":"order.refunded","order_id":"42"}';
for (const [name, { Webhook, sign, WebhookVerificationError }] of [['@bookto/verify', api], ['@bookto/verify/wasm', wasm]]) {
  const webhook = new Webhook('whsec_routing');
  const headers = sign('whsec_routing', body);
  const event = webhook.verify(body, headers);
  if (event.event !== 'order.refunded') throw new Error(`${name}: got ${JSON.stringify(event)}`);
  let error;
  try {
    webhook.verify(body + ' ', headers);
  } catch (e) {
    error = e;
  }
  // One set of error classes whichever build threw.
  if (!(error instanceof api.WebhookVerificationError) || !(error instanceof WebhookVerificationError) || error.code !== 'signature_mismatch') {
    throw new Error(`${name}: tampered body gave ${error}`);
  }
}
console.log(`routing ok: @bookto/verify -> ${resolved.split('/').slice(-2).join('/')} (${api.backend}), @bookto/verify/wasm verifies too`);
