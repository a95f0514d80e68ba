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

// Narrowing: the type guard, both branches.
if (isOrderPaid(event)) {
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
}
// The `in` operator narrows too (only unknown events have `data`).
if ('data' in event) {
  assertType<Equals<typeof event, UnknownEvent>>(true);
} else {
  assertType<Equals<typeof event, OrderPaid>>(true);
}
// Comparing the name does not narrow: UnknownEvent.event is any string, and
// TypeScript has no "string except 'order.paid'" (hence isOrderPaid).
if (event.event === 'order.paid') {
  // @ts-expect-error still OrderPaid | UnknownEvent here
  event.amount;
}
// @ts-expect-error amount exists only on OrderPaid: narrow first
event.amount;

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

// Fastify plugin: request.bookto is declared on FastifyRequest.
const app = Fastify();
app.register(async (scope) => {
  scope.register(booktoFastify, { secret: 'whsec', tolerance: null });
  scope.post('/webhooks/bookto', async (request) => {
    const e: BooktoEvent | null = request.bookto;
    return { received: e?.event };
  });
});
app.register(booktoFastify, { webhook });
