// A Lambda handler that imports @bookto/verify, bundled by esbuild
// (--platform=node, ESM and CJS output) and webpack (target 'node') with no
// flags or loaders of ours, then copied away from node_modules and run: the
// bundle cannot hold the .node file, so it runs on the inlined wasm fallback.
// Needs test.sh's npm-pack install (BOOKTO_INSTALL_DIR) and the bundlers from
// bindings-node's dev dependencies (BOOKTO_TOOLS: their node_modules/.bin).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createRequire } from 'node:module';

const installDir = process.env.BOOKTO_INSTALL_DIR;
const tools = process.env.BOOKTO_TOOLS;
const skip = (installDir === undefined || tools === undefined) && 'needs BOOKTO_INSTALL_DIR and BOOKTO_TOOLS (test.sh)';
const SECRET = 'whsec_lambda_bundle';

const HANDLER = `import { Webhook, isOrderPaid, WebhookVerificationError, backend } from '@bookto/verify';

const webhook = new Webhook(process.env.BOOKTO_WEBHOOK_SECRET);

export const handler = async (event) => {
  const body = event.isBase64Encoded ? Buffer.from(event.body, 'base64') : event.body;
  try {
    const delivery = webhook.verify(body, event.headers);
    const order = isOrderPaid(delivery) ? delivery.order_number : null;
    return { statusCode: 200, body: JSON.stringify({ event: delivery.event, order, backend }) };
  } catch (error) {
    if (error instanceof WebhookVerificationError) return { statusCode: 400, body: JSON.stringify({ error: error.code }) };
    throw error;
  }
};
`;

let work;
function workDir() {
  if (!work) {
    work = mkdtempSync(join(installDir, 'bundle-'));
    process.on('exit', () => rmSync(work, { recursive: true, force: true }));
    writeFileSync(join(work, 'handler.mjs'), HANDLER);
  }
  return work;
}

/** Copies the bundle into an empty folder outside any node_modules and calls its handler. */
async function callAway(bundle, name) {
  const away = mkdtempSync(join(tmpdir(), 'bookto-lambda-'));
  process.on('exit', () => rmSync(away, { recursive: true, force: true }));
  copyFileSync(bundle, join(away, name));
  process.env.BOOKTO_WEBHOOK_SECRET = SECRET;
  const mod = name.endsWith('.mjs') ? await import(pathToFileURL(join(away, name))) : createRequire(join(away, 'x.js'))(`./${name}`);
  const { sign } = await import('@bookto/verify');
  const body = JSON.stringify({ event: 'order.paid.preview', order_number: 'BK-1' });
  const headers = sign(SECRET, body);
  const ok = await mod.handler({ body: Buffer.from(body).toString('base64'), isBase64Encoded: true, headers });
  const tampered = await mod.handler({ body: body.replace('BK-1', 'BK-2'), isBase64Encoded: false, headers });
  return [ok.statusCode, JSON.parse(ok.body), tampered.statusCode, JSON.parse(tampered.body)];
}

const expected = [200, { event: 'order.paid.preview', order: null, backend: 'wasm' }, 400, { error: 'signature_mismatch' }];

for (const format of ['esm', 'cjs']) {
  test(`esbuild --bundle --platform=node --format=${format}: the copied bundle verifies`, { skip }, async () => {
    const dir = workDir();
    const out = join(dir, `esbuild-${format}`, format === 'esm' ? 'handler.mjs' : 'handler.cjs');
    execFileSync(join(tools, 'esbuild'), ['handler.mjs', '--bundle', '--platform=node', `--format=${format}`, `--outfile=${out}`, '--log-level=error'], { cwd: dir });
    assert.deepEqual(await callAway(out, format === 'esm' ? 'handler.mjs' : 'handler.cjs'), expected);
  });
}

test("webpack (target 'node', production): the copied bundle verifies", { skip }, async () => {
  const dir = workDir();
  mkdirSync(join(dir, 'webpack'), { recursive: true });
  writeFileSync(
    join(dir, 'webpack.config.cjs'),
    `module.exports = { mode: 'production', target: 'node', entry: './handler.mjs',
       output: { path: __dirname + '/webpack', filename: 'handler.js', library: { type: 'commonjs2' } } };`,
  );
  execFileSync(join(tools, 'webpack'), ['--config', 'webpack.config.cjs'], { cwd: dir, stdio: 'pipe' });
  assert.deepEqual(await callAway(join(dir, 'webpack', 'handler.js'), 'handler.js'), expected);
});
