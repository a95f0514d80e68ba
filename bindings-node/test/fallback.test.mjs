// The wasm fallback, on copies of the installed packages (test.sh's npm-pack
// install, BOOKTO_INSTALL_DIR): the addon's platform package missing, its file
// corrupt, both backends missing, the BOOKTO_VERIFY_BACKEND switch, the
// BOOKTO_VERIFY_DEBUG line, and older Nodes (BOOKTO_OLD_NODES, a list of node
// binaries separated by ':') loading the package with require() and import.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const installDir = process.env.BOOKTO_INSTALL_DIR;
const platform = `${process.platform}-${process.arch}`;
const skip =
  (installDir === undefined && 'needs the npm-pack install made by test.sh (BOOKTO_INSTALL_DIR)') ||
  (platform !== 'linux-x64' && `the copies below name the linux-x64-gnu package; this is ${platform}`);
const addonPackage = join('node_modules', '@bookto', 'verify-linux-x64-gnu');
const here = fileURLToPath(new URL('.', import.meta.url));
const oldNodes = (process.env.BOOKTO_OLD_NODES ?? '').split(':').filter(Boolean);

const made = [];
process.on('exit', () => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});

/** A folder with copies of the installed @bookto packages and the vector runner, changed by `change`. */
function install(name, change = () => {}) {
  const dir = mkdtempSync(join(tmpdir(), `bookto-fallback-${name}-`));
  made.push(dir);
  cpSync(join(installDir, 'node_modules', '@bookto'), join(dir, 'node_modules', '@bookto'), {
    recursive: true,
    dereference: true,
  });
  mkdirSync(join(dir, 'test'));
  for (const file of ['vectors-run.mjs', 'vectors.mjs', 'fixtures.mjs']) cpSync(join(here, file), join(dir, 'test', file));
  change(dir);
  return dir;
}

function run(dir, args, { env = {}, node = process.execPath } = {}) {
  const clean = { ...process.env };
  delete clean.BOOKTO_VERIFY_DEBUG;
  delete clean.BOOKTO_VERIFY_BACKEND;
  return spawnSync(node, args, { cwd: dir, encoding: 'utf8', env: { ...clean, ...env } });
}

/** Runs every vector in `dir` and checks the backend that loaded. */
function vectors(dir, how, backend, options) {
  const result = run(dir, ['test/vectors-run.mjs', how], options);
  assert.equal(result.status, 0, `${how}: ${result.stdout}\n${result.stderr}`);
  assert.match(result.stdout, new RegExp(`^backend: ${backend} \\(${how}\\)$`, 'm'));
  assert.match(result.stdout, /^[1-9]\d* passed, 0 failed$/m);
  return result;
}

const noAddon = (dir) => rmSync(join(dir, addonPackage), { recursive: true });
const corruptAddon = (dir) =>
  writeFileSync(join(dir, addonPackage, 'bookto-verify.linux-x64-gnu.node'), 'not a shared object');
const noWasm = (dir) => rmSync(join(dir, 'node_modules', '@bookto', 'verify-wasm'), { recursive: true });

test('where the platform package is installed, the native addon runs every vector', { skip }, () => {
  const dir = install('native');
  for (const how of ['require', 'import']) {
    const result = vectors(dir, how, 'native', { env: { BOOKTO_VERIFY_DEBUG: '1' } });
    assert.equal(result.stderr, '@bookto/verify: using the native addon\n');
  }
});

test('without the platform package, every vector passes on the wasm fallback, under require and import', { skip }, () => {
  const dir = install('no-addon', noAddon);
  for (const how of ['require', 'import']) {
    const quiet = vectors(dir, how, 'wasm');
    assert.equal(quiet.stderr, '', 'the fallback is silent without BOOKTO_VERIFY_DEBUG');
    const said = vectors(dir, how, 'wasm', { env: { BOOKTO_VERIFY_DEBUG: '1' } });
    const lines = said.stderr.split('\n').filter(Boolean);
    assert.equal(lines.length, 1, said.stderr);
    assert.match(lines[0], /^@bookto\/verify: using the wasm fallback; no native addon loaded for linux-x64-gnu \(.*@bookto\/verify-linux-x64-gnu: Cannot find module/);
  }
});

test('a corrupt addon file falls back to wasm and says why', { skip }, () => {
  const dir = install('corrupt', corruptAddon);
  const result = vectors(dir, 'import', 'wasm', { env: { BOOKTO_VERIFY_DEBUG: 'true' } });
  assert.match(result.stderr, /using the wasm fallback; .*bookto-verify\.linux-x64-gnu\.node: .*(invalid ELF header|too short)/);
});

const classes = `
  (async () => {
    const cjs = require('@bookto/verify');
    const esm = await import('@bookto/verify');
    const wasm = await import('@bookto/verify/wasm');
    const headers = cjs.sign('whsec_fallback', '{"event":"ping"}', { timestamp: 100 });
    let error;
    try { new esm.Webhook('whsec_fallback').verify('{"event":"pong"}', headers, { now: 100 }); } catch (e) { error = e; }
    console.log(JSON.stringify({
      backend: cjs.backend,
      same: cjs.Webhook === esm.Webhook && cjs.SignatureMismatch === esm.SignatureMismatch,
      wasmShares: wasm.SignatureMismatch === cjs.SignatureMismatch && wasm.backend === 'wasm',
      instance: error instanceof cjs.SignatureMismatch && error instanceof wasm.WebhookVerificationError,
      code: error && error.code,
    }));
  })();`;

test('require(), import and /wasm share one set of classes on the fallback', { skip }, () => {
  const dir = install('classes', noAddon);
  const result = run(dir, ['-e', classes]);
  assert.equal(result.stderr, '');
  assert.deepEqual(JSON.parse(result.stdout), {
    backend: 'wasm',
    same: true,
    wasmShares: true,
    instance: true,
    code: 'signature_mismatch',
  });
});

test('BOOKTO_VERIFY_BACKEND forces a backend, and refuses what it cannot give', { skip }, () => {
  const withAddon = install('forced');
  vectors(withAddon, 'require', 'wasm', { env: { BOOKTO_VERIFY_BACKEND: 'wasm' } });
  vectors(withAddon, 'import', 'native', { env: { BOOKTO_VERIFY_BACKEND: 'native' } });

  const without = install('forced-missing', noAddon);
  const forced = run(without, ['-e', "require('@bookto/verify')"], { env: { BOOKTO_VERIFY_BACKEND: 'native' } });
  assert.notEqual(forced.status, 0);
  assert.match(forced.stderr, /no native addon loaded for linux-x64-gnu/);

  const typo = run(withAddon, ['-e', "require('@bookto/verify')"], { env: { BOOKTO_VERIFY_BACKEND: 'wsam' } });
  assert.notEqual(typo.status, 0);
  assert.match(typo.stderr, /BOOKTO_VERIFY_BACKEND must be "native" or "wasm", got "wsam"/);
});

test('with neither backend, one error says what to install', { skip }, () => {
  const dir = install('neither', (d) => {
    noAddon(d);
    noWasm(d);
  });
  const probe = `
    try { require('@bookto/verify'); console.log('loaded'); }
    catch (e) { console.log(JSON.stringify({ code: e.code, message: e.message })); }`;
  const result = run(dir, ['-e', probe]);
  const { code, message } = JSON.parse(result.stdout);
  assert.equal(code, 'ERR_BOOKTO_VERIFY_NO_BACKEND');
  assert.match(message, /neither backend loads on linux-x64/);
  assert.match(message, /npm i @bookto\/verify-wasm/);
  assert.match(message, /without --omit=optional/);
});

for (const node of oldNodes) {
  const version = spawnSync(node, ['--version'], { encoding: 'utf8' }).stdout.trim();
  test(`Node ${version} loads the package with require() and import, native and fallback`, { skip }, () => {
    for (const how of ['require', 'import']) {
      vectors(install(`node-${version}`), how, 'native', { node });
      vectors(install(`node-${version}-wasm`, noAddon), how, 'wasm', { node });
    }
  });

  test(`Node ${version}: concurrent imports of the package and /wasm, after a failed import`, { skip }, () => {
    const source = `
      try { await import('@bookto/verify/no-such-subpath'); } catch {}
      const [main, wasm] = await Promise.all([import('@bookto/verify'), import('@bookto/verify/wasm')]);
      const headers = main.sign('whsec_race', '{"event":"ping"}', { timestamp: 7 });
      console.log(JSON.stringify([main.backend, wasm.backend, new wasm.Webhook('whsec_race').verify('{"event":"ping"}', headers, { now: 7 }).event, main.WebhookVerificationError === wasm.WebhookVerificationError]));`;
    const result = run(install(`race-${version}`), ['--input-type=module', '-e', source], { node });
    assert.equal(result.stderr, '');
    assert.deepEqual(JSON.parse(result.stdout), ['native', 'wasm', 'ping', true]);
  });
}
