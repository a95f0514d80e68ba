// Property tests (fast-check) of the public JavaScript API of @bookto/verify:
// `new Webhook`, `verify`, `verifySignature`, `parseEvent`, `sign`.
//
// Runtime-agnostic, like vectors.mjs: no Node-only import, no Buffer, no file
// access. The caller passes the API (the native package or the wasm build),
// fast-check, and options, and runs the cases with its own test runner:
//
//   import fc from 'fast-check';
//   import * as api from '@bookto/verify';
//   import { propertyCases } from './properties.mjs';
//   for (const { name, run } of propertyCases(api, fc, { inspect: util.inspect })) test(name, run);
//
// options: { numRuns = 300, seed, inspect(value) (e.g. util.inspect, for the
// redaction property), extraBodyForms: { label: (Uint8Array) => body } }.
// Each run() throws on failure with fast-check's report (seed and path to
// replay, shrunk counterexample).
//
// What may come out, decided here and asserted exactly:
// - with arguments of accepted types and ranges: a result, or a
//   WebhookVerificationError whose class is the one of its `code` (one of
//   ERROR_CODES). verifySignature never throws invalid_payload; parseEvent
//   throws nothing else; verify answers like verifySignature, then like
//   parseEvent (same code and message);
// - WebhookConfigError (code invalid_secret) from `new Webhook` exactly when
//   DECISIONS K1/K2 refuse the secrets (the secrets' UTF-8, trimmed of ASCII
//   whitespace, is empty or starts with bk_; an empty list; undefined/null
//   counts as the empty secret; a string with a lone surrogate, DECISIONS A5),
//   and from sign for that lone surrogate;
// - TypeError for a wrong type (body, headers, a bookto header's value,
//   options, secret, now/tolerance/timestamp), RangeError for a number or
//   bigint out of 0..2^64-1 (or not a safe integer);
// - nothing else: no plain Error from the backend (a napi conversion
//   failure), no SyntaxError from event JSON, no crash.
// sign -> verifySignature always round-trips, with the matched secret's index
// and the replay window's verdict predicted from DECISIONS.

const encoder = new TextEncoder();
const NAMES = ['x-bookto-timestamp', 'x-bookto-signature', 'content-length'];
const TRIM = new Set([0x20, 0x09, 0x0a, 0x0d, 0x0c]); // DECISIONS K1
const MAX_U64 = 2n ** 64n - 1n;
// The x-bookto-timestamp grammar reads 1 to 19 digits, so sign() refuses a
// later timestamp with a RangeError.
const MAX_TIMESTAMP = 10n ** 19n - 1n;
const NOW = 1_764_201_600;
// A valid order.paid (shaped like fixtures/events/order-paid.json, shorter),
// the seed of the mutated bodies that reach the typed model's checks.
const ORDER_PAID = {
  event: 'order.paid',
  payment_provider: 'mollie',
  order_id: '7c1e9a4b-3f52-4d8e-a6b0-2e9f51c8d473',
  order_number: 'ORD-2025-11-004817',
  status: 'paid',
  created_at: '2025-11-26T23:58:41.512Z',
  paid_at: '2025-11-26T23:59:48.907Z',
  amount: { total_incl: 1.21, excl_vat: 1, vat: 0.21, vat_rate: 21, currency: 'EUR' },
  vat_treatment: 'standard',
  product: { name: 'Boekhouden voor zelfstandigen' },
  buyer: { first_name: 'Annelies', last_name: 'Vermeulen', email: 'a@example.be', company: 'Vermeulen BV', country: 'BE' },
  seller: { id: 'b5d0c7e2-94a1-4f3b-8e6d-1c2a7f9e0b34', entity: null },
  is_test_order: false,
};
const ORDER_PATHS = Object.entries(ORDER_PAID).flatMap(([k, v]) =>
  v !== null && typeof v === 'object' ? [[k], ...Object.keys(v).map((c) => [k, c])] : [[k]],
);
const CLASS_BY_CODE = {
  missing_header: 'MissingHeader',
  invalid_timestamp: 'InvalidTimestamp',
  timestamp_too_old: 'TimestampTooOld',
  timestamp_too_new: 'TimestampTooNew',
  invalid_signature_header: 'InvalidSignatureHeader',
  signature_mismatch: 'SignatureMismatch',
  invalid_payload: 'InvalidPayload',
};

// --- small helpers (no node:assert: this file runs in workerd and Deno too) ---

function check(condition, message) {
  if (!condition) throw new Error(typeof message === 'function' ? message() : message);
}

function describe(error) {
  if (error === undefined) return 'no exception';
  if (error === null || typeof error !== 'object') return `a thrown ${typeof error}: ${String(error)}`;
  return `${error.constructor && error.constructor.name} (code ${error.code}): ${error.message}`;
}

function outcome(fn) {
  try {
    return { value: fn() };
  } catch (error) {
    return { error, threw: true };
  }
}

function deepEqual(a, b) {
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') return Object.is(a, b);
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  return ka.length === kb.length && ka.every((k) => Object.prototype.hasOwnProperty.call(b, k) && deepEqual(a[k], b[k]));
}

const lowerAscii = (s) => s.replace(/[A-Z]/g, (c) => c.toLowerCase());
const isBooktoName = (name) => typeof name === 'string' && NAMES.includes(lowerAscii(name));

// --- oracles, from fixtures/DECISIONS.md and the README ---

function trimmed(secret) {
  const bytes = encoder.encode(secret); // well-formed secrets only: others are refused (A5)
  let start = 0;
  let end = bytes.length;
  while (start < end && TRIM.has(bytes[start])) start++;
  while (end > start && TRIM.has(bytes[end - 1])) end--;
  return bytes.subarray(start, end);
}

const sameBytes = (a, b) => a.length === b.length && a.every((v, i) => v === b[i]);
const startsWithBk = (b) => b.length >= 3 && b[0] === 0x62 && b[1] === 0x6b && b[2] === 0x5f;

const wellFormed = (s) => !/\p{Cs}/u.test(s);

/**
 * The secrets as the API reads them, item by item (DECISIONS A1, A5):
 * { list } or { error: 'TypeError' | 'WebhookConfigError' } for the first bad item.
 */
function secretList(secret) {
  const items = secret === undefined || secret === null || typeof secret === 'string' ? [secret] : Array.isArray(secret) ? secret : undefined;
  if (items === undefined) return { error: 'TypeError' };
  for (const s of items) {
    if (s === undefined || s === null) continue;
    if (typeof s !== 'string') return { error: 'TypeError' };
    if (!wellFormed(s)) return { error: 'WebhookConfigError' };
  }
  return { list: items.map((s) => s ?? '') };
}

/** null, 'TypeError' or 'WebhookConfigError' for the secret argument of `new Webhook`. */
function secretError(secret) {
  const { list, error } = secretList(secret);
  if (error !== undefined) return error;
  if (list.length === 0) return 'WebhookConfigError';
  return list.some((s) => {
    const t = trimmed(s);
    return t.length === 0 || startsWithBk(t);
  })
    ? 'WebhookConfigError'
    : null;
}

/** The index verifySignature must report for a signature made with `signer`. */
function matchedIndex(secrets, signer) {
  const key = trimmed(signer);
  const index = secrets.findIndex((s) => sameBytes(trimmed(s), key));
  return index === -1 ? undefined : index;
}

/** null, 'TypeError' or 'RangeError' for whole seconds (now, tolerance, timestamp). */
function secondsError(value) {
  if (typeof value === 'number') return Number.isSafeInteger(value) && value >= 0 ? null : 'RangeError';
  if (typeof value === 'bigint') return value >= 0n && value <= MAX_U64 ? null : 'RangeError';
  return 'TypeError';
}

/**
 * The error an options argument must give: `key` (now/tolerance/timestamp).
 * null is accepted for each: tolerance off, now and timestamp the clock (A7).
 */
function optionsError(options, key) {
  if (options === undefined || options === null) return null;
  if (typeof options !== 'object') return 'TypeError';
  const value = options[key];
  if (value === undefined || value === null) return null;
  return secondsError(value);
}

/** optionsError for sign's timestamp, which must also fit 19 digits. */
function signTimestampError(options) {
  const error = optionsError(options, 'timestamp');
  if (error !== null) return error;
  const value = options === undefined || options === null ? undefined : options.timestamp;
  return typeof value === 'bigint' && value > MAX_TIMESTAMP ? 'RangeError' : null;
}

function bodyError(body) {
  if (typeof body === 'string' || ArrayBuffer.isView(body)) return null;
  const tag = Object.prototype.toString.call(body);
  return tag === '[object ArrayBuffer]' || tag === '[object SharedArrayBuffer]' ? null : 'TypeError';
}

// undefined and null, as a value or an item, are absent (A2).
const headerValueOk = (v) => v === undefined || v === null || typeof v === 'string' || (Array.isArray(v) && v.every((x) => x === undefined || x === null || typeof x === 'string'));

/** null or 'TypeError' for the headers argument. */
function headersError(headers) {
  if (headers === null || typeof headers !== 'object' || Array.isArray(headers)) return 'TypeError';
  if (headers instanceof Map) {
    for (const [name, value] of headers) if (isBooktoName(name) && !headerValueOk(value)) return 'TypeError';
    return null;
  }
  if (typeof headers.get === 'function') return null;
  // Own keys only (A6).
  for (const name of Object.keys(headers)) if (isBooktoName(name) && !headerValueOk(headers[name])) return 'TypeError';
  return null;
}

function windowError(timestamp, now, tolerance) {
  if (tolerance === null) return null;
  const [t, n, tol] = [BigInt(timestamp), BigInt(now), BigInt(tolerance)];
  if (n > t && n - t > tol) return 'timestamp_too_old';
  if (t > n && t - n > tol) return 'timestamp_too_new';
  return null;
}

// --- assertions on outcomes ---

function assertRefused(result, expected, where) {
  check(result.threw, () => `${where}: accepted, expected one of ${[...expected]}`);
  const name = result.error && result.error.constructor && result.error.constructor.name;
  const exact =
    (name === 'TypeError' && Object.getPrototypeOf(result.error) === TypeError.prototype) ||
    (name === 'RangeError' && Object.getPrototypeOf(result.error) === RangeError.prototype) ||
    name === 'WebhookConfigError';
  check(exact && expected.has(name), () => `${where}: expected one of ${[...expected]}, got ${describe(result.error)}`);
}

function assertVerificationError(api, error, { payload }, where) {
  check(error instanceof api.WebhookVerificationError, () => `${where}: not a WebhookVerificationError: ${describe(error)}`);
  check(api.ERROR_CODES.includes(error.code), () => `${where}: unknown code ${describe(error)}`);
  check(error.constructor === api[CLASS_BY_CODE[error.code]], () => `${where}: class is not the code's: ${describe(error)}`);
  check(error.name === CLASS_BY_CODE[error.code], () => `${where}: name ${error.name}`);
  check(payload || error.code !== 'invalid_payload', () => `${where}: invalid_payload from verifySignature`);
  check(typeof error.message === 'string' && error.message.length > 0, `${where}: empty message`);
}

function assertEvent(event, where) {
  check(event !== null && typeof event === 'object' && typeof event.event === 'string', () => `${where}: not an event: ${event}`);
  JSON.stringify(event); // plain data: no bigint, no cycle
}

// --- arbitraries ---

function arbitraries(fc, extraBodyForms) {
  const lone = fc.integer({ min: 0xd800, max: 0xdfff }).map((c) => String.fromCharCode(c));
  const unit = fc.oneof(
    { arbitrary: fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }), weight: 8 },
    { arbitrary: fc.constantFrom(' ', '\t', '\n', '\r', '\f', '\v', '\u00a0', ',', '='), weight: 2 },
    { arbitrary: lone, weight: 1 },
  );
  const text = (maxLength) => fc.string({ unit, maxLength });
  const ws = fc.constantFrom('', ' ', '\t', '\n', '\r\n', '\f', ' \t');

  const secretText = fc.oneof(
    text(40),
    fc.string({ unit: fc.constantFrom(' ', '\t', '\n', '\r', '\f', '\v', '\u00a0', '\u2028'), maxLength: 6 }),
    fc.tuple(ws, fc.constantFrom('bk_', 'BK_', 'bk', 'bk-', 'bk_live_', 'Bk_'), text(20), ws).map((p) => p.join('')),
    fc.tuple(ws, text(30), ws).map((p) => p.join('')),
  );
  const usableSecret = secretText.filter((s) => secretError(s) === null);
  const secretArg = fc.oneof(
    { arbitrary: secretText, weight: 4 },
    { arbitrary: fc.array(fc.oneof(secretText, fc.constantFrom(undefined, null)), { maxLength: 4 }), weight: 3 },
    { arbitrary: fc.constantFrom(undefined, null), weight: 1 },
    { arbitrary: fc.oneof(fc.integer(), fc.object(), fc.array(fc.integer(), { minLength: 1, maxLength: 2 }), fc.boolean()), weight: 1 },
  );

  const goodSeconds = fc.oneof(
    fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }),
    fc.integer({ min: 0, max: 1000 }),
    fc.integer({ min: NOW - 1000, max: NOW + 1000 }),
    fc.bigInt({ min: 0n, max: MAX_U64 }),
    fc.constantFrom(0, 299, 300, 301, Number.MAX_SAFE_INTEGER, 0n, MAX_TIMESTAMP, MAX_U64),
  );
  const badSeconds = fc.oneof(
    fc.integer({ max: -1 }),
    fc.double().filter((d) => !(Number.isSafeInteger(d) && d >= 0)),
    fc.constantFrom(2 ** 53, 1e21, -0.5, 1.5, NaN, Infinity, -Infinity),
    fc.bigInt({ max: -1n }),
    fc.bigInt({ min: MAX_U64 + 1n }),
    fc.oneof(fc.string({ maxLength: 5 }), fc.boolean(), fc.object({ maxDepth: 0 }), fc.constant(null)),
  );
  const seconds = fc.oneof({ arbitrary: goodSeconds, weight: 4 }, { arbitrary: badSeconds, weight: 1 });
  const options = (key) =>
    fc.oneof(
      { arbitrary: fc.constant(undefined), weight: 2 },
      { arbitrary: seconds.map((v) => ({ [key]: v })), weight: 6 },
      { arbitrary: fc.constantFrom(null, {}, { [key]: undefined }, { [key]: null }), weight: 1 },
      { arbitrary: fc.oneof(fc.integer(), fc.string({ maxLength: 3 }), fc.boolean()), weight: 1 },
    );

  // Bodies: bytes in every form the API takes, text (lone surrogates too), wrong types.
  const jsonValue = fc.jsonValue({ maxDepth: 3 });
  const RAW = '\u0000raw\u0000'; // placeholder for a raw JSON number text
  const numberText = fc
    .tuple(
      fc.constantFrom('', '-'),
      fc.oneof(fc.constant('0'), fc.bigInt({ min: 1n, max: 10n ** 40n }).map(String)),
      fc.oneof(fc.constant(''), fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: 1, maxLength: 12 }).map((d) => `.${d}`)),
      fc.oneof(fc.constant(''), fc.tuple(fc.constantFrom('e', 'E'), fc.constantFrom('', '+', '-'), fc.bigInt({ min: 0n, max: 10n ** 20n })).map((p) => p.join(''))),
    )
    .map((p) => p.join(''));
  const orderBody = fc
    .record({
      path: fc.constantFrom(...ORDER_PATHS),
      action: fc.constantFrom('keep', 'replace', 'number', 'datetime', 'delete'),
      value: jsonValue,
      number: numberText,
      datetime: fc.oneof(fc.date({ noInvalidDate: true }).map((d) => d.toISOString()), fc.string({ unit: fc.constantFrom(...'0123456789-:TtZz+. '), maxLength: 30 })),
    })
    .map(({ path, action, value, number, datetime }) => {
      const doc = JSON.parse(JSON.stringify(ORDER_PAID));
      const parent = path.length === 2 ? doc[path[0]] : doc;
      const key = path[path.length - 1];
      if (action === 'replace') parent[key] = value;
      else if (action === 'number') parent[key] = RAW;
      else if (action === 'datetime') parent[key] = datetime;
      else if (action === 'delete') delete parent[key];
      return JSON.stringify(doc).replace(JSON.stringify(RAW), number);
    });
  const eventBody = fc.oneof(
    orderBody,
    orderBody,
    fc.constant(JSON.stringify(ORDER_PAID)),
    fc.record({ event: fc.oneof(fc.string({ maxLength: 12 }), fc.constant('order.paid'), jsonValue) }, { requiredKeys: [] }).chain((head) =>
      fc.dictionary(fc.string({ maxLength: 8 }), jsonValue, { maxKeys: 4 }).map((rest) => JSON.stringify({ ...rest, ...head })),
    ),
    jsonValue.map((v) => JSON.stringify(v)),
    fc.integer({ min: 120, max: 140 }).map((d) => `{"event":"deep","d":${'['.repeat(d)}${']'.repeat(d)}}`),
  );
  const bytes = fc.oneof(
    { arbitrary: fc.uint8Array({ maxLength: 600 }), weight: 1 },
    { arbitrary: eventBody.map((s) => encoder.encode(s)), weight: 3 },
    { arbitrary: text(200).map((s) => encoder.encode(s)), weight: 1 },
  );
  const bodyForms = (b) => {
    const copy = () => {
      const buffer = new ArrayBuffer(b.length);
      new Uint8Array(buffer).set(b);
      return buffer;
    };
    const forms = [b, new DataView(copy()), copy(), new Int8Array(copy())];
    if (b.length % 2 === 0) forms.push(new Uint16Array(copy()));
    if (typeof SharedArrayBuffer === 'function') {
      const shared = new SharedArrayBuffer(b.length);
      new Uint8Array(shared).set(b);
      forms.push(shared);
    }
    const padded = new Uint8Array(b.length + 5);
    padded.set(b, 3);
    forms.push(padded.subarray(3, 3 + b.length));
    for (const make of Object.values(extraBodyForms)) forms.push(make(b));
    const asText = new TextDecoder('utf-8', { fatal: false }).decode(b);
    if (sameBytes(encoder.encode(asText), b)) forms.push(asText);
    return forms;
  };
  const bodyOf = (b) => fc.constantFrom(...bodyForms(b));
  const bodyArg = fc.oneof(
    { arbitrary: bytes.chain(bodyOf), weight: 6 },
    { arbitrary: text(200), weight: 2 },
    { arbitrary: fc.oneof(fc.constantFrom(undefined, null), fc.integer(), fc.object({ maxDepth: 1 }), fc.array(fc.integer(), { maxLength: 2 }), fc.boolean()), weight: 1 },
  );

  // Header names: bookto's in random case, and anything else.
  const randomCase = (name) =>
    fc.array(fc.boolean(), { minLength: name.length, maxLength: name.length }).map((up) =>
      [...name].map((c, i) => (up[i] ? c.toUpperCase() : c)).join(''),
    );
  const booktoName = fc.constantFrom(...NAMES).chain(randomCase);
  const hex64 = fc.string({ unit: fc.constantFrom(...'0123456789abcdefABCDEF'), minLength: 64, maxLength: 64 });
  const interesting = fc.oneof(
    fc.bigInt({ min: 0n, max: MAX_U64 }).map(String),
    fc.integer({ min: NOW - 400, max: NOW + 400 }).map(String),
    hex64.map((h) => `sha256=${h}`),
    fc.array(fc.oneof(hex64.map((h) => `sha256=${h}`), fc.constantFrom('v1=abc', '', ' ', 'sha256', '=x')), { maxLength: 18 }).map((a) => a.join(',')),
    fc.tuple(ws, fc.bigInt({ min: 0n, max: 10n ** 20n }).map(String), ws).map((p) => p.join('')),
  );
  const single = fc.oneof(text(80), interesting);
  const value = fc.oneof(
    { arbitrary: single, weight: 6 },
    { arbitrary: fc.array(single, { maxLength: 3 }), weight: 2 },
    { arbitrary: fc.array(fc.oneof(single, fc.constantFrom(undefined, null)), { maxLength: 3 }), weight: 1 },
    { arbitrary: fc.constantFrom(undefined, null), weight: 1 },
    { arbitrary: fc.oneof(fc.integer(), fc.array(fc.integer(), { minLength: 1, maxLength: 2 }), fc.object({ maxDepth: 0 })), weight: 1 },
  );
  const otherName = text(24).filter((n) => !isBooktoName(n));
  const junkValue = fc.oneof(fc.anything({ maxDepth: 1 }), fc.string());
  const pairs = fc.array(fc.oneof(fc.tuple(booktoName, value), fc.tuple(otherName, junkValue)), { maxLength: 6 });
  const fromPairs = (list) => {
    const object = {};
    for (const [k, v] of list) Object.defineProperty(object, k, { value: v, enumerable: true, writable: true, configurable: true });
    return object;
  };
  // A Headers-like object: get() answers as Fetch Headers do (string or null),
  // or with a string array (some frameworks).
  const getter = (list) => {
    const map = new Map();
    for (const [k, v] of list) if (typeof k === 'string' && (typeof v === 'string' || (Array.isArray(v) && v.every((x) => typeof x === 'string')))) map.set(lowerAscii(k), v);
    return { get: (name) => (map.has(name) ? map.get(name) : null) };
  };
  const headersArg = fc.oneof(
    { arbitrary: pairs.map(fromPairs), weight: 6 },
    // Keys on the prototype are not headers (A6), whatever their values.
    { arbitrary: fc.tuple(pairs, pairs).map(([own, inherited]) => Object.assign(Object.create(fromPairs(inherited)), fromPairs(own))), weight: 1 },
    { arbitrary: pairs.map((list) => new Map(list)), weight: 2 },
    { arbitrary: pairs.map(getter), weight: 1 },
    { arbitrary: fc.oneof(fc.constantFrom(null, undefined, 'x-bookto-timestamp: 1', 42), fc.array(fc.string(), { maxLength: 2 })), weight: 1 },
  );

  return {
    text, ws, secretText, usableSecret, secretArg, goodSeconds, seconds, options, bytes, bodyForms, bodyOf, bodyArg,
    randomCase, booktoName, otherName, junkValue, headersArg, fromPairs, hex64,
  };
}

function addHeaders(fc, a, signed, form) {
  // The two signed headers, names in random case, sometimes as one-item
  // arrays, among headers the verifier does not read.
  return fc
    .tuple(
      a.randomCase('x-bookto-timestamp'),
      a.randomCase('x-bookto-signature'),
      fc.boolean(),
      fc.array(fc.tuple(a.otherName, form === 'object' ? a.junkValue : a.text(20)), { maxLength: 4 }),
    )
    .map(([tsName, sigName, wrap, junk]) => {
      const ts = signed['x-bookto-timestamp'];
      const sig = wrap ? [signed['x-bookto-signature']] : signed['x-bookto-signature'];
      const list = [...junk, [tsName, ts], [sigName, sig]];
      return form === 'map' ? new Map(list) : a.fromPairs(list);
    });
}

/**
 * The property cases, each { name, run }.
 */
export function propertyCases(api, fc, options = {}) {
  const { numRuns = 300, seed, inspect, extraBodyForms = {} } = options;
  const params = { numRuns, ...(seed === undefined ? {} : { seed }) };
  const a = arbitraries(fc, extraBodyForms);
  const newWebhook = (secrets, tolerance) => {
    const secret = secrets.length === 1 ? secrets[0] : secrets;
    return tolerance === undefined ? new api.Webhook(secret) : new api.Webhook(secret, { tolerance });
  };

  const cases = [];
  const property = (name, arbs, predicate) =>
    cases.push({ name: `property: ${name}`, run: () => fc.assert(fc.property(...arbs, predicate), params) });

  property('new Webhook throws only WebhookConfigError, TypeError or RangeError, as predicted', [a.secretArg, a.options('tolerance')], (secret, opts) => {
    const result = outcome(() => new api.Webhook(secret, opts));
    const expected = new Set([secretError(secret), optionsError(opts, 'tolerance')].filter(Boolean));
    if (expected.size > 0) {
      assertRefused(result, expected, 'new Webhook');
      if (result.error instanceof api.WebhookConfigError) {
        check(result.error.code === 'invalid_secret' && !(result.error instanceof api.WebhookVerificationError), 'config error shape');
      }
      return;
    }
    check(!result.threw, () => `new Webhook: ${describe(result.error)}`);
    const text = String(result.value);
    check(/^Webhook \{ secrets: \[\d+ redacted\], tolerance: (default|off|\d+ s) \}$/.test(text), () => `String(webhook): ${text}`);
  });

  // A delivery: random headers, or one signed by a configured secret (or
  // another), perhaps changed on the way; so every check is reached.
  const secrets = fc.array(a.usableSecret, { minLength: 1, maxLength: 3 });
  const tolerance = fc.oneof(fc.constant(undefined), fc.constant(null), a.goodSeconds);
  const signedDelivery = fc
    .record({
      secrets,
      tolerance,
      data: a.bytes,
      pick: fc.nat(),
      stranger: fc.oneof({ arbitrary: fc.constant(undefined), weight: 5 }, { arbitrary: a.usableSecret, weight: 1 }),
      timestamp: fc.oneof(fc.bigInt({ min: 0n, max: MAX_TIMESTAMP }), fc.integer({ min: NOW - 1000, max: NOW + 1000 })),
      nowKind: fc.constantFrom('same', 'same', 'same', 'near', 'any', 'clock'),
      near: fc.integer({ min: -1000, max: 1000 }),
      any: a.goodSeconds,
      change: fc.constantFrom('none', 'none', 'none', 'none', 'none', 'none', 'body', 'signature', 'more', 'drop'),
      newSignature: a.text(90),
      form: fc.constantFrom('object', 'object', 'map'),
    })
    .chain((d) => {
      const signer = d.stranger ?? d.secrets[d.pick % d.secrets.length];
      const signed = api.sign(signer, d.data, { timestamp: d.timestamp });
      let now = d.nowKind === 'same' ? d.timestamp : d.nowKind === 'near' ? BigInt(d.timestamp) + BigInt(d.near) : d.nowKind === 'any' ? d.any : undefined;
      if (typeof now === 'bigint' && (now < 0n || now > MAX_U64)) now = d.timestamp;
      let data = d.data;
      if (d.change === 'body') data = data.length > 0 ? data.subarray(1) : new Uint8Array([32]);
      return fc.record({
        secrets: fc.constant(d.secrets),
        tolerance: fc.constant(d.tolerance),
        body: a.bodyOf(data),
        headers: addHeaders(fc, a, signed, d.form).map((h) => {
          const set = (name, v) => (h instanceof Map ? h.set(name, v) : (h[name] = v));
          if (d.change === 'signature') set('X-BOOKTO-SIGNATURE', d.newSignature);
          if (d.change === 'more') set('x-bookto-TIMESTAMP', String(d.timestamp));
          if (d.change === 'drop') {
            for (const k of h instanceof Map ? [...h.keys()] : Object.keys(h)) {
              if (lowerAscii(k) === 'x-bookto-signature') (h instanceof Map ? h.delete(k) : delete h[k]);
            }
          }
          return h;
        }),
        options: fc.constant(now === undefined ? undefined : { now }),
      });
    });
  const randomDelivery = fc.record({ secrets, tolerance, body: a.bodyArg, headers: a.headersArg, options: a.options('now') });
  const delivery = fc.oneof({ arbitrary: signedDelivery, weight: 3 }, { arbitrary: randomDelivery, weight: 1 });

  property('verify, verifySignature and parseEvent throw only coded verification errors or TypeError/RangeError', [delivery], (d) => {
    const webhook = newWebhook(d.secrets, d.tolerance);
    const sig = outcome(() => webhook.verifySignature(d.body, d.headers, d.options));
    const ver = outcome(() => webhook.verify(d.body, d.headers, d.options));
    const parsed = outcome(() => api.parseEvent(d.body));
    const expected = new Set([headersError(d.headers), optionsError(d.options, 'now'), bodyError(d.body)].filter(Boolean));
    if (expected.size > 0) {
      assertRefused(sig, expected, 'verifySignature');
      assertRefused(ver, expected, 'verify');
      if (bodyError(d.body)) assertRefused(parsed, new Set(['TypeError']), 'parseEvent');
      return;
    }
    if (sig.threw) assertVerificationError(api, sig.error, { payload: false }, 'verifySignature');
    else check(Number.isInteger(sig.value) && sig.value >= 0 && sig.value < d.secrets.length, () => `verifySignature returned ${sig.value}`);
    if (parsed.threw) {
      assertVerificationError(api, parsed.error, { payload: true }, 'parseEvent');
      check(parsed.error.code === 'invalid_payload', () => `parseEvent: ${describe(parsed.error)}`);
    } else assertEvent(parsed.value, 'parseEvent');
    if (ver.threw) assertVerificationError(api, ver.error, { payload: true }, 'verify');
    else assertEvent(ver.value, 'verify');
    if (d.options === undefined || d.options === null || d.options.now === undefined || d.options.now === null) return; // the clock may tick between calls
    if (sig.threw) {
      check(ver.threw && ver.error.code === sig.error.code && ver.error.message === sig.error.message, () => `verify ${describe(ver.error)} vs verifySignature ${describe(sig.error)}`);
    } else if (parsed.threw) {
      check(ver.threw && ver.error.code === 'invalid_payload' && ver.error.message === parsed.error.message, () => `verify ${describe(ver.error)} vs parseEvent ${describe(parsed.error)}`);
    } else {
      check(!ver.threw && deepEqual(ver.value, parsed.value), () => `verify ${describe(ver.error)} differs from parseEvent`);
    }
  });

  property('sign throws only TypeError, RangeError, WebhookConfigError (a lone surrogate) or returns the two headers', [
    fc.oneof({ arbitrary: a.secretText, weight: 5 }, { arbitrary: fc.oneof(fc.constantFrom(undefined, null), fc.integer(), fc.array(fc.string(), { maxLength: 2 })), weight: 1 }),
    a.bodyArg,
    a.options('timestamp'),
  ], (secret, body, opts) => {
    const result = outcome(() => api.sign(secret, body, opts));
    const secretProblem = typeof secret !== 'string' ? 'TypeError' : wellFormed(secret) ? null : 'WebhookConfigError';
    const expected = new Set([secretProblem, signTimestampError(opts), bodyError(body)].filter(Boolean));
    if (expected.size > 0) return assertRefused(result, expected, 'sign');
    check(!result.threw, () => `sign: ${describe(result.error)}`);
    const headers = result.value;
    check(deepEqual(Object.keys(headers), ['x-bookto-timestamp', 'x-bookto-signature']), 'sign: header names');
    check(/^\d{1,19}$/.test(headers['x-bookto-timestamp']), () => `sign: timestamp ${headers['x-bookto-timestamp']}`);
    if (opts && opts.timestamp !== undefined && opts.timestamp !== null) check(headers['x-bookto-timestamp'] === String(opts.timestamp), 'sign: timestamp text');
    check(/^sha256=[0-9a-f]{64}$/.test(headers['x-bookto-signature']), () => `sign: signature ${headers['x-bookto-signature']}`);
  });

  property('sign -> verifySignature round-trips: matched index and replay window as predicted', [
    fc.record({
      signer: a.usableSecret,
      others: fc.array(a.usableSecret, { maxLength: 3 }),
      at: fc.nat(),
      tolerance: fc.oneof(fc.constant(null), a.goodSeconds),
      data: a.bytes,
      timestamp: fc.oneof(fc.bigInt({ min: 0n, max: MAX_TIMESTAMP }), fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }), fc.integer({ min: NOW - 1000, max: NOW + 1000 })),
      form: fc.constantFrom('object', 'map', 'fetch'),
      delta: fc.oneof(fc.integer({ min: -2000, max: 2000 }), fc.bigInt({ min: -MAX_U64, max: MAX_U64 })),
      flip: fc.tuple(fc.nat(), fc.integer({ min: 0, max: 7 })),
    }).chain((r) => {
      const secretsList = [...r.others];
      secretsList.splice(r.at % (r.others.length + 1), 0, r.signer);
      const signed = api.sign(r.signer, r.data, { timestamp: r.timestamp });
      const headers = r.form === 'fetch'
        ? fc.constant(typeof Headers === 'function' ? new Headers(signed) : signed)
        : addHeaders(fc, a, signed, r.form);
      return fc.record({ r: fc.constant(r), secrets: fc.constant(secretsList), signed: fc.constant(signed), headers, body: a.bodyOf(r.data) });
    }),
  ], ({ r, secrets, signed, headers, body }) => {
    const expectedIndex = matchedIndex(secrets, r.signer);
    check(signed['x-bookto-timestamp'] === String(r.timestamp), 'signed timestamp');
    for (const form of a.bodyForms(r.data)) {
      check(deepEqual(api.sign(r.signer, form, { timestamp: r.timestamp }), signed), 'every body form signs alike');
    }
    const webhook = newWebhook(secrets, r.tolerance);
    const at = { now: r.timestamp };
    const matched = outcome(() => webhook.verifySignature(body, headers, at));
    check(!matched.threw && matched.value === expectedIndex, () => `round trip: expected ${expectedIndex}, got ${matched.threw ? describe(matched.error) : matched.value}`);
    // verify: the event parseEvent gives, or its invalid_payload
    const ver = outcome(() => webhook.verify(body, headers, at));
    const parsed = outcome(() => api.parseEvent(body));
    if (parsed.threw) check(ver.threw && ver.error.code === 'invalid_payload', () => `verify: ${describe(ver.error)}`);
    else check(!ver.threw && deepEqual(ver.value, parsed.value), () => `verify: ${describe(ver.error)}`);
    // the replay window, predicted
    let now = BigInt(r.timestamp) + BigInt(r.delta);
    if (now < 0n) now = 0n;
    if (now > MAX_U64) now = MAX_U64;
    const code = windowError(r.timestamp, now, r.tolerance);
    const windowed = outcome(() => webhook.verifySignature(body, headers, { now }));
    if (code === null) check(!windowed.threw && windowed.value === expectedIndex, () => `window: ${describe(windowed.error)}`);
    else check(windowed.threw && windowed.error.code === code && windowed.error instanceof api[CLASS_BY_CODE[code]], () => `window: expected ${code}, got ${describe(windowed.error)}`);
    // one changed bit never verifies
    const tampered = r.data.length > 0 ? r.data.slice() : new Uint8Array([32]);
    if (r.data.length > 0) tampered[r.flip[0] % tampered.length] ^= 1 << r.flip[1];
    const refused = outcome(() => webhook.verifySignature(tampered, headers, at));
    check(refused.threw && refused.error instanceof api.SignatureMismatch, () => `tampered body: ${describe(refused.error)}`);
  });

  // Secrets made of letters and digits no message template holds in a row:
  // finding one in an output is a leak, never a coincidence.
  const mark = fc.string({ unit: fc.constantFrom(...'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnpqrstuvwxyz23456789'), minLength: 12, maxLength: 40 });
  property('no error, message, stack or view of a Webhook shows a secret', [
    fc.uniqueArray(mark, { minLength: 2, maxLength: 3 }),
    a.ws,
  ], (marks, pad) => {
    const [secret, other] = marks.map((m) => `whsec_${m}`);
    const webhook = new api.Webhook([pad + secret + pad, ...marks.slice(2).map((m) => `whsec_${m}`)], { tolerance: 300 });
    const note = JSON.stringify({ event: 'note', secret });
    const good = api.sign(secret, note, { timestamp: NOW });
    const sig = good['x-bookto-signature'];
    const ts = String(NOW);
    const attempts = [
      [note, { 'x-bookto-timestamp': secret, 'x-bookto-signature': sig }],
      [note, { 'x-bookto-timestamp': ts, 'x-bookto-signature': secret }],
      [note, { 'x-bookto-timestamp': ts, 'x-bookto-signature': `sha256=${secret}` }],
      [note, { 'x-bookto-timestamp': ts, 'x-bookto-signature': `${sig},${secret}` }],
      [note, { 'x-bookto-timestamp': ts, 'x-bookto-signature': `v1=${secret},sha256=${'0'.repeat(64)}` }],
      [`${note} `, { ...good, 'content-length': secret }],
      [note, { ...good, 'x-bookto-signature': [`${sig.slice(0, -1)}0`, secret] }],
      [note, api.sign(other, note, { timestamp: NOW })],
      [note, good, NOW + 100_000],
      [note, good, NOW - 100_000],
      [secret, api.sign(secret, secret, { timestamp: NOW })],
      [`{"event":"order.paid","amount":"${secret}"}`, api.sign(secret, `{"event":"order.paid","amount":"${secret}"}`, { timestamp: NOW })],
    ];
    const shown = [String(webhook), `${webhook}`, JSON.stringify(webhook), JSON.stringify({ webhook })];
    if (inspect) shown.push(inspect(webhook), inspect(webhook, { showHidden: true, depth: Infinity, getters: true }));
    const views = (error) => {
      const out = [String(error), error.message, error.stack, JSON.stringify(error), JSON.stringify(Object.getOwnPropertyNames(error).map((k) => String(error[k])))];
      if (inspect) out.push(inspect(error, { showHidden: true, depth: Infinity }));
      return out;
    };
    for (const [body, headers, now = NOW] of attempts) {
      const result = outcome(() => webhook.verify(body, headers, { now }));
      check(result.threw && result.error instanceof api.WebhookVerificationError, () => `expected a refusal, got ${describe(result.error)}`);
      shown.push(...views(result.error));
    }
    for (const refused of [`bk_${marks[0]}`, `${pad}bk_live_${marks[0]}`, [secret, `${pad}bk_${marks[1]}`], [secret, other, pad], [secret, ''], [secret, null]]) {
      const result = outcome(() => new api.Webhook(refused));
      check(result.threw && result.error instanceof api.WebhookConfigError, () => `expected WebhookConfigError, got ${describe(result.error)}`);
      shown.push(...views(result.error));
    }
    const wrongType = outcome(() => new api.Webhook([secret, other, 42]));
    check(wrongType.threw && wrongType.error instanceof TypeError, 'TypeError for a number among the secrets');
    shown.push(...views(wrongType.error));
    const text = shown.join('\n');
    for (const m of marks) check(!text.includes(m), () => `a secret shows: ${text.slice(Math.max(0, text.indexOf(m) - 200), text.indexOf(m) + 60)}`);
  });

  return cases;
}
