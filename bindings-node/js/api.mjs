// The public JavaScript API of @bookto/verify, over any backend.
//
// Runtime-agnostic on purpose: no Buffer, no require, no node:* imports; only
// Uint8Array, ArrayBuffer and the Fetch Headers/Request shapes. The Node
// package passes its native addon as the backend (../index.js); the wasm build
// passes its wasm exports, and the same file then runs in workerd, Deno, Bun
// and browsers.
//
// This layer converts JS values and maps errors. Every rule about headers,
// timestamps, signatures and payloads lives in the Rust core behind the backend.
//
// A backend provides (bodies are always bytes; this layer encodes strings):
//   name: 'native' | 'wasm'                     // exported as `backend`
//   Verifier: class {
//     constructor(secrets: string[])           // throws { code: 'invalid_secret', message }
//     setTolerance(seconds: number | bigint): void
//     disableTolerance(): void
//     verifySignature(body: Uint8Array, timestamp: string, signature: string,
//                     contentLength: string, now?: number | bigint, more?: string[]): number
//     verify(...same): string                    // the event as JSON text (below)
//   }
//     Each header is its value, '' when absent (the core treats empty as
//     missing). When a header has several values, the three are '' and `more`
//     lists every value as [name, value, name, value, ...] in order. `now`
//     undefined means the system clock. Verification failures throw
//     { code: <one of ERROR_CODES>, message }.
//   sign(secret: string, timestamp: number | bigint, body: Uint8Array): string
//   parseEvent(body: Uint8Array): string        // throws { code: 'invalid_payload' }
//
// Event JSON text is either the event object itself (the core's
// Event::to_json) or, for order.paid, the core's positional row
// (parse_event_row / Verifier::verify_row, ORDER_PAID_ROW) read by orderPaid()
// below (a JSON array of values, which JSON.parse reads in less than half the
// time of the keyed object).

/** The stable verification error codes, in the order of the checks. */
export const ERROR_CODES = Object.freeze([
  'missing_header',
  'invalid_timestamp',
  'timestamp_too_old',
  'timestamp_too_new',
  'invalid_signature_header',
  'signature_mismatch',
  'invalid_payload',
]);

/** A webhook failed verification; `code` is one of ERROR_CODES. */
export class WebhookVerificationError extends Error {
  constructor(message, code) {
    super(message);
    this.code = code;
  }
}
WebhookVerificationError.prototype.name = 'WebhookVerificationError';

function codeClass(name, code) {
  const Class = {
    [name]: class extends WebhookVerificationError {
      constructor(message) {
        super(message, code);
      }
    },
  }[name];
  Class.prototype.name = name;
  Class.code = code;
  return Class;
}

/** `missing_header`: a bookto header is absent or empty. */
export const MissingHeader = codeClass('MissingHeader', 'missing_header');
/** `invalid_timestamp`: x-bookto-timestamp is not whole Unix seconds. */
export const InvalidTimestamp = codeClass('InvalidTimestamp', 'invalid_timestamp');
/** `timestamp_too_old`: outside the replay window, in the past. */
export const TimestampTooOld = codeClass('TimestampTooOld', 'timestamp_too_old');
/** `timestamp_too_new`: outside the replay window, in the future. */
export const TimestampTooNew = codeClass('TimestampTooNew', 'timestamp_too_new');
/** `invalid_signature_header`: x-bookto-signature does not follow the grammar. */
export const InvalidSignatureHeader = codeClass('InvalidSignatureHeader', 'invalid_signature_header');
/** `signature_mismatch`: no signature matches any configured secret. */
export const SignatureMismatch = codeClass('SignatureMismatch', 'signature_mismatch');
/** `invalid_payload`: the verified body is not a valid bookto event. */
export const InvalidPayload = codeClass('InvalidPayload', 'invalid_payload');

/** The signing secret(s) cannot be used; raised by `new Webhook(...)`. */
export class WebhookConfigError extends Error {
  constructor(message) {
    super(message);
    this.code = 'invalid_secret';
  }
}
WebhookConfigError.prototype.name = 'WebhookConfigError';

const ERROR_CLASSES = {
  __proto__: null,
  missing_header: MissingHeader,
  invalid_timestamp: InvalidTimestamp,
  timestamp_too_old: TimestampTooOld,
  timestamp_too_new: TimestampTooNew,
  invalid_signature_header: InvalidSignatureHeader,
  signature_mismatch: SignatureMismatch,
  invalid_payload: InvalidPayload,
  invalid_secret: WebhookConfigError,
};

/**
 * The one place a backend error becomes a public one: a backend error with
 * a stable `code` becomes its class; anything else (a bug) passes unchanged.
 */
function publicError(error) {
  const code = error !== null && typeof error === 'object' ? error.code : undefined;
  const Class = typeof code === 'string' ? ERROR_CLASSES[code] : undefined;
  return Class === undefined ? error : new Class(error.message);
}

// ORDER_PAID_ROW: [event, payment_provider, order_id, order_number, status,
//   created_at, paid_at, total_incl, excl_vat, vat, vat_rate (JSON numbers),
//   total_incl, excl_vat, vat, vat_rate (their exact text), currency,
//   vat_treatment, product.name, buyer.first_name, buyer.last_name,
//   buyer.email, buyer.company, buyer.country, seller.id, seller.entity,
//   is_test_order]
function orderPaid(r) {
  return {
    event: r[0],
    payment_provider: r[1],
    order_id: r[2],
    order_number: r[3],
    status: r[4],
    created_at: r[5],
    paid_at: r[6],
    amount: {
      total_incl: r[7],
      excl_vat: r[8],
      vat: r[9],
      vat_rate: r[10],
      currency: r[15],
      exact: { total_incl: r[11], excl_vat: r[12], vat: r[13], vat_rate: r[14] },
    },
    vat_treatment: r[16],
    product: { name: r[17] },
    buyer: { first_name: r[18], last_name: r[19], email: r[20], company: r[21], country: r[22] },
    seller: { id: r[23], entity: r[24] },
    is_test_order: r[25],
  };
}

/** The typed event from a backend's event JSON text. */
function eventFromJson(json) {
  const value = JSON.parse(json);
  return Array.isArray(value) ? orderPaid(value) : value;
}

const TIMESTAMP = 'x-bookto-timestamp';
const SIGNATURE = 'x-bookto-signature';
const CONTENT_LENGTH = 'content-length';

const RAW_BODY_HINT =
  'pass the raw request body exactly as received (a string, Buffer, Uint8Array or ArrayBuffer): ' +
  "Express: express.raw({ type: 'application/json' }) (or @bookto/verify/express); " +
  "Fastify: a content-type parser with parseAs: 'buffer' (or @bookto/verify/fastify); " +
  'Fetch, Next.js, Hono, Bun: await request.arrayBuffer() (or webhook.verifyRequest(request))';

function bodyTypeError(body) {
  let got;
  if (body === undefined || body === null) {
    got = `got ${body}: no raw body was captured`;
  } else if (typeof body === 'object') {
    got =
      'got an already-parsed object; the signature covers the exact bytes bookto sent, ' +
      'and JSON.stringify of a parsed body does not give them back';
  } else {
    got = `got a ${typeof body}`;
  }
  return new TypeError(`bookto-verify: ${got}; ${RAW_BODY_HINT}`);
}

const encoder = new TextEncoder();
// Strings are encoded into this reused buffer: backend calls are synchronous,
// so one buffer serves every call without an allocation (and the GC work of
// one) per request. It grows to the largest body seen, up to SCRATCH_MAX.
let scratch = new Uint8Array(16 * 1024);
const SCRATCH_MAX = 4 * 1024 * 1024;

/**
 * Whether a string is well-formed UTF-16 (no lone surrogate).
 * String.prototype.isWellFormed where the runtime has it (Node 20+, Deno,
 * Bun, workerd); a Unicode regex elsewhere (Node 18): with the u flag a
 * surrogate pair is one code point, so \p{Cs} only matches a lone one.
 */
const isWellFormed =
  typeof String.prototype.isWellFormed === 'function'
    ? (text) => text.isWellFormed()
    : (text) => !/\p{Cs}/u.test(text);

/**
 * A string that is not well-formed as its WTF-8 bytes: UTF-8, except that a
 * lone surrogate becomes its own 3-byte form (ED A0 80 for U+D800), which is
 * not UTF-8. Python's "surrogatepass" gives the same bytes. So a body holding
 * a lone surrogate is never collapsed into the U+FFFD body TextEncoder would
 * make; the core sees bytes bookto cannot have signed and answers in its own
 * order (signature_mismatch, or invalid_payload once verified). DECISIONS A4.
 */
function wtf8(text) {
  const out = new Uint8Array(text.length * 3);
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) {
      out[n++] = c;
    } else if (c < 0x800) {
      out[n++] = 0xc0 | (c >> 6);
      out[n++] = 0x80 | (c & 0x3f);
    } else {
      const d = c >= 0xd800 && c <= 0xdbff && i + 1 < text.length ? text.charCodeAt(i + 1) : 0;
      if (d >= 0xdc00 && d <= 0xdfff) {
        const cp = 0x10000 + ((c - 0xd800) << 10) + (d - 0xdc00);
        out[n++] = 0xf0 | (cp >> 18);
        out[n++] = 0x80 | ((cp >> 12) & 0x3f);
        out[n++] = 0x80 | ((cp >> 6) & 0x3f);
        out[n++] = 0x80 | (cp & 0x3f);
        i++;
      } else {
        out[n++] = 0xe0 | (c >> 12);
        out[n++] = 0x80 | ((c >> 6) & 0x3f);
        out[n++] = 0x80 | (c & 0x3f);
      }
    }
  }
  return out.subarray(0, n);
}

/** A string body's bytes: its UTF-8, or its WTF-8 when it holds a lone surrogate. */
function textBytes(text) {
  const bytes = utf8(text);
  // As many bytes as code units: all ASCII, so well-formed (a lone surrogate
  // would have become 3 bytes). Otherwise one more pass, only for non-ASCII text.
  if (bytes.length === text.length || isWellFormed(text)) return bytes;
  return wtf8(text);
}

/** A string's UTF-8, in the scratch buffer when it fits. */
function utf8(text) {
  if (text.length > scratch.length && text.length <= SCRATCH_MAX) scratch = new Uint8Array(text.length);
  if (text.length <= scratch.length) {
    const { read, written } = encoder.encodeInto(text, scratch);
    if (read === text.length) return scratch.subarray(0, written);
    // Non-ASCII text that did not fit: room for the worst case, 3 bytes per unit.
    if (text.length * 3 <= SCRATCH_MAX) {
      scratch = new Uint8Array(text.length * 3);
      return scratch.subarray(0, encoder.encodeInto(text, scratch).written);
    }
  }
  return encoder.encode(text);
}

/** The body as bytes: a view of a byte body (never a copy), or a string's UTF-8 (WTF-8, see above). */
function bodyBytes(body) {
  if (typeof body === 'string') return textBytes(body);
  if (body instanceof Uint8Array) return body;
  if (ArrayBuffer.isView(body)) return new Uint8Array(body.buffer, body.byteOffset, body.byteLength);
  const tag = Object.prototype.toString.call(body);
  if (tag === '[object ArrayBuffer]' || tag === '[object SharedArrayBuffer]') return new Uint8Array(body);
  throw bodyTypeError(body);
}

function headerTypeError(what) {
  return new TypeError(
    `bookto-verify: ${what}; pass the request's headers as received: ` +
      "Node's req.headers (values string | string[]) or a Fetch Headers object",
  );
}

/**
 * Appends one header value (string or array of strings) to what was found so
 * far. undefined and null, as a value or an array item, are absent
 * (DECISIONS A2), as Python's None is.
 */
function addValue(found, value, name) {
  if (value === undefined || value === null) return found;
  if (typeof value === 'string') {
    if (found === undefined) return value;
    return typeof found === 'string' ? [found, value] : (found.push(value), found);
  }
  if (Array.isArray(value)) {
    let out = found;
    for (const item of value) {
      if (item === undefined || item === null) continue;
      if (typeof item !== 'string') throw headerTypeError(`header ${name} holds a ${typeof item}`);
      out = addValue(out, item, name);
    }
    return out;
  }
  throw headerTypeError(`header ${name} is a ${typeof value}, not a string or an array of strings`);
}

/** ASCII case-insensitive equality with a lower-case header name. */
function isHeader(name, lower) {
  if (name.length !== lower.length) return false;
  for (let i = 0; i < lower.length; i++) {
    const c = name.charCodeAt(i);
    if (c !== lower.charCodeAt(i) && !(c >= 65 && c <= 90 && c + 32 === lower.charCodeAt(i))) return false;
  }
  return true;
}

// What the last readHeaders call found, in the backend's form (see the top):
// three single values ('' when absent) and `more` when a header repeats. Kept
// in module slots to avoid an allocation per request; reading the headers and
// the backend call are synchronous.
let hTimestamp = '';
let hSignature = '';
let hContentLength = '';
let hMore;

const hasOwn = Object.hasOwn ?? ((object, key) => Object.prototype.hasOwnProperty.call(object, key));

const isSingle = (value) => value === undefined || value === null || typeof value === 'string';

function pushAll(list, name, value) {
  if (typeof value === 'string') list.push(name, value);
  else if (Array.isArray(value)) for (const v of value) list.push(name, v);
}

/**
 * Finds every value of x-bookto-timestamp, x-bookto-signature and
 * content-length, matching names case-insensitively (Node lower-cases them;
 * hand-built objects may not). Which values are valid is the core's call.
 */
function readHeaders(headers) {
  if (headers === null || typeof headers !== 'object' || Array.isArray(headers)) {
    throw headerTypeError(`got ${headers === null ? 'null' : Array.isArray(headers) ? 'an array' : typeof headers} instead of headers`);
  }
  let timestamp, signature, contentLength;
  if (headers instanceof Map) {
    for (const [name, value] of headers) {
      if (typeof name !== 'string') continue;
      if (isHeader(name, TIMESTAMP)) timestamp = addValue(timestamp, value, name);
      else if (isHeader(name, SIGNATURE)) signature = addValue(signature, value, name);
      else if (isHeader(name, CONTENT_LENGTH)) contentLength = addValue(contentLength, value, name);
    }
  } else if (typeof headers.get === 'function') {
    // Fetch Headers: get() is case-insensitive and joins repeated values.
    timestamp = addValue(undefined, headers.get(TIMESTAMP), TIMESTAMP);
    signature = addValue(undefined, headers.get(SIGNATURE), SIGNATURE);
    contentLength = addValue(undefined, headers.get(CONTENT_LENGTH), CONTENT_LENGTH);
  } else {
    // Every key is visited: keys that differ only in case are several values.
    // Own keys only (DECISIONS A6): a key inherited from the prototype is not
    // a header of this request. hasOwn runs for the few candidate names only.
    for (const name in headers) {
      const length = name.length;
      if (length === 18) {
        if (!hasOwn(headers, name)) continue;
        if (name === TIMESTAMP || isHeader(name, TIMESTAMP)) timestamp = addValue(timestamp, headers[name], name);
        else if (name === SIGNATURE || isHeader(name, SIGNATURE)) signature = addValue(signature, headers[name], name);
      } else if (length === 14 && (name === CONTENT_LENGTH || isHeader(name, CONTENT_LENGTH)) && hasOwn(headers, name)) {
        contentLength = addValue(contentLength, headers[name], name);
      }
    }
  }
  if (isSingle(timestamp) && isSingle(signature) && isSingle(contentLength)) {
    hTimestamp = timestamp ?? '';
    hSignature = signature ?? '';
    hContentLength = contentLength ?? '';
    hMore = undefined;
  } else {
    hTimestamp = hSignature = hContentLength = '';
    hMore = [];
    pushAll(hMore, TIMESTAMP, timestamp);
    pushAll(hMore, SIGNATURE, signature);
    pushAll(hMore, CONTENT_LENGTH, contentLength);
  }
}

const MAX_U64 = 0xffff_ffff_ffff_ffffn;
/** The core's MAX_TIMESTAMP: the timestamp header holds at most 19 digits. */
const MAX_TIMESTAMP = 9_999_999_999_999_999_999n;

/** Unix seconds or a window length: a non-negative safe integer or bigint. */
function seconds(value, what) {
  if (typeof value === 'number') {
    if (Number.isSafeInteger(value) && value >= 0) return value;
    throw new RangeError(`bookto-verify: ${what} must be whole seconds >= 0 (a safe integer or a bigint), got ${value}`);
  }
  if (typeof value === 'bigint') {
    if (value >= 0n && value <= MAX_U64) return value;
    throw new RangeError(`bookto-verify: ${what} must be between 0 and 2^64 - 1, got ${value}`);
  }
  throw new TypeError(`bookto-verify: ${what} must be a number of seconds (or a bigint), got a ${typeof value}`);
}

function optionsObject(options, what) {
  if (options === undefined || options === null) return undefined;
  if (typeof options !== 'object') throw new TypeError(`bookto-verify: ${what} options must be an object`);
  return options;
}

/** `now` from `{ now }`, or undefined for the system clock (also for `now: null`, as Python's now=None; DECISIONS A7). */
function nowOption(options) {
  const opts = optionsObject(options, 'verify');
  const now = opts === undefined ? undefined : opts.now;
  return now === undefined || now === null ? undefined : seconds(now, 'now');
}

function secretTypeError() {
  return new TypeError(
    'bookto-verify: the signing secret must be a string or an array of strings ' +
      '(copy it from the bookto dashboard, Integrations, Signing secret)',
  );
}

/**
 * A secret that is not well-formed Unicode (a lone surrogate) has no UTF-8
 * bytes: the backends would turn it into U+FFFD, so two different secrets
 * would become one key. Refused like the core refuses a bad secret
 * (DECISIONS A5), with the words of the Python binding, never quoting it.
 */
function checkWellFormed(secret, index) {
  if (!isWellFormed(secret)) {
    throw new WebhookConfigError(
      `invalid secret: secret #${index} is not valid Unicode text (it holds a lone surrogate); ` +
        'copy it again from the bookto dashboard, Integrations, Signing secret',
    );
  }
}

/**
 * The secrets as an array of strings, read in order: a missing secret
 * (undefined or null, typically an unset environment variable) counts as the
 * empty secret, so the core reports it as `invalid_secret` with its "is the
 * environment variable set?" hint (DECISIONS A1); a string that is not
 * well-formed is refused here (A5); any other type is a TypeError.
 */
function secretList(secret) {
  if (secret === undefined || secret === null) return [''];
  if (typeof secret === 'string') {
    checkWellFormed(secret, 0);
    return [secret];
  }
  if (!Array.isArray(secret)) throw secretTypeError();
  const list = [];
  for (let i = 0; i < secret.length; i++) {
    const item = secret[i];
    if (item === undefined || item === null) list.push('');
    else if (typeof item === 'string') {
      checkWellFormed(item, i);
      list.push(item);
    } else throw secretTypeError();
  }
  return list;
}

const INSPECT = Symbol.for('nodejs.util.inspect.custom');
const DENO_INSPECT = Symbol.for('Deno.customInspect');

/**
 * Builds the public API over a backend (see the top of this file).
 * Error classes are shared by every backend, so `instanceof` holds across them.
 */
export function createApi(backend) {
  const { Verifier } = backend;

  class Webhook {
    // The native verifier holds the keyed secrets; JS keeps only what
    // inspect() shows, so no secret is reachable from this object.
    #verifier;
    #description;

    constructor(secret, options) {
      // The options are converted first, as Python converts tolerance= before the secret.
      const opts = optionsObject(options, 'Webhook');
      const tolerance = opts === undefined ? undefined : opts.tolerance;
      const window = tolerance === undefined || tolerance === null ? tolerance : seconds(tolerance, 'tolerance');
      const secrets = secretList(secret);
      try {
        this.#verifier = new Verifier(secrets);
      } catch (error) {
        throw publicError(error);
      }
      if (window === null) this.#verifier.disableTolerance();
      else if (window !== undefined) this.#verifier.setTolerance(window);
      this.#description = {
        secrets: `[${secrets.length} redacted]`,
        tolerance: window === undefined ? 'default' : window === null ? 'off' : `${window} s`,
      };
    }

    /** Verifies headers, replay window and signature; returns the matching secret's index. */
    verifySignature(body, headers, options) {
      readHeaders(headers);
      const timestamp = hTimestamp;
      const signature = hSignature;
      const contentLength = hContentLength;
      const more = hMore;
      const now = options === undefined ? undefined : nowOption(options);
      // Encoded last, so no user code (getters) runs between encoding a string
      // into the shared scratch buffer and the backend reading it.
      const bytes = bodyBytes(body);
      try {
        return this.#verifier.verifySignature(bytes, timestamp, signature, contentLength, now, more);
      } catch (error) {
        throw publicError(error);
      }
    }

    /** Verifies like verifySignature, then parses the body into the typed event. */
    verify(body, headers, options) {
      readHeaders(headers);
      const timestamp = hTimestamp;
      const signature = hSignature;
      const contentLength = hContentLength;
      const more = hMore;
      const now = options === undefined ? undefined : nowOption(options);
      // Encoded last, so no user code (getters) runs between encoding a string
      // into the shared scratch buffer and the backend reading it.
      const bytes = bodyBytes(body);
      let json;
      try {
        json = this.#verifier.verify(bytes, timestamp, signature, contentLength, now, more);
      } catch (error) {
        throw publicError(error);
      }
      return eventFromJson(json);
    }

    /** Reads a Fetch Request's body as bytes and verifies it with its headers. */
    async verifyRequest(request, options) {
      if (request === null || typeof request !== 'object' || typeof request.arrayBuffer !== 'function') {
        throw new TypeError('bookto-verify: verifyRequest expects a Fetch Request');
      }
      if (request.bodyUsed) {
        throw new TypeError(
          'bookto-verify: the request body was already read; call verifyRequest(request) ' +
            'before request.json()/text(), or pass request.clone()',
        );
      }
      const body = await request.arrayBuffer();
      return this.verify(body, request.headers, options);
    }

    toJSON() {
      return { ...this.#description };
    }

    toString() {
      return `Webhook { secrets: ${this.#description.secrets}, tolerance: ${this.#description.tolerance} }`;
    }

    [INSPECT]() {
      return this.toString();
    }

    [DENO_INSPECT]() {
      return this.toString();
    }

    get [Symbol.toStringTag]() {
      return 'Webhook';
    }
  }

  /** Signs a body as bookto does; returns both headers. For tests and test senders. */
  function sign(secret, body, options) {
    if (typeof secret !== 'string') throw new TypeError('bookto-verify: sign() needs the signing secret as a string');
    checkWellFormed(secret, 0);
    const opts = optionsObject(options, 'sign');
    const given = opts === undefined ? undefined : opts.timestamp;
    // null is the clock too, as Python's timestamp=None (DECISIONS A7).
    const timestamp = given === undefined || given === null ? Math.floor(Date.now() / 1000) : seconds(given, 'timestamp');
    if (typeof timestamp === 'bigint' && timestamp > MAX_TIMESTAMP) {
      throw new RangeError(`bookto-verify: timestamp must be at most ${MAX_TIMESTAMP} (19 digits, what x-bookto-timestamp can hold), got ${timestamp}`);
    }
    const signature = backend.sign(secret, timestamp, bodyBytes(body));
    return { [TIMESTAMP]: String(timestamp), [SIGNATURE]: signature };
  }

  /** Parses a body whose signature was verified elsewhere. */
  function parseEvent(body) {
    let json;
    try {
      json = backend.parseEvent(bodyBytes(body));
    } catch (error) {
      throw publicError(error);
    }
    return eventFromJson(json);
  }

  return {
    backend: backend.name,
    Webhook,
    sign,
    parseEvent,
    isOrderPaid,
    ERROR_CODES,
    WebhookVerificationError,
    WebhookConfigError,
    MissingHeader,
    InvalidTimestamp,
    TimestampTooOld,
    TimestampTooNew,
    InvalidSignatureHeader,
    SignatureMismatch,
    InvalidPayload,
  };
}

/** True when the event is `order.paid` (a type guard in TypeScript). */
export function isOrderPaid(event) {
  return event !== null && typeof event === 'object' && event.event === 'order.paid';
}
