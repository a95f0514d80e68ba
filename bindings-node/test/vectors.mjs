// The shared fixture vectors (../../fixtures/*.json) run through the public
// JavaScript API of @bookto/verify.
//
// Runtime-agnostic: no Node-only import, no file access. The caller passes the
// API (the native package, or the wasm build), the parsed fixture files and
// assertion functions, so the same cases run under node:test, Bun, Deno and
// workerd:
//
//   import * as api from '@bookto/verify';
//   const cases = vectorCases(api, { verify, parseEvent, secrets, sign }, assert);
//   for (const { name, run } of cases) run();   // or runVectors(...)
//
// `assert` needs equal(actual, expected, message) and
// deepEqual(actual, expected, message) with strict semantics; `simpleAssert`
// below is a dependency-free implementation for runtimes without node:assert.

const encoder = new TextEncoder();

function base64Bytes(text) {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/** A copy of `bytes` in a fresh ArrayBuffer of exactly that length. */
function arrayBufferOf(bytes) {
  return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
}

/** A Uint8Array view at a non-zero offset inside a larger buffer. */
function offsetView(bytes) {
  const backing = new Uint8Array(bytes.length + 7);
  backing.fill(0x7b);
  backing.set(bytes, 3);
  return backing.subarray(3, 3 + bytes.length);
}

/**
 * Every form a body can be handed over in, as [label, value] pairs.
 * `extraBodyForms` adds runtime-specific ones (e.g. Node's Buffer).
 */
function bodyForms(test, extraBodyForms) {
  const forms = [];
  let bytes;
  if (typeof test.body === 'string') {
    forms.push(['string', test.body]);
    bytes = encoder.encode(test.body);
  } else {
    bytes = base64Bytes(test.body_base64);
  }
  forms.push(['Uint8Array', bytes]);
  forms.push(['Uint8Array at an offset', offsetView(bytes)]);
  forms.push(['ArrayBuffer', arrayBufferOf(bytes)]);
  forms.push(['DataView', new DataView(arrayBufferOf(bytes))]);
  for (const [label, make] of Object.entries(extraBodyForms)) forms.push([label, make(bytes)]);
  return forms;
}

/** The body's text for comparing an unknown event's data with JSON.parse. */
function bodyText(test) {
  if (typeof test.body === 'string') return test.body;
  return new TextDecoder('utf-8', { fatal: true }).decode(base64Bytes(test.body_base64));
}

/** The vector's headers as given (a plain object) and, where allowed, as Fetch Headers. */
function headerForms(test) {
  const forms = [['plain object', test.headers]];
  if (typeof Headers === 'function' && !test.flags.includes('FetchHeadersDiffer')) {
    const headers = new Headers();
    for (const [name, value] of Object.entries(test.headers)) {
      for (const v of Array.isArray(value) ? value : [value]) headers.append(name, v);
    }
    forms.push(['Fetch Headers', headers]);
  }
  return forms;
}

function newWebhook(api, secrets, tolerance) {
  const secret = secrets.length === 1 ? secrets[0] : secrets;
  return tolerance === undefined ? new api.Webhook(secret) : new api.Webhook(secret, { tolerance });
}

/**
 * An event object in the vectors' normalised form: the same keys, money as
 * its exact text. Each `exact` object names its object's money fields, and
 * each must hold the number JSON.parse gives for that text. Walks nested
 * objects, so no field is listed here.
 */
function normalised(assert, value, where) {
  if (value === null || typeof value !== 'object') return value;
  const out = {};
  for (const [key, item] of Object.entries(value)) if (key !== 'exact') out[key] = normalised(assert, item, `${where}.${key}`);
  if (value.exact !== undefined) {
    for (const [key, text] of Object.entries(value.exact)) {
      assert.equal(typeof text, 'string', `${where}.exact.${key}`);
      assert.equal(value[key], JSON.parse(text), `${where}.${key} as JSON.parse gives it`);
      out[key] = text;
    }
  }
  return out;
}

/**
 * Checks an event from the API against a fixture's normalised event:
 * the exact set of keys, money as `exact` text plus the number JSON.parse
 * gives for that text, and an unknown event's data against JSON.parse(body).
 */
function checkEvent(assert, event, expected, text, where) {
  if (expected.kind === 'unknown') {
    assert.deepEqual(Object.keys(event).sort(), ['data', 'event'], `${where}: unknown event keys`);
    assert.equal(event.event, expected.event, `${where}: event name`);
    assert.deepEqual(event.data, JSON.parse(text), `${where}: data is the body's JSON`);
    return;
  }
  assert.equal(expected.kind, 'order.paid', `${where}: fixture kind`);
  assert.equal(event.eventType, 'order.paid', `${where}: eventType`);
  const { kind, ...wire } = expected;
  assert.deepEqual(normalised(assert, event, where), wire, `${where}: event`);
}

/** Secrets long enough that finding one in a message cannot be chance. */
function secretsToHide(secrets) {
  return secrets.map((s) => s.trim()).filter((s) => s.length >= 8);
}

const CLASS_BY_CODE = {
  missing_header: 'MissingHeader',
  invalid_timestamp: 'InvalidTimestamp',
  timestamp_too_old: 'TimestampTooOld',
  timestamp_too_new: 'TimestampTooNew',
  invalid_signature_header: 'InvalidSignatureHeader',
  signature_mismatch: 'SignatureMismatch',
  invalid_payload: 'InvalidPayload',
};

/** Runs `fn`, which must throw the verification error `expected` describes. */
function expectError(api, assert, fn, expected, hide, where) {
  let error;
  try {
    fn();
  } catch (e) {
    error = e;
  }
  if (error === undefined) throw new Error(`${where}: expected ${expected.error}, but it passed`);
  if (!(error instanceof api.WebhookVerificationError)) {
    throw new Error(`${where}: expected a WebhookVerificationError, got ${error && error.stack}`);
  }
  assert.equal(error.code, expected.error, `${where}: code (message: ${error.message})`);
  const Class = api[CLASS_BY_CODE[expected.error]];
  assert.equal(error instanceof Class, true, `${where}: instanceof ${CLASS_BY_CODE[expected.error]}`);
  assert.equal(error.name, CLASS_BY_CODE[expected.error], `${where}: name`);
  for (const part of expected.message_contains ?? []) {
    assert.equal(error.message.includes(part), true, `${where}: message ${JSON.stringify(error.message)} contains ${JSON.stringify(part)}`);
  }
  for (const secret of hide) {
    assert.equal(error.message.includes(secret), false, `${where}: message must not contain a secret`);
  }
}

function verifyCases(api, file, assert, options) {
  return file.tests.map((test) => ({
    name: `verify.json #${test.id}: ${test.comment}`,
    run() {
      const webhook = newWebhook(api, test.secrets, test.tolerance);
      const hide = secretsToHide(test.secrets);
      const opts = { now: test.now };
      for (const [bodyLabel, body] of bodyForms(test, options.extraBodyForms)) {
        for (const [headersLabel, headers] of headerForms(test)) {
          const where = `#${test.id} (body as ${bodyLabel}, headers as ${headersLabel})`;
          if (test.signature.result === 'valid') {
            assert.equal(webhook.verifySignature(body, headers, opts), test.signature.matched, `${where}: matched secret`);
          } else {
            expectError(api, assert, () => webhook.verifySignature(body, headers, opts), test.signature, hide, `${where} verifySignature`);
          }
          if (test.verify.result === 'valid') {
            checkEvent(assert, webhook.verify(body, headers, opts), test.verify.event, bodyText(test), `${where} verify`);
          } else {
            expectError(api, assert, () => webhook.verify(body, headers, opts), test.verify, hide, `${where} verify`);
          }
        }
      }
    },
  }));
}

function parseEventCases(api, file, assert, options) {
  return file.tests.map((test) => ({
    name: `parse_event.json #${test.id}: ${test.comment}`,
    run() {
      for (const [bodyLabel, body] of bodyForms(test, options.extraBodyForms)) {
        const where = `#${test.id} (body as ${bodyLabel})`;
        if (test.result === 'valid') {
          checkEvent(assert, api.parseEvent(body), test.event, bodyText(test), where);
        } else {
          expectError(api, assert, () => api.parseEvent(body), test, [], where);
        }
      }
    },
  }));
}

function secretsCases(api, file, assert) {
  return file.tests.map((test) => ({
    name: `secrets.json #${test.id}: ${test.comment}`,
    run() {
      const where = `#${test.id}`;
      if (test.result === 'invalid') {
        let error;
        try {
          newWebhook(api, test.secrets);
        } catch (e) {
          error = e;
        }
        if (error === undefined) throw new Error(`${where}: construction should fail`);
        assert.equal(error instanceof api.WebhookConfigError, true, `${where}: WebhookConfigError (${error && error.stack})`);
        assert.equal(error instanceof api.WebhookVerificationError, false, `${where}: not a verification error`);
        assert.equal(error.code, test.error, `${where}: code`);
        assert.equal(error.name, 'WebhookConfigError', `${where}: name`);
        for (const part of test.message_contains ?? []) {
          assert.equal(error.message.includes(part), true, `${where}: message contains ${JSON.stringify(part)}`);
        }
        for (const secret of secretsToHide(test.secrets)) {
          assert.equal(error.message.includes(secret), false, `${where}: message must not contain a secret`);
        }
        return;
      }
      const webhook = newWebhook(api, test.secrets);
      const { check } = test;
      const headers = { 'x-bookto-timestamp': check.timestamp, 'x-bookto-signature': check.signature };
      const matched = webhook.verifySignature(check.body, headers, { now: Number(check.timestamp) });
      assert.equal(matched, check.matched, `${where}: matched secret`);
    },
  }));
}

function signCases(api, file, assert, options) {
  return file.tests.map((test) => ({
    name: `sign.json #${test.id}: ${test.comment}`,
    run() {
      for (const [bodyLabel, body] of bodyForms(test, options.extraBodyForms)) {
        const where = `#${test.id} (body as ${bodyLabel})`;
        const headers = api.sign(test.secret, body, { timestamp: test.timestamp });
        assert.deepEqual(
          headers,
          { 'x-bookto-timestamp': String(test.timestamp), 'x-bookto-signature': test.signature },
          `${where}: signed headers`,
        );
      }
    },
  }));
}

// --- hosts.json: host-level inputs (see the file's header) ---

/** The string whose WTF-8 form is these bytes (lone surrogates as code units). */
function wtf8String(base64) {
  const b = base64Bytes(base64);
  let out = '';
  for (let i = 0; i < b.length; ) {
    const c = b[i];
    let cp;
    let n;
    if (c < 0x80) [cp, n] = [c, 1];
    else if (c >= 0xf0) [cp, n] = [((c & 7) << 18) | ((b[i + 1] & 63) << 12) | ((b[i + 2] & 63) << 6) | (b[i + 3] & 63), 4];
    else if (c >= 0xe0) [cp, n] = [((c & 15) << 12) | ((b[i + 1] & 63) << 6) | (b[i + 2] & 63), 3];
    else [cp, n] = [((c & 31) << 6) | (b[i + 1] & 63), 2];
    out += String.fromCodePoint(cp);
    i += n;
  }
  return out;
}

/**
 * A hosts.json value as the JS value it stands for: null is `missing` (the
 * runner tries null and undefined), {wtf8} a string holding lone surrogates,
 * {parsed} an already-parsed body.
 */
function hostValue(value, missing) {
  if (value === null) return missing;
  if (Array.isArray(value)) return value.map((v) => hostValue(v, missing));
  if (typeof value === 'object') {
    const keys = Object.keys(value);
    if (keys.length === 1 && keys[0] === 'wtf8') return wtf8String(value.wtf8);
    if (keys.length === 1 && keys[0] === 'parsed') return value.parsed;
    return Object.fromEntries(keys.map((k) => [k, hostValue(value[k], missing)]));
  }
  return value;
}

/** Runs `fn`, which must throw a TypeError (a programmer error, never a coded one). */
function expectTypeError(api, assert, fn, hide, where) {
  let error;
  try {
    fn();
  } catch (e) {
    error = e;
  }
  if (error === undefined) throw new Error(`${where}: expected a TypeError, but it passed`);
  assert.equal(error instanceof TypeError, true, `${where}: TypeError (got ${error && error.stack})`);
  assert.equal(error instanceof api.WebhookVerificationError || error instanceof api.WebhookConfigError, false, `${where}: not a coded error`);
  for (const secret of hide) assert.equal(error.message.includes(secret), false, `${where}: message must not contain a secret`);
}

/** Runs `fn`, which must throw the WebhookConfigError `expected` describes. */
function expectConfigError(api, assert, fn, expected, hide, where) {
  let error;
  try {
    fn();
  } catch (e) {
    error = e;
  }
  if (error === undefined) throw new Error(`${where}: expected invalid_secret, but it passed`);
  assert.equal(error instanceof api.WebhookConfigError, true, `${where}: WebhookConfigError (${error && error.stack})`);
  assert.equal(error.code, 'invalid_secret', `${where}: code`);
  for (const part of expected.message_contains ?? []) {
    assert.equal(error.message.includes(part), true, `${where}: message ${JSON.stringify(error.message)} contains ${JSON.stringify(part)}`);
  }
  for (const secret of hide) assert.equal(error.message.includes(secret), false, `${where}: message must not contain a secret`);
}

/** Checks one hosts.json outcome: `valid(value)` on success. */
function expectHost(api, assert, fn, expected, hide, where, valid) {
  if (expected.result === 'type_error') return expectTypeError(api, assert, fn, hide, where);
  if (expected.result === 'invalid' && expected.error === 'invalid_secret') return expectConfigError(api, assert, fn, expected, hide, where);
  if (expected.result === 'invalid') return expectError(api, assert, fn, expected, hide, where);
  return valid(fn());
}

function hostsCases(api, file, assert) {
  return file.tests.map((test) => ({
    name: `hosts.json #${test.id}: ${test.comment}`,
    run() {
      const given = 'secret' in test ? [test.secret] : test.secrets ?? [];
      const hide = secretsToHide(given.filter((s) => typeof s === 'string'));
      for (const missing of [null, undefined]) {
        const where = `#${test.id} (null as ${missing})`;
        const host = (value) => hostValue(value, missing);
        const webhook = () => {
          const secret = host('secret' in test ? test.secret : test.secrets);
          return 'tolerance' in test ? new api.Webhook(secret, { tolerance: test.tolerance }) : new api.Webhook(secret);
        };
        const body = () => ('body_base64' in test ? base64Bytes(test.body_base64) : host(test.body));
        if (test.call === 'webhook') {
          expectHost(api, assert, webhook, test.result, hide, `${where} new Webhook`, () => {});
        } else if (test.call === 'verify') {
          const verifier = webhook();
          const own = host(test.headers);
          const headers = 'inherited_headers' in test ? Object.assign(Object.create(host(test.inherited_headers)), own) : own;
          const opts = { now: host(test.now) };
          expectHost(api, assert, () => verifier.verifySignature(body(), headers, opts), test.signature, hide, `${where} verifySignature`, (matched) =>
            assert.equal(matched, test.signature.matched, `${where}: matched secret`),
          );
          expectHost(api, assert, () => verifier.verify(body(), headers, opts), test.verify, hide, `${where} verify`, (event) =>
            checkEvent(assert, event, test.verify.event, body(), `${where} verify`),
          );
        } else if (test.call === 'sign') {
          expectHost(api, assert, () => api.sign(host(test.secret), body(), { timestamp: test.timestamp }), test.result, hide, `${where} sign`, (headers) =>
            assert.deepEqual(headers, { 'x-bookto-timestamp': String(test.timestamp), 'x-bookto-signature': test.result.signature }, `${where}: signed headers`),
          );
        } else if (test.call === 'parse_event') {
          expectHost(api, assert, () => api.parseEvent(body()), test.result, [], `${where} parseEvent`, (event) =>
            checkEvent(assert, event, test.result.event, body(), `${where} parseEvent`),
          );
        } else {
          throw new Error(`${where}: unknown call ${test.call}`);
        }
      }
    },
  }));
}

/**
 * Every vector as a named case. `fixtures` holds the parsed files:
 * { verify, parseEvent, secrets, sign, hosts } (verify.json, parse_event.json, ...).
 * `options.extraBodyForms` maps a label to bytes => body (e.g. Buffer.from).
 */
export function vectorCases(api, fixtures, assert, options = {}) {
  const opts = { extraBodyForms: {}, ...options };
  const cases = [
    ...verifyCases(api, fixtures.verify, assert, opts),
    ...parseEventCases(api, fixtures.parseEvent, assert, opts),
    ...secretsCases(api, fixtures.secrets, assert, opts),
    ...signCases(api, fixtures.sign, assert, opts),
    ...hostsCases(api, fixtures.hosts, assert, opts),
  ];
  const expected =
    fixtures.verify.numberOfTests +
    fixtures.parseEvent.numberOfTests +
    fixtures.secrets.numberOfTests +
    fixtures.sign.numberOfTests +
    fixtures.hosts.numberOfTests;
  if (cases.length !== expected) throw new Error(`expected ${expected} vectors, found ${cases.length}`);
  return cases;
}

/** Runs every case; returns { passed, failed, failures: [{ name, error }] }. */
export function runVectors(api, fixtures, assert = simpleAssert, options = {}) {
  const failures = [];
  let passed = 0;
  for (const { name, run } of vectorCases(api, fixtures, assert, options)) {
    try {
      run();
      passed++;
    } catch (error) {
      failures.push({ name, error });
    }
  }
  return { passed, failed: failures.length, failures };
}

function isPlainValue(value) {
  return value === null || typeof value !== 'object';
}

function deepEqualValues(a, b) {
  if (isPlainValue(a) || isPlainValue(b)) return Object.is(a, b);
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Object.getPrototypeOf(a) !== Object.getPrototypeOf(b)) return false;
  const keysA = Object.keys(a);
  const keysB = Object.keys(b);
  if (keysA.length !== keysB.length) return false;
  return keysA.every((key) => Object.prototype.hasOwnProperty.call(b, key) && deepEqualValues(a[key], b[key]));
}

/** Strict equal/deepEqual for runtimes without node:assert (JSON-like values). */
export const simpleAssert = {
  equal(actual, expected, message) {
    if (!Object.is(actual, expected)) {
      throw new Error(`${message}: expected ${String(expected)}, got ${String(actual)}`);
    }
  },
  deepEqual(actual, expected, message) {
    if (!deepEqualValues(actual, expected)) {
      throw new Error(`${message}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`);
    }
  },
};
