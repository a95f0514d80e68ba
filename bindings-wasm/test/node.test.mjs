// Node-only checks of the installed @bookto/verify-wasm (node --test): the
// shared types and the runtime exports agree, the wasm backend throws errors
// with `code` and never traps, secrets stay out of inspect output and wasm
// memory, every entry point loads, and the README's edge quick starts are the
// example files the edge tests run.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash, createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { inspect } from 'node:util';

const here = dirname(fileURLToPath(import.meta.url));
const wasmDir = join(here, '..'); // bindings-wasm (or its installed mirror)
const repo = join(wasmDir, '..');
const require = createRequire(import.meta.url);
const pkgDir = dirname(require.resolve('@bookto/verify-wasm/package.json'));
const sample = readFileSync(join(repo, 'fixtures', 'events', 'order-paid.json'));

// The ES build (what Deno, browsers and workers load; Node's `node` condition
// picks the CommonJS bundle of the same glue), the backend createApi runs
// over, and the wasm-bindgen glue under it (the same module instance the
// entry initialised, for its memory).
const fileUrl = (name) => pathToFileURL(join(pkgDir, name)).href;
const api = await import(fileUrl('index.js'));
const { backend } = await import(fileUrl('backend.js'));
const glue = await import(fileUrl('bookto_verify_wasm.js'));
const wasmExports = glue.initSync(); // already initialised: returns the instance's exports

/** Runs fn, which must throw; returns what it threw. */
function thrown(fn) {
  try {
    fn();
  } catch (error) {
    return error;
  }
  throw new Error('expected a throw');
}

test('index.d.ts is the Node package file, byte for byte', () => {
  const shipped = readFileSync(join(pkgDir, 'index.d.ts'), 'utf8');
  const node = readFileSync(join(repo, 'bindings-node', 'index.d.ts'), 'utf8');
  assert.equal(shipped, node);
});

test('the runtime exports are exactly the values index.d.ts declares', () => {
  const dts = readFileSync(join(pkgDir, 'index.d.ts'), 'utf8');
  const declared = [...dts.matchAll(/^export declare (?:class|function|const) (\w+)/gm)].map((m) => m[1]).sort();
  assert.deepEqual(Object.keys(api).sort(), declared);
});

test('every entry point exports the same API', async () => {
  const names = Object.keys(api).sort();
  const inline = await import('@bookto/verify-wasm/inline');
  assert.deepEqual(Object.keys(inline).sort(), names);
  // Node: import re-exports the CommonJS build (index.node.mjs), so
  // require() gets the same instance on every Node from 18 on.
  const esm = await import('@bookto/verify-wasm');
  const cjs = require('@bookto/verify-wasm');
  assert.deepEqual(Object.keys(esm).sort(), names);
  assert.equal(cjs.Webhook, esm.Webhook);
  assert.equal(cjs.SignatureMismatch, esm.SignatureMismatch);
  assert.equal(require('@bookto/verify-wasm/backend').backend, (await import('@bookto/verify-wasm/backend')).backend);
  // workerd.js / edge-light.js import the .wasm as a module, which Node
  // cannot; the edge tests load them in workerd. Here: they name the file.
  for (const entry of ['workerd.js', 'edge-light.js']) {
    const source = readFileSync(join(pkgDir, entry), 'utf8');
    assert.match(source, /import module from '\.\/bookto_verify_wasm_bg\.wasm(\?module)?';/);
    assert.match(source, /initSync\(\{ module \}\)/);
  }
  const manifest = JSON.parse(readFileSync(join(pkgDir, 'package.json'), 'utf8'));
  assert.deepEqual(Object.keys(manifest.exports['.']), ['types', 'workerd', 'edge-light', 'deno', 'node', 'require', 'default']);
});

test('backend errors are Errors with the stable code as own property', () => {
  const config = thrown(() => new backend.Verifier(['bk_live_0123456789']));
  assert.ok(config instanceof Error);
  assert.equal(Object.hasOwn(config, 'code'), true);
  assert.equal(config.code, 'invalid_secret');
  assert.match(config.message, /Integrations/);
  assert.equal(config.message.includes('bk_live_0123456789'), false);

  const verifier = new backend.Verifier(['whsec_backend_test']);
  const pairs = ['x-bookto-timestamp', '1764201600', 'X-Bookto-Signature', 'sha256=' + '0'.repeat(64)];
  const mismatch = thrown(() => verifier.verifySignature(sample, pairs, 1764201600));
  // The same pairs NUL-joined, as createApi sends them.
  assert.equal(thrown(() => verifier.verifySignature(sample, pairs.join('\u0000'), 1764201600)).code, 'signature_mismatch');
  assert.ok(mismatch instanceof Error);
  assert.equal(mismatch.code, 'signature_mismatch');
  const missing = thrown(() => verifier.verify(sample, [], 0));
  assert.equal(missing.code, 'missing_header');
  assert.equal(thrown(() => backend.parseEvent(new TextEncoder().encode('[]'))).code, 'invalid_payload');
  // Headers arrive as one flat [name, value, ...] list; the core combines repeated names.
  const twice = thrown(() => verifier.verifySignature(sample, ['x-bookto-timestamp', '1', 'X-Bookto-Timestamp', '2', 'x-bookto-signature', 'v1=x'], 0));
  assert.equal(twice.code, 'invalid_timestamp');
  assert.equal(backend.readsHeader('X-BOOKTO-SIGNATURE'), true);
  assert.equal(backend.readsHeader('x-forwarded-for'), false);
  // Beyond 19 digits sign refuses, coded for createApi's RangeError.
  assert.equal(thrown(() => backend.sign('s', 10n ** 19n, sample)).code, 'ERR_OUT_OF_RANGE');
});

test('@bookto/verify can build its own API over the backend subpath (shared classes)', async () => {
  const nodeApi = await import(pathToFileURL(join(repo, 'bindings-node', 'js', 'api.mjs')).href);
  const shared = nodeApi.createApi(backend);
  const error = thrown(() => new shared.Webhook('whsec_shared_api').verify('{}', {}, { now: 0 }));
  assert.ok(error instanceof nodeApi.WebhookVerificationError);
  assert.ok(error instanceof nodeApi.MissingHeader);
  assert.equal(error.code, 'missing_header');
  assert.equal(shared.Webhook === api.Webhook, false); // its own API instance, same wasm module
  const headers = shared.sign('whsec_shared_api', sample, { timestamp: 7 });
  assert.equal(api.sign('whsec_shared_api', sample, { timestamp: 7 })['x-bookto-signature'], headers['x-bookto-signature']);
});

test('the public error carries code, class and name', () => {
  const webhook = new api.Webhook('whsec_public_error_test');
  const error = thrown(() => webhook.verify(sample, { 'x-bookto-timestamp': 'soon', 'x-bookto-signature': 'sha256=00' }, { now: 0 }));
  assert.ok(error instanceof api.InvalidTimestamp);
  assert.ok(error instanceof api.WebhookVerificationError);
  assert.equal(error.code, 'invalid_timestamp');
  assert.equal(error.name, 'InvalidTimestamp');
});

test('the system clock is used when no now is given', () => {
  const webhook = new api.Webhook('whsec_clock_test');
  assert.equal(webhook.verifySignature(sample, api.sign('whsec_clock_test', sample)), 0);
  const old = api.sign('whsec_clock_test', sample, { timestamp: Math.floor(Date.now() / 1000) - 301 });
  assert.equal(thrown(() => webhook.verifySignature(sample, old)).code, 'timestamp_too_old');
  const future = api.sign('whsec_clock_test', sample, { timestamp: Math.floor(Date.now() / 1000) + 301 });
  assert.equal(thrown(() => webhook.verifySignature(sample, future)).code, 'timestamp_too_new');
});

test('seconds: numbers and bigints beyond 2^53 reach the core exactly', () => {
  const ts = 9_999_999_999_999_999_999n; // the largest 19-digit timestamp, above 2^63
  const headers = api.sign('whsec_bigint_test', '{"event":"x"}', { timestamp: ts });
  assert.equal(headers['x-bookto-timestamp'], String(ts));
  const webhook = new api.Webhook('whsec_bigint_test', { tolerance: 0 });
  assert.equal(webhook.verifySignature('{"event":"x"}', headers, { now: ts }), 0);
  assert.equal(thrown(() => webhook.verifySignature('{"event":"x"}', headers, { now: ts - 1n })).code, 'timestamp_too_new');
  assert.equal(thrown(() => webhook.verifySignature('{"event":"x"}', headers, { now: ts + 1n })).code, 'timestamp_too_old');
  const wide = new api.Webhook('whsec_bigint_test', { tolerance: 2n ** 64n - 1n });
  assert.equal(wide.verifySignature('{"event":"x"}', headers, { now: 0 }), 0);
});

test('wrong JS types reaching the backend throw TypeError, never trap', () => {
  const verifier = new backend.Verifier(['whsec_type_test']);
  assert.ok(thrown(() => verifier.verifySignature(sample, 42, 0)) instanceof TypeError);
  assert.ok(thrown(() => verifier.verify(sample, undefined, 0)) instanceof TypeError);
  assert.ok(thrown(() => verifier.verifySignature('a string body', [], 0)) instanceof TypeError);
  assert.ok(thrown(() => verifier.verifySignature(sample, [], 'now')) instanceof TypeError);
  assert.ok(thrown(() => verifier.verifySignature(sample, ['x-bookto-timestamp', 2], 0)) instanceof TypeError);
  assert.ok(thrown(() => verifier.verify(sample, { 'x-bookto-timestamp': '1' }, 0)) instanceof TypeError);
  assert.ok(thrown(() => new backend.Verifier(['whsec_ok', 7])) instanceof TypeError);
  assert.ok(thrown(() => new backend.Verifier('whsec_not_a_list')) instanceof TypeError);
  assert.ok(thrown(() => backend.sign(7, 1, sample)) instanceof TypeError);
  assert.ok(thrown(() => verifier.setTolerance('300')) instanceof TypeError);
  assert.ok(thrown(() => backend.sign('s', {}, sample)) instanceof TypeError);
  // Out-of-range values saturate like the native backend (createApi rejects them first).
  verifier.setTolerance(-1n);
  verifier.setTolerance(2n ** 70n);
  verifier.setTolerance(Number.NaN);
  const headers = api.sign('whsec_type_test', sample, { timestamp: 5 });
  const flat = Object.entries(headers).flat();
  const saturated = thrown(() => verifier.verifySignature(sample, flat, 2n ** 80n));
  assert.equal(saturated.code, 'timestamp_too_old');
  assert.match(saturated.message, /before now \(18446744073709551615\)/);
  verifier.disableTolerance();
  assert.equal(verifier.verifySignature(sample, flat, -5n), 0);
  assert.equal(verifier.verifySignature(sample, flat.join('\0'), -5n), 0);
});

test('hostile input never traps the module', () => {
  const secret = 'whsec_fuzz_0123456789';
  const webhook = new api.Webhook([secret, 'whsec_second_fuzz'], { tolerance: 300 });
  let seed = 0x2545f491;
  const random = () => {
    seed ^= seed << 13;
    seed ^= seed >>> 17;
    seed ^= seed << 5;
    return (seed >>> 0) / 2 ** 32;
  };
  const pick = (items) => items[Math.floor(random() * items.length)];
  const bytes = (n) => Uint8Array.from({ length: n }, () => Math.floor(random() * 256));
  const text = (n) => String.fromCharCode(...Array.from({ length: n }, () => Math.floor(random() * 0x3000)));
  const codes = new Set(api.ERROR_CODES);
  const seen = new Map();
  for (let i = 0; i < 5000; i++) {
    const body = pick([() => bytes(Math.floor(random() * 300)), () => text(Math.floor(random() * 100)), () => sample, () => '{"event":' + '['.repeat(200)])();
    const signed = api.sign(pick([secret, 'other']), body, { timestamp: Math.floor(random() * 4e9) });
    const headers = {
      'x-bookto-timestamp': pick([signed['x-bookto-timestamp'], text(5), ' 12 ', '', ['1', '2'], '9'.repeat(25)]),
      'X-Bookto-Signature': pick([signed['x-bookto-signature'], text(80), 'sha256=' + 'g'.repeat(64), ',,', Array(20).fill('v9=x').join(',')]),
      'content-length': pick([undefined, '12', text(3), '99999999999999999999999']),
    };
    const now = pick([0, 2 ** 53 - 1, Math.floor(random() * 4e9), 18446744073709551615n]);
    for (const call of [() => webhook.verify(body, headers, { now }), () => webhook.verifySignature(body, headers, { now }), () => api.parseEvent(body)]) {
      try {
        call();
      } catch (error) {
        assert.ok(error instanceof api.WebhookVerificationError, `unexpected ${error && error.stack}`);
        assert.ok(codes.has(error.code));
        seen.set(error.code, (seen.get(error.code) ?? 0) + 1);
      }
    }
  }
  // Deep nesting, a large body, a lone surrogate: errors, not traps or stack overflows.
  assert.equal(thrown(() => api.parseEvent('['.repeat(1_000_000))).code, 'invalid_payload');
  assert.equal(thrown(() => api.parseEvent('{"event":"x","a":' + '['.repeat(100_000) + ']'.repeat(100_000) + '}')).code, 'invalid_payload');
  const big = new Uint8Array(8 << 20).fill(0x20);
  assert.equal(thrown(() => api.parseEvent(big)).code, 'invalid_payload');
  // The module still works afterwards.
  assert.equal(webhook.verifySignature(sample, api.sign('whsec_second_fuzz', sample)), 1);
  assert.ok(seen.size >= 5, `codes seen: ${[...seen.keys()]}`);
});

test('secrets stay out of inspect output, JSON and wasm memory', () => {
  const secrets = ['whsec_never_shown_A1b2C3d4', 'whsec_never_shown_E5f6G7h8'];
  const webhook = new api.Webhook(secrets, { tolerance: 60 });
  const views = [inspect(webhook, { showHidden: true, depth: 10 }), String(webhook), JSON.stringify(webhook), Object.keys(webhook).join()];
  for (const view of views) {
    for (const secret of secrets) assert.equal(view.includes(secret), false, view);
  }
  assert.equal(String(webhook), 'Webhook { secrets: [2 redacted], tolerance: 60 s }');
  api.sign('whsec_signing_only_Z9y8X7w6', sample);
  // The copies wasm-bindgen made to pass the strings in are zeroized on drop,
  // and the verifier keeps only keyed HMAC states: no secret text in memory.
  // Control: a body passed the same way is not wiped, and the scan finds it.
  backend.parseEvent(new TextEncoder().encode('{"event":"canary_left_in_wasm_memory_Q1w2E3"}'));
  const memory = Buffer.from(wasmExports.memory.buffer);
  assert.notEqual(memory.indexOf('canary_left_in_wasm_memory_Q1w2E3'), -1, 'the scan must see strings passed in');
  for (const secret of [...secrets, 'whsec_signing_only_Z9y8X7w6']) {
    assert.equal(memory.indexOf(secret), -1, `${secret} found in wasm memory`);
  }
});

/**
 * What HMAC-SHA256 derives from `secret` before its first compression: the
 * key block (the secret, or SHA-256 of a secret over 64 bytes, zero-padded to
 * 64 bytes), the block xor ipad (0x36) and xor opad (0x5c), and the digest of
 * a long secret. Each comes with how many leading bytes are key-derived (the
 * rest is padding, the same for every key), and is checked to be what
 * node:crypto's HMAC uses, so the scan looks for the real thing.
 */
function keyMaterial(secret) {
  let key = Buffer.from(secret);
  const found = [];
  if (key.length > 64) {
    key = createHash('sha256').update(key).digest();
    found.push(['SHA-256(secret)', key, 32]);
  }
  const block = Buffer.alloc(64);
  key.copy(block);
  const ipad = block.map((b) => b ^ 0x36);
  const opad = block.map((b) => b ^ 0x5c);
  const message = 'scan.check';
  const inner = createHash('sha256').update(ipad).update(message).digest();
  const mac = createHash('sha256').update(opad).update(inner).digest();
  assert.deepEqual(mac, createHmac('sha256', secret).update(message).digest(), 'the blocks are HMAC\'s');
  found.push(['key block', block, key.length], ['key ^ ipad', ipad, key.length], ['key ^ opad', opad, key.length]);
  // SHA-256 reads the block as big-endian 32-bit words: a message schedule
  // left in memory would hold them byte-swapped on little-endian wasm.
  for (const [name, bytes, derived] of [...found]) {
    found.push([`${name} (32-bit words byte-swapped)`, Buffer.from(bytes).swap32(), derived]);
  }
  return found;
}

/**
 * Which needles (or any 8-byte window of their key-derived part, so a
 * partly overwritten copy counts too) occur in `memory`.
 */
function leaks(memory, needles) {
  const hits = [];
  for (const [name, bytes, derived] of needles) {
    const starts = [];
    for (let at = 0; at + 8 < derived; at += 4) starts.push(at);
    starts.push(Math.max(derived, 8) - 8);
    for (const at of starts) {
      const index = memory.indexOf(bytes.subarray(at, at + 8));
      if (index !== -1) {
        hits.push(`${name} [${at}..${at + 8}) at ${index}`);
        break;
      }
    }
  }
  return hits;
}

test('no padded key, ipad/opad block or SHA-256 of a long secret stays in wasm memory', () => {
  // Distinct from every other string in this file from the first byte on.
  const short = 'Zq8-keyscan-short-P0o9I8u7Y6t5';
  const long = `Zq8-keyscan-long-${'Lk5Jh4Gf3Ds2'.repeat(8)}`; // 113 bytes: HMAC hashes it first
  assert.ok(Buffer.byteLength(long) > 64);
  const needles = [short, long].flatMap(keyMaterial);
  const scan = () => Buffer.from(wasmExports.memory.buffer);

  // Control: the scan finds key material it is meant to find. A block
  // derived like key ^ opad, passed in as a body (which is not wiped).
  const canary = keyMaterial('Zq8-canary-not-a-secret-M1n2B3v4');
  const canaryBlock = canary.find(([name]) => name === 'key ^ opad')[1];
  assert.equal(thrown(() => backend.parseEvent(canaryBlock)).code, 'invalid_payload');
  assert.notEqual(leaks(scan(), canary).length, 0, 'the scan must find a block passed in');

  // The public API (the Webhook the JS wrapper builds), sign, and a
  // second verifier straight from the wasm-bindgen glue, then freed.
  const webhook = new api.Webhook([short, long], { tolerance: 60 });
  assert.deepEqual(leaks(scan(), needles), [], 'after new Webhook(...)');
  const signature = api.sign(long, sample);
  assert.deepEqual(leaks(scan(), needles), [], 'after sign(...)');
  assert.equal(webhook.verifySignature(sample, signature), 1);
  const verifier = new glue.Verifier([long, short]);
  assert.deepEqual(leaks(scan(), needles), [], 'after new Verifier(...)');
  verifier.free();
  assert.deepEqual(leaks(scan(), needles), [], 'after verifier.free()');
  for (const secret of [short, long]) {
    assert.equal(scan().indexOf(secret), -1, `${secret} found in wasm memory`);
  }
});

test("the README's edge quick starts are the example files the edge tests run", () => {
  const readme = readFileSync(join(wasmDir, 'README.md'), 'utf8');
  const blocks = [...readme.matchAll(/<!-- example: (\S+) -->\n```(?:js|javascript)\n([\s\S]*?)```/g)];
  const files = blocks.map((m) => m[1]).sort();
  assert.deepEqual(files, ['examples/bun.js', 'examples/cloudflare-worker.js', 'examples/deno.js', 'examples/next-middleware.js']);
  for (const [, file, code] of blocks) {
    assert.equal(code, readFileSync(join(wasmDir, file), 'utf8'), `README block for ${file}`);
  }
});
