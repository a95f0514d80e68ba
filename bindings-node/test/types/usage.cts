// Type-checked by `tsc -p test/types`: the public types as a CommonJS
// (require) consumer sees them.
import verify = require('@bookto/verify');
import express = require('@bookto/verify/express');

const webhook = new verify.Webhook(['whsec_a', 'whsec_b']);
const event: verify.BooktoEvent = webhook.verify('{}', { 'x-bookto-timestamp': '1' }, { now: 1 });
if (verify.isOrderPaid(event)) {
  const total: number = event.amount.total_incl;
  void total;
}
const error: verify.WebhookVerificationError = new verify.SignatureMismatch('m');
const middleware: express.BooktoMiddleware = express.bookto(webhook);
void [error, middleware];
