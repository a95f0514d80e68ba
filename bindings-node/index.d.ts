// Public types of @bookto/verify (hand-written; the native backend's generated
// types are in native.d.ts). The wasm build shares this file.

/**
 * The raw request body, exactly as received: the signature covers these bytes.
 * A `string` is taken as its UTF-8 bytes. A `Buffer` is a `Uint8Array`; typed
 * arrays, `DataView`s and `ArrayBuffer`s are read in place, never copied.
 *
 * An already-parsed object is refused with a `TypeError`: keep the raw body
 * (`express.raw({ type: 'application/json' })`, Fastify `parseAs: 'buffer'`,
 * `await request.arrayBuffer()`).
 */
export type RawBody = string | Uint8Array | ArrayBuffer | ArrayBufferView;

/**
 * Request headers: Node's `req.headers` (`IncomingHttpHeaders`: values
 * `string | string[]`), any plain object of that shape (names in any case; keys
 * differing only in case are several values of one header), or a Fetch
 * `Headers` object (Next.js, Hono, Bun, Deno, workers).
 */
export type HeadersInput =
  | Headers
  | ReadonlyMap<string, HeaderValue>
  | { readonly [name: string]: HeaderValue };

/**
 * One header's value. `undefined` and `null`, as the value or as an item,
 * mean absent. Only an object's own keys are read, never inherited ones.
 */
export type HeaderValue = string | readonly (string | null | undefined)[] | null | undefined;

/** Unix time in whole seconds: a non-negative safe integer, or a `bigint` up to 2^64 - 1. */
export type UnixSeconds = number | bigint;

/** Options of {@link Webhook}. */
export interface WebhookOptions {
  /**
   * Replay window in seconds either side of `now` (default 300). `0` means
   * "exactly now"; `null` turns the check off so that only the signature is
   * checked.
   */
  tolerance?: UnixSeconds | null;
}

/** Options of {@link Webhook.verify} and {@link Webhook.verifySignature}. */
export interface VerifyOptions {
  /**
   * The current time in Unix seconds (default: the system clock). Pass the
   * delivery time when re-processing stored webhooks, or a fixed time in tests.
   * `null` means the system clock too.
   */
  now?: UnixSeconds | null;
}

/** Money as a JSON number's exact text, e.g. `"1.21"`, `"1"`, `"1.210"`. */
export type DecimalString = string;

/** What was paid. Money fields are `number`s exactly as `JSON.parse` gives them; `exact` keeps their JSON text. */
export interface Amount {
  /** Total including VAT, e.g. `1.21`. */
  total_incl: number;
  /** Total excluding VAT, e.g. `1`. */
  excl_vat: number;
  /** VAT amount, e.g. `0.21`. */
  vat: number;
  /** VAT rate in percent, e.g. `21`. */
  vat_rate: number;
  /** ISO 4217 currency code, e.g. `"EUR"`. */
  currency: string;
  /**
   * The money fields as the exact text bookto sent (`"1.21"`), for decimal
   * libraries and minor-unit arithmetic that must not go through a float.
   */
  exact: {
    total_incl: DecimalString;
    excl_vat: DecimalString;
    vat: DecimalString;
    vat_rate: DecimalString;
  };
}

/** The product of an order. */
export interface Product {
  /** Product name. */
  name: string;
}

/** The buyer of an order. */
export interface Buyer {
  first_name: string;
  last_name: string;
  email: string;
  /** Company name, or `null` when none was given (also when the field is absent). */
  company: string | null;
  /** Country code, e.g. `"BE"`. */
  country: string;
}

/** The seller of an order. */
export interface Seller {
  /** bookto's seller id. */
  id: string;
  /** Legal entity, or `null` when none was given (also when the field is absent). */
  entity: string | null;
}

/**
 * What every event has besides its wire fields: `eventType`, the literal to
 * narrow a {@link BooktoEvent} on, in an `if` or a `switch`.
 *
 * At runtime `eventType` is a non-enumerable own getter (no setter) of the
 * plain event object, so `Object.keys`, `JSON.stringify`, `util.inspect` and a
 * spread copy show the wire fields only. It is declared as a getter of this
 * (type-only, unexported) class because TypeScript then leaves it out of a
 * spread copy's type too: `{ ...event }` has no `eventType`. Narrow the event
 * that `verify` returns, not a copy.
 */
declare abstract class EventTypeTag<Name extends string | null> {
  /**
   * The event's name when this version types it (`'order.paid'`), `null` for
   * an {@link UnknownEvent} (whose name is in `event`). Not a wire field: the
   * wire's names are snake_case, so no field bookto adds can take this name.
   *
   * ```ts
   * switch (event.eventType) {
   *   case 'order.paid':
   *     console.log(event.order_number, event.amount.exact.total_incl);
   *     break;
   *   default: // any other event, including types a later version adds
   *     console.log('ignoring', event.event);
   * }
   * ```
   */
  get eventType(): Name;
}

/**
 * `order.paid`: a customer paid. Sent once per paid order to every webhook URL
 * of the seller. Field names are the wire names; unknown fields are left out.
 * Besides them, `eventType` is `'order.paid'` ({@link BooktoEvent}).
 */
export interface OrderPaid extends EventTypeTag<'order.paid'> {
  /** Always `"order.paid"`. */
  event: 'order.paid';
  /** Payment provider, e.g. `"mollie"`. */
  payment_provider: string;
  /** bookto's order id. */
  order_id: string;
  /** Human-readable order number, e.g. `"ORD-2025-11-004817"`. */
  order_number: string;
  /** Order status, e.g. `"paid"`. */
  status: string;
  /** When the order was created: the RFC 3339 text as sent (`new Date(created_at)` parses it). */
  created_at: string;
  /** When it was paid: the RFC 3339 text as sent. */
  paid_at: string;
  /** What was paid, exactly. */
  amount: Amount;
  /** VAT treatment, e.g. `"standard"`. */
  vat_treatment: string;
  /** The product bought. */
  product: Product;
  /** Who paid. */
  buyer: Buyer;
  /** Who sold. */
  seller: Seller;
  /** `true` for payments made in test mode. */
  is_test_order: boolean;
}

/** The verified body of an event this version does not model, as `JSON.parse` gives it. */
export interface UnknownEventData {
  event: string;
  [field: string]: unknown;
}

/**
 * Any event other than `order.paid`: a new event type never breaks a receiver.
 * `data` is the whole verified body; `eventType` is `null`.
 */
export interface UnknownEvent extends EventTypeTag<null> {
  /** The event name, e.g. `"order.refunded"` (possibly `""`). Never `"order.paid"`. */
  event: string;
  /** The whole verified body. */
  data: UnknownEventData;
}

/**
 * A verified event. Narrow it on `eventType`, in an `if` or a `switch`:
 *
 * ```ts
 * const event = webhook.verify(body, req.headers);
 * if (event.eventType === 'order.paid') console.log(event.amount.exact.total_incl);
 *
 * switch (event.eventType) {
 *   case 'order.paid':
 *     console.log(event.order_number, event.amount.exact.total_incl);
 *     break;
 *   default: // any other event, including types a later version adds
 *     console.log('ignoring', event.event);
 * }
 * ```
 *
 * `eventType` is `'order.paid'` for an {@link OrderPaid} and `null` for an
 * {@link UnknownEvent}; each event type a later version adds gets its own
 * name there. Keep a `default` that reads only `event.event` (every event has
 * it) rather than a `never` check: a `never` check stops compiling the day an
 * event type is added. Comparing `event.event === 'order.paid'` does not
 * narrow: `UnknownEvent.event` is any string, and TypeScript has no "string
 * except 'order.paid'". {@link isOrderPaid} narrows too, and also takes
 * `undefined` and `null` (`req.bookto`, `request.bookto`).
 */
export type BooktoEvent = OrderPaid | UnknownEvent;

/**
 * `true` when `event` is `order.paid`: the type guard that narrows a
 * {@link BooktoEvent} to {@link OrderPaid}, like `event.eventType ===
 * 'order.paid'`. It also takes `undefined` and `null` (false), as the
 * framework helpers' `req.bookto` and `request.bookto` are typed.
 *
 * ```ts
 * const event = req.bookto; // BooktoEvent | undefined
 * if (isOrderPaid(event)) console.log(event.amount.exact.total_incl);
 * ```
 */
export declare function isOrderPaid(event: BooktoEvent | null | undefined): event is OrderPaid;

/** The two headers bookto sends, as {@link sign} returns them. */
export type SignedHeaders = {
  'x-bookto-timestamp': string;
  'x-bookto-signature': string;
};

/** Options of {@link sign}. */
export interface SignOptions {
  /** Unix seconds to sign with (default, and `null`: now). */
  timestamp?: UnixSeconds | null;
}

/**
 * Verifies bookto webhooks against one or more signing secrets.
 *
 * Build it once at start-up and reuse it. The secrets stay inside the native
 * verifier: `util.inspect`, `String()` and `JSON.stringify` show only how many
 * there are.
 *
 * ```ts
 * import { Webhook } from '@bookto/verify';
 * const webhook = new Webhook(process.env.BOOKTO_WEBHOOK_SECRET!);
 * const event = webhook.verify(rawBody, req.headers); // throws WebhookVerificationError
 * ```
 */
export declare class Webhook {
  /**
   * @param secret The signing secret from the bookto dashboard (Integrations,
   *   Signing secret), or several for rotation (new and old). Surrounding
   *   whitespace is trimmed.
   * @throws {WebhookConfigError} (`code: 'invalid_secret'`) for an empty list,
   *   an empty or missing secret (`undefined`/`null`: is the environment
   *   variable set?), a secret that is not well-formed Unicode (a lone
   *   surrogate), or a `bk_…` API key (that is the Zapier key, not the
   *   signing secret).
   */
  constructor(
    secret: string | readonly (string | null | undefined)[] | null | undefined,
    options?: WebhookOptions,
  );

  /**
   * Verifies the headers, the replay window and the signature, then parses the
   * body into the typed event.
   * @throws {WebhookVerificationError} with a stable `code`.
   */
  verify(body: RawBody, headers: HeadersInput, options?: VerifyOptions): BooktoEvent;

  /**
   * Verifies the headers, the replay window and the signature only.
   * @returns the index of the secret that matched (the lowest if several do),
   *   so you can tell when an old secret can be retired.
   * @throws {WebhookVerificationError} with a stable `code`.
   */
  verifySignature(body: RawBody, headers: HeadersInput, options?: VerifyOptions): number;

  /**
   * Reads a Fetch `Request`'s body as bytes and verifies it with its headers:
   * Next.js App Router, Hono (`c.req.raw`), Remix, Bun.serve, Deno, workers.
   * Call it before anything else reads the body.
   * @throws {WebhookVerificationError} (as a rejected promise) with a stable `code`.
   */
  verifyRequest(request: Request, options?: VerifyOptions): Promise<BooktoEvent>;

  /** `{ secrets: "[n redacted]", tolerance }`: never a secret. */
  toJSON(): { secrets: string; tolerance: string };
  /** `Webhook { secrets: [n redacted], tolerance: … }`: never a secret. */
  toString(): string;
}

/**
 * Signs `body` as bookto does and returns both headers: for tests and local
 * senders. The secret is trimmed like {@link Webhook} trims it; throws only
 * for a secret that is not well-formed Unicode ({@link WebhookConfigError}).
 */
export declare function sign(secret: string, body: RawBody, options?: SignOptions): SignedHeaders;

/**
 * Parses a body whose signature was verified elsewhere (e.g. a queue that
 * stored verified bodies).
 * @throws {InvalidPayload} (`code: 'invalid_payload'`).
 */
export declare function parseEvent(body: RawBody): BooktoEvent;

// begin error code type: generated by codegen (cargo run -p bookto-verify-codegen), do not edit
/** A stable error code, identical in every bookto-verify language. */
export type VerificationErrorCode =
  | 'missing_header'
  | 'invalid_timestamp'
  | 'timestamp_too_old'
  | 'timestamp_too_new'
  | 'invalid_signature_header'
  | 'signature_mismatch'
  | 'invalid_payload';
// end error code type

/** Every {@link VerificationErrorCode}, in the order of the checks. */
export declare const ERROR_CODES: readonly VerificationErrorCode[];

/**
 * Which build verifies in this process: `'native'`, the Rust addon of this
 * platform's package, or `'wasm'`, the WebAssembly build (edge runtimes, and
 * Node's fallback where no addon loads; `BOOKTO_VERIFY_BACKEND` forces one).
 *
 * ```ts
 * import { backend } from '@bookto/verify';
 * console.log(`bookto-verify on ${backend}`);
 * ```
 */
export declare const backend: 'native' | 'wasm';

/**
 * A webhook failed verification. Answer it with 400; `code` says why and
 * `message` says how to fix it (it never contains a secret).
 */
export declare class WebhookVerificationError extends Error {
  constructor(message: string, code: VerificationErrorCode);
  /** The stable, machine-readable reason. */
  readonly code: VerificationErrorCode;
}

// begin error classes: generated by codegen (cargo run -p bookto-verify-codegen), do not edit
/** `missing_header`: `x-bookto-timestamp` or `x-bookto-signature` is absent or empty. */
export declare class MissingHeader extends WebhookVerificationError {
  constructor(message: string);
  readonly code: 'missing_header';
  static readonly code: 'missing_header';
}
/** `invalid_timestamp`: `x-bookto-timestamp` is not whole Unix seconds (1-19 ASCII digits). */
export declare class InvalidTimestamp extends WebhookVerificationError {
  constructor(message: string);
  readonly code: 'invalid_timestamp';
  static readonly code: 'invalid_timestamp';
}
/**
 * `timestamp_too_old`: the timestamp is older than the replay window (a replay, or a slow clock).
 */
export declare class TimestampTooOld extends WebhookVerificationError {
  constructor(message: string);
  readonly code: 'timestamp_too_old';
  static readonly code: 'timestamp_too_old';
}
/**
 * `timestamp_too_new`: the timestamp is further in the future than the replay window (check the
 * clock: NTP).
 */
export declare class TimestampTooNew extends WebhookVerificationError {
  constructor(message: string);
  readonly code: 'timestamp_too_new';
  static readonly code: 'timestamp_too_new';
}
/**
 * `invalid_signature_header`: `x-bookto-signature` has no `sha256=<64 hex>` entry, a malformed
 * entry, or more than 16 entries.
 */
export declare class InvalidSignatureHeader extends WebhookVerificationError {
  constructor(message: string);
  readonly code: 'invalid_signature_header';
  static readonly code: 'invalid_signature_header';
}
/**
 * `signature_mismatch`: no signature matches any configured secret (the message hints at
 * re-serialised bodies, BOMs, split headers).
 */
export declare class SignatureMismatch extends WebhookVerificationError {
  constructor(message: string);
  readonly code: 'signature_mismatch';
  static readonly code: 'signature_mismatch';
}
/**
 * `invalid_payload`: the verified body is not the expected JSON (the message names the JSON path).
 */
export declare class InvalidPayload extends WebhookVerificationError {
  constructor(message: string);
  readonly code: 'invalid_payload';
  static readonly code: 'invalid_payload';
}
// end error classes

/**
 * The signing secret(s) given to {@link Webhook} cannot be used (raised at
 * construction, never at verify time). The message never contains the secret.
 */
export declare class WebhookConfigError extends Error {
  constructor(message: string);
  readonly code: 'invalid_secret';
}

// Only what is exported above is public: without this, a declaration file
// exports every top-level declaration, EventTypeTag (type-only) included.
export {};
