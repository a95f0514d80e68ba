// Type-checked by `tsc -p test/types` (test.sh) against the installed
// @bookto/verify-wasm, as an edge project sees it: web globals only (lib
// "dom"), no @types/node. `@ts-expect-error` lines must fail to compile.
import {
  Webhook, sign, parseEvent, isOrderPaid, ERROR_CODES,
  WebhookVerificationError, WebhookConfigError, SignatureMismatch,
  type BooktoEvent, type OrderPaid, type VerificationErrorCode, type SignedHeaders,
} from '@bookto/verify-wasm';

type Equals<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
function assertType<T extends true>(_: T): void {}

interface Env {
  BOOKTO_WEBHOOK_SECRET: string;
}

let webhook: Webhook | undefined;

const worker = {
  async fetch(request: Request, env: Env): Promise<Response> {
    webhook ??= new Webhook(env.BOOKTO_WEBHOOK_SECRET, { tolerance: 300 });
    try {
      const event = await webhook.verifyRequest(request);
      assertType<Equals<typeof event, BooktoEvent>>(true);
      if (isOrderPaid(event)) {
        assertType<Equals<typeof event, OrderPaid>>(true);
        const exact: string = event.amount.exact.total_incl;
        return Response.json({ received: event.event, total: exact });
      }
      return Response.json({ received: event.event });
    } catch (error) {
      if (error instanceof WebhookVerificationError) {
        const code: VerificationErrorCode = error.code;
        return Response.json({ error: code }, { status: 400 });
      }
      throw error;
    }
  },
};
void worker;

const body = new TextEncoder().encode('{"event":"ping"}');
const headers: SignedHeaders = sign('whsec_x', body, { timestamp: 1_764_201_600 });
const verifier = new Webhook(['whsec_new', 'whsec_old'], { tolerance: null });
// SignedHeaders is an interface, which has no implicit index signature: spread
// it into an object type to pass it as HeadersInit or HeadersInput.
const index: number = verifier.verifySignature(body, new Headers({ ...headers }), { now: 1_764_201_600n });
const event: BooktoEvent = verifier.verify(body.buffer, { ...headers }, { now: 1_764_201_600 });
parseEvent('{"event":"ping"}');
void [index, event, ERROR_CODES, WebhookConfigError, SignatureMismatch.code];
// @ts-expect-error an already-parsed body is not a raw body
verifier.verify({ event: 'ping' }, { ...headers });
// @ts-expect-error a number is not a secret
new Webhook(42);
