// Type-checked by `tsc -p test/types` (test.sh): the public types as an ES
// module consumer sees them. `@ts-expect-error` lines must fail to compile.
import type { IncomingHttpHeaders } from 'node:http';
import express from 'express';
import Fastify from 'fastify';
import {
  Webhook, sign, parseEvent, isOrderPaid, ERROR_CODES,
  WebhookVerificationError, WebhookConfigError, SignatureMismatch,
  type BooktoEvent, type OrderPaid, type UnknownEvent, type VerificationErrorCode, type SignedHeaders,
} from '@bookto/verify';
import { bookto as booktoExpress } from '@bookto/verify/express';
import { bookto as booktoFastify } from '@bookto/verify/fastify';

type Equals<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
function assertType<T extends true>(_: T): void {}

const webhook = new Webhook(process.env.BOOKTO_WEBHOOK_SECRET ?? '', { tolerance: 300 });
new Webhook(['whsec_new', 'whsec_old'], { tolerance: null });
new Webhook('whsec', { tolerance: 10n });
// @ts-expect-error a number is not a secret
new Webhook(42);
// @ts-expect-error tolerance is seconds, not text
new Webhook('whsec', { tolerance: '300' });

declare const nodeHeaders: IncomingHttpHeaders;
declare const raw: Buffer;
const event = webhook.verify(raw, nodeHeaders);
assertType<Equals<typeof event, BooktoEvent>>(true);
webhook.verify('{}', new Headers(), { now: 1_764_201_600 });
webhook.verify(new Uint8Array(), { 'x-bookto-signature': ['a', 'b'] }, { now: 1n });
webhook.verify(new ArrayBuffer(0), new Map<string, string>());
// @ts-expect-error an already-parsed body is not a raw body
webhook.verify({ event: 'order.paid' }, nodeHeaders);
// @ts-expect-error now is Unix seconds
webhook.verify(raw, nodeHeaders, { now: new Date() });
const index: number = webhook.verifySignature(raw, nodeHeaders);

// Narrowing, the idiom the READMEs show: `eventType` is a literal on every
// event ('order.paid', null for an UnknownEvent), so an `if` and a `switch`
// narrow on it under strict.
if (event.eventType === 'order.paid') {
  assertType<Equals<typeof event, OrderPaid>>(true);
  const total: number = event.amount.total_incl;
  const exact: string = event.amount.exact.total_incl;
  const company: string | null = event.buyer.company;
  const entity: string | null = event.seller.entity;
  const test: boolean = event.is_test_order;
  const created: string = event.created_at;
  void [total, exact, company, entity, test, created];
} else {
  assertType<Equals<typeof event, UnknownEvent>>(true);
  const name: string = event.event;
  const data: unknown = event.data['anything'];
  void [name, data];
  // @ts-expect-error amount exists only on OrderPaid, and this branch is not one
  event.amount;
}
const eventType: 'order.paid' | null = event.eventType;
void eventType;

/** The README's switch: a case per event handled, a `default` that reads only `event.event`. */
function handle(event: BooktoEvent): string {
  switch (event.eventType) {
    case 'order.paid':
      assertType<Equals<typeof event, OrderPaid>>(true);
      return `${event.order_number} ${event.amount.exact.total_incl} ${event.amount.currency}`;
    default:
      assertType<Equals<typeof event, UnknownEvent>>(true);
      // @ts-expect-error order_number exists only on OrderPaid
      event.order_number;
      return `ignoring ${event.event}`; // every event has its name in `event`
  }
}
void handle;

// Exhaustive today: with a case for each eventType, `default` is `never`...
function exhaustive(event: BooktoEvent): string {
  switch (event.eventType) {
    case 'order.paid':
      return event.order_number;
    case null:
      assertType<Equals<typeof event, UnknownEvent>>(true);
      return Object.keys(event.data).join();
    default: {
      const unreachable: never = event;
      return unreachable;
    }
  }
}
void exhaustive;
// @ts-expect-error a misspelt event name is not an eventType
((e: BooktoEvent) => { switch (e.eventType) { case 'order.payd': break; } })(event);

// ...but a later version adds event types. Modelled here as one more member of
// the union, as a release typing order.refunded would add it: the README's
// switch (its body copied from handle above) still compiles, while a `never`
// check in `default` stops compiling. So the READMEs show `default`, no `never`.
interface OrderRefundedOfALaterVersion {
  readonly eventType: 'order.refunded';
  event: 'order.refunded';
  refunded_at: string;
}
type LaterBooktoEvent = BooktoEvent | OrderRefundedOfALaterVersion;
function handleLater(event: LaterBooktoEvent): string {
  switch (event.eventType) {
    case 'order.paid':
      return `${event.order_number} ${event.amount.exact.total_incl} ${event.amount.currency}`;
    default:
      return `ignoring ${event.event}`;
  }
}
function exhaustiveLater(event: LaterBooktoEvent): string {
  switch (event.eventType) {
    case 'order.paid':
      return event.order_number;
    case null:
      return Object.keys(event.data).join();
    default: {
      // @ts-expect-error OrderRefundedOfALaterVersion is not assignable to never
      const unreachable: never = event;
      return unreachable;
    }
  }
}
void [handleLater, exhaustiveLater];

// Unnarrowed, an OrderPaid-only field is an error.
// @ts-expect-error amount exists only on OrderPaid: narrow first
event.amount;
// @ts-expect-error order_number exists only on OrderPaid: narrow first
event.order_number;
// Comparing the name does not narrow: UnknownEvent.event is any string, and
// TypeScript has no "string except 'order.paid'" (hence eventType).
if (event.event === 'order.paid') {
  // @ts-expect-error still OrderPaid | UnknownEvent here
  event.amount;
}
// eventType is read-only, and not a wire field: like the runtime's
// non-enumerable property, a spread copy has the wire fields only.
// @ts-expect-error eventType is read-only
event.eventType = null;
const copy = { ...event };
// @ts-expect-error a spread copy has no eventType (narrow the event itself)
copy.eventType;
if (isOrderPaid(event)) {
  const spread = { ...event };
  assertType<Equals<keyof typeof spread, Exclude<keyof OrderPaid, 'eventType'>>>(true);
}
// An event built by hand (a test double) states its eventType.
const built: OrderPaid = {
  eventType: 'order.paid',
  event: 'order.paid',
  payment_provider: 'mollie',
  order_id: 'o',
  order_number: 'ORD-1',
  status: 'paid',
  created_at: '2025-11-27T09:41:12Z',
  paid_at: '2025-11-27T09:41:40Z',
  amount: {
    total_incl: 1.21, excl_vat: 1, vat: 0.21, vat_rate: 21, currency: 'EUR',
    exact: { total_incl: '1.21', excl_vat: '1', vat: '0.21', vat_rate: '21' },
  },
  vat_treatment: 'standard',
  product: { name: 'Course' },
  buyer: { first_name: 'A', last_name: 'B', email: 'a@example.com', company: null, country: 'BE' },
  seller: { id: 's', entity: null },
  is_test_order: false,
};
const unknownBuilt: UnknownEvent = { eventType: null, event: 'order.refunded', data: { event: 'order.refunded' } };
// @ts-expect-error an UnknownEvent's eventType is null, never a name
const wrongTag: UnknownEvent = { eventType: 'order.refunded', event: 'order.refunded', data: { event: 'order.refunded' } };
void [built, unknownBuilt, wrongTag];

// isOrderPaid stays: the same narrowing, and it takes undefined and null,
// as req.bookto (Express) and request.bookto (Fastify) are typed.
if (isOrderPaid(event)) {
  assertType<Equals<typeof event, OrderPaid>>(true);
} else {
  assertType<Equals<typeof event, UnknownEvent>>(true);
}
declare const maybe: BooktoEvent | null | undefined;
if (isOrderPaid(maybe)) {
  assertType<Equals<typeof maybe, OrderPaid>>(true);
} else {
  assertType<Equals<typeof maybe, UnknownEvent | null | undefined>>(true);
}
const falses: boolean[] = [isOrderPaid(undefined), isOrderPaid(null)];
void falses;
// @ts-expect-error only an event, undefined or null
isOrderPaid({ event: 'order.paid' });
// The `in` operator narrows too (only unknown events have `data`).
if ('data' in event) {
  assertType<Equals<typeof event, UnknownEvent>>(true);
} else {
  assertType<Equals<typeof event, OrderPaid>>(true);
}

async function fetchHandler(request: Request): Promise<Response> {
  try {
    const e = await webhook.verifyRequest(request, { now: 1 });
    return Response.json({ received: e.event });
  } catch (error) {
    if (error instanceof WebhookVerificationError) {
      const code: VerificationErrorCode = error.code;
      return Response.json({ error: code }, { status: 400 });
    }
    throw error;
  }
}
void fetchHandler;

const headers: SignedHeaders = sign('whsec', '{}', { timestamp: 1 });
const sig: string = headers['x-bookto-signature'];
const parsed: BooktoEvent = parseEvent(raw);
const codes: readonly VerificationErrorCode[] = ERROR_CODES;
const mismatch = new SignatureMismatch('m');
const literal: 'signature_mismatch' = mismatch.code;
const configCode: 'invalid_secret' = new WebhookConfigError('m').code;
void [index, sig, parsed, codes, literal, configCode];

// Express middleware on node:http types; req.bookto is declared on Express.Request.
const middleware = booktoExpress('whsec', { tolerance: 60, limit: 1024 });
const fromWebhook = booktoExpress(webhook, { onError: (error, _req, res) => res.end(error.code) });
void [middleware, fromWebhook];
const expressApp = express();
expressApp.post('/webhooks/bookto', booktoExpress(process.env.BOOKTO_WEBHOOK_SECRET ?? ''), (req, res) => {
  const e: BooktoEvent | undefined = req.bookto;
  res.json({ received: e?.event });
});
// The README's Express route (examples/express.mjs) in TypeScript: isOrderPaid
// takes req.bookto as typed (BooktoEvent | undefined), and so does eventType
// through `?.`. In the other branch req.bookto may still be undefined.
expressApp.post('/webhooks/bookto', booktoExpress(process.env.BOOKTO_WEBHOOK_SECRET ?? ''), (req, res) => {
  const event = req.bookto;
  if (isOrderPaid(event)) {
    res.json({ received: event.event, order: event.order_number, total: event.amount.exact.total_incl });
  } else {
    res.json({ received: event?.event });
  }
});
expressApp.post('/webhooks/bookto', booktoExpress(process.env.BOOKTO_WEBHOOK_SECRET ?? ''), (req, res) => {
  const event = req.bookto;
  switch (event?.eventType) {
    case 'order.paid':
      res.json({ received: event.event, order: event.order_number, total: event.amount.exact.total_incl });
      break;
    default:
      // @ts-expect-error req.bookto is typed as possibly undefined
      res.json({ received: event.event });
  }
});

// Fastify plugin: request.bookto is declared on FastifyRequest.
const app = Fastify();
app.register(async (scope) => {
  scope.register(booktoFastify, { secret: 'whsec', tolerance: null });
  scope.post('/webhooks/bookto', async (request) => {
    const e: BooktoEvent | null = request.bookto;
    return { received: e?.event };
  });
  // The README's Fastify route (examples/fastify.mjs) in TypeScript.
  scope.post('/webhooks/bookto', async (request) => {
    const event = request.bookto;
    if (isOrderPaid(event)) {
      return { received: event.event, order: event.order_number, total: event.amount.exact.total_incl };
    }
    return { received: event?.event };
  });
  scope.post('/webhooks/bookto', async (request) => {
    const event = request.bookto;
    if (event?.eventType === 'order.paid') {
      assertType<Equals<typeof event, OrderPaid>>(true);
      return { received: event.event, order: event.order_number, total: event.amount.exact.total_incl };
    }
    return { received: event?.event };
  });
});
app.register(booktoFastify, { webhook });
