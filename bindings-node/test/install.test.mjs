// The package as installed from `npm pack` (test.sh sets BOOKTO_INSTALL_DIR to
// the fresh folder it installed the tarball into): resolution, shipped files,
// and fresh require() and import consumers.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { spawnSync } from 'node:child_process';
import { readFileSync, readdirSync, realpathSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const installDir = process.env.BOOKTO_INSTALL_DIR;
const skip = installDir === undefined && 'needs the npm-pack install made by test.sh (BOOKTO_INSTALL_DIR)';
const require = createRequire(import.meta.url);

function packageDir() {
  return dirname(require.resolve('@bookto/verify/package.json'));
}

function filesUnder(dir) {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => relative(dir, join(entry.parentPath ?? entry.path, entry.name)).split(sep).join('/'))
    .sort();
}

test('every entry point resolves into the installed copy', { skip }, () => {
  const installed = realpathSync(join(installDir, 'node_modules', '@bookto', 'verify')) + sep;
  const entries = {
    'require @bookto/verify': require.resolve('@bookto/verify'),
    'require @bookto/verify/express': require.resolve('@bookto/verify/express'),
    'require @bookto/verify/fastify': require.resolve('@bookto/verify/fastify'),
    'import @bookto/verify': fileURLToPath(import.meta.resolve('@bookto/verify')),
    'import @bookto/verify/express': fileURLToPath(import.meta.resolve('@bookto/verify/express')),
  };
  for (const [what, path] of Object.entries(entries)) {
    assert.ok(realpathSync(path).startsWith(installed), `${what} -> ${path}, not under ${installed}`);
  }
  assert.ok(entries['import @bookto/verify'].endsWith('index.mjs'));
  assert.ok(entries['require @bookto/verify'].endsWith('index.js'));
});

test('the tarballs ship the API and types, the addon in its platform package, and nothing else', { skip }, () => {
  assert.deepEqual(filesUnder(packageDir()), [
    'LICENSE-APACHE',
    'LICENSE-MIT',
    'README.md',
    'index.d.mts',
    'index.d.ts',
    'index.js',
    'index.mjs',
    'js/api.cjs',
    'js/api.mjs',
    'js/express.d.ts',
    'js/express.js',
    'js/fastify.d.ts',
    'js/fastify.js',
    'js/wasm-node.mjs',
    'js/wasm.cjs',
    'js/wasm.mjs',
    'native.cjs',
    'native.d.ts',
    'package.json',
  ]);
  const platform = join(installDir, 'node_modules', '@bookto', 'verify-linux-x64-gnu');
  assert.deepEqual(filesUnder(platform), [
    'LICENSE-APACHE',
    'LICENSE-MIT',
    'README.md',
    'bookto-verify.linux-x64-gnu.node',
    'package.json',
  ]);
  const manifest = JSON.parse(readFileSync(join(packageDir(), 'package.json'), 'utf8'));
  assert.deepEqual(manifest.dependencies, { '@bookto/verify-wasm': manifest.version });
  assert.deepEqual(Object.keys(manifest.optionalDependencies), [
    '@bookto/verify-darwin-arm64',
    '@bookto/verify-darwin-x64',
    '@bookto/verify-linux-arm64-gnu',
    '@bookto/verify-linux-arm64-musl',
    '@bookto/verify-linux-x64-gnu',
    '@bookto/verify-linux-x64-musl',
    '@bookto/verify-win32-arm64-msvc',
    '@bookto/verify-win32-x64-msvc',
  ]);
});

const consumer = {
  cjs: `
    const { Webhook, sign, SignatureMismatch, WebhookVerificationError } = require('@bookto/verify');
    const { bookto } = require('@bookto/verify/express');
    const h = sign('whsec_consumer', '{"event":"ping"}', { timestamp: 100 });
    const w = new Webhook('whsec_consumer');
    let code;
    try { w.verify('{"event":"pong"}', h, { now: 100 }); } catch (e) { code = e instanceof SignatureMismatch && e instanceof WebhookVerificationError && e.code; }
    console.log(JSON.stringify([w.verify('{"event":"ping"}', h, { now: 100 }), code, typeof bookto]));`,
  esm: `
    import { Webhook, sign, SignatureMismatch, WebhookVerificationError } from '@bookto/verify';
    import { bookto } from '@bookto/verify/fastify';
    const h = sign('whsec_consumer', '{"event":"ping"}', { timestamp: 100 });
    const w = new Webhook('whsec_consumer');
    let code;
    try { w.verify('{"event":"pong"}', h, { now: 100 }); } catch (e) { code = e instanceof SignatureMismatch && e instanceof WebhookVerificationError && e.code; }
    console.log(JSON.stringify([w.verify('{"event":"ping"}', h, { now: 100 }), code, typeof bookto]));`,
};

for (const [kind, source] of Object.entries(consumer)) {
  test(`a fresh ${kind === 'cjs' ? 'require()' : 'import'} consumer works, without warnings`, { skip }, () => {
    const args = kind === 'cjs' ? ['-e', source] : ['--input-type=module', '-e', source];
    const run = spawnSync(process.execPath, args, { cwd: installDir, encoding: 'utf8' });
    assert.equal(run.stderr, '', 'nothing on stderr (no ExperimentalWarning, no load error)');
    assert.equal(run.status, 0);
    assert.deepEqual(JSON.parse(run.stdout), [{ event: 'ping', data: { event: 'ping' } }, 'signature_mismatch', 'function']);
  });
}

test('the README that ships shows the examples that the framework tests run', async () => {
  const readme = readFileSync(join(packageDir(), 'README.md'), 'utf8');
  const examples = fileURLToPath(new URL('../examples/', import.meta.url));
  const shown = [...readme.matchAll(/<!-- example: (\S+) -->\n```js\n([\s\S]*?)```/g)];
  const frameworks = readdirSync(examples).filter((file) => file !== 'demo.mjs');
  assert.deepEqual(shown.map((m) => m[1]).sort(), frameworks.sort());
  for (const [, file, code] of shown) {
    assert.equal(code, readFileSync(join(examples, file), 'utf8'), `README block for ${file} differs from examples/${file}`);
  }
});
