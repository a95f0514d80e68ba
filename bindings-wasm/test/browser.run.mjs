// `npm i @bookto/verify` in a browser: a page whose script imports
// '@bookto/verify', bundled by esbuild for the browser (the `browser`
// condition picks the wasm build), served on 127.0.0.1 and run by headless
// Chromium (Debian's package; test.sh installs it when missing). The page
// signs, verifies and refuses a tampered body, and writes what it saw into the
// DOM, which Chromium dumps. Prints "N passed, N failed".
//
// Run from the installed test folder (test.sh), with BOOKTO_WASM_TOOLS = the
// bindings-wasm folder whose node_modules holds esbuild.
import { execFile, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const app = join(dirname(fileURLToPath(import.meta.url)), '..');
const esbuild = createRequire(join(process.env.BOOKTO_WASM_TOOLS, 'package.json'))('esbuild');
const chromium = process.env.CHROMIUM ?? '/usr/bin/chromium';
const out = mkdtempSync(join(tmpdir(), 'bookto-browser-'));

const entry = join(app, 'browser-entry.js');
writeFileSync(
  entry,
  `import { Webhook, WebhookVerificationError, backend, sign } from '@bookto/verify';
const body = '{"event":"order.refunded","order_id":"42"}';
const headers = sign('whsec_browser_test', body);
const webhook = new Webhook('whsec_browser_test');
let code;
try { webhook.verify(body + ' ', headers); } catch (e) { code = e instanceof WebhookVerificationError && e.code; }
const result = { backend, event: webhook.verify(body, headers).event, code };
document.getElementById('result').textContent = JSON.stringify(result);
`,
);
await esbuild.build({ entryPoints: [entry], bundle: true, platform: 'browser', format: 'esm', outfile: join(out, 'app.js'), logLevel: 'error' });
rmSync(entry);

const page = '<!doctype html><html><body><pre id="result">not run</pre><script type="module" src="/app.js"></script></body></html>';
const server = createServer((req, res) => {
  if (req.url === '/app.js') res.writeHead(200, { 'content-type': 'text/javascript' }).end(readFileSync(join(out, 'app.js')));
  else res.writeHead(200, { 'content-type': 'text/html' }).end(page);
});
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const url = `http://127.0.0.1:${server.address().port}/`;

// Asynchronously: the page loads from this process's server while Chromium runs.
const dom = await new Promise((resolve, reject) => {
  execFile(
    chromium,
    ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', `--user-data-dir=${join(out, 'profile')}`,
      '--virtual-time-budget=10000', '--dump-dom', url],
    { timeout: 60_000 },
    (error, stdout, stderr) => (error ? reject(new Error(`${error.message}\n${stderr}`)) : resolve(stdout)),
  );
});
server.close();
rmSync(out, { recursive: true, force: true });

const shown = /<pre id="result">([^<]*)<\/pre>/.exec(dom)?.[1];
const expected = JSON.stringify({ backend: 'wasm', event: 'order.refunded', code: 'signature_mismatch' });
const version = spawnSync(chromium, ['--version'], { encoding: 'utf8' }).stdout.trim();
if (shown === expected) {
  console.log(`${version}: ${shown}\n1 passed, 0 failed`);
} else {
  console.log(`${version}: the page showed ${shown ?? dom}\n0 passed, 1 failed`);
  process.exitCode = 1;
}
