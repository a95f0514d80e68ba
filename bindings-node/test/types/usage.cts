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
// The README's idiom: eventType narrows in an `if` and in a `switch`.
if (event.eventType === 'order.paid') {
  const paid: verify.OrderPaid = event;
  const exact: string = event.amount.exact.total_incl;
  void [paid, exact];
} else {
  const other: verify.UnknownEvent = event;
  const tag: null = event.eventType;
  void [other, tag];
  // @ts-expect-error amount exists only on OrderPaid
  event.amount;
}
function handle(e: verify.BooktoEvent): string {
  switch (e.eventType) {
    case 'order.paid':
      return e.amount.exact.total_incl;
    default: {
      const other: verify.UnknownEvent = e;
      void other;
      return `ignoring ${e.event}`;
    }
  }
}
void handle;
// @ts-expect-error amount exists only on OrderPaid: narrow first
event.amount;
// @ts-expect-error comparing the name does not narrow (UnknownEvent.event is any string)
if (event.event === 'order.paid') event.amount;
const none: boolean = verify.isOrderPaid(undefined) || verify.isOrderPaid(null);
void none;
const error: verify.WebhookVerificationError = new verify.SignatureMismatch('m');
const middleware: express.BooktoMiddleware = express.bookto(webhook);
void [error, middleware];
