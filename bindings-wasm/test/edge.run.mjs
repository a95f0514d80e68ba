// The edge runtimes, driven from Node over real HTTP on 127.0.0.1:
//
// - workerd: the whole vector suite inside a worker, then the README's
//   Cloudflare worker (examples/cloudflare-worker.js), each bundled as wrangler
//   bundles (esbuild, conditions workerd/worker/browser, the .wasm kept as a
//   module) and served by `workerd serve` with `wasm = embed`;
// - miniflare: the same Cloudflare worker bundle; `wrangler dev` itself, which
//   bundles the example and its `@bookto/verify` import the way a deploy does;
// - the Next.js middleware (examples/next-middleware.js) resolved with the
//   `edge-light` condition and its `.wasm?module` import mapped to a compiled
//   module, as Next's bundler does, then run in workerd (no dynamic wasm);
// - Deno (`deno serve examples/deno.js`) and Bun (`bun examples/bun.js`).
//
// Each example receives signed, tampered, stale, unsigned, unknown-event and
// bad-payload POSTs and must answer 200 / 400 with the code.
//
// Run from the installed test folder (test.sh): `node test/edge.run.mjs`, with
// BOOKTO_WASM_TOOLS = the bindings-wasm folder whose node_modules holds
// esbuild, workerd, miniflare, wrangler, deno and bun.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, copyFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import assert from 'node:assert/strict';

import { sign } from '@bookto/verify-wasm';

const here = dirname(fileURLToPath(import.meta.url));
const app = join(here, '..'); // the folder whose node_modules holds @bookto/verify-wasm
const tools = process.env.BOOKTO_WASM_TOOLS;
if (!tools) throw new Error('set BOOKTO_WASM_TOOLS to the bindings-wasm folder (its node_modules has the runtimes)');
const toolsRequire = createRequire(join(tools, 'package.json'));
const esbuild = toolsRequire('esbuild');
const { Miniflare } = toolsRequire('miniflare');
const bin = (name) => join(tools, 'node_modules', '.bin', name);

const pkgDir = join(app, 'node_modules', '@bookto', 'verify-wasm');
const WASM = 'bookto_verify_wasm_bg.wasm';
const SECRET = 'whsec_edge_e2e_0123456789abcdef';
const sample = readFileSync(join(app, '..', 'fixtures', 'events', 'order-paid.json'));
const unknownEvent = readFileSync(join(app, '..', 'fixtures', 'events', 'unknown-event.json'));
const sampleEvent = JSON.parse(sample);

let failed = 0;
let passed = 0;
const out = mkdtempSync(join(tmpdir(), 'bookto-wasm-edge-'));
const children = new Set();

function check(label, fn) {
  return Promise.resolve()
    .then(fn)
    .then(
      () => {
        passed++;
      },
      (error) => {
        failed++;
        console.error(`FAIL ${label}\n  ${error && error.stack}`);
      },
    );
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** Starts a child process; resolves with it and a getter for its output. */
function start(command, args, options = {}) {
  const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'], ...options });
  children.add(child);
  let output = '';
  child.stdout.on('data', (d) => (output += d));
  child.stderr.on('data', (d) => (output += d));
  child.on('exit', () => children.delete(child));
  return { child, output: () => output };
}

async function stop({ child }) {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
}

/** Waits until `url` answers any HTTP response (or the process dies). */
async function ready(url, proc, what) {
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (proc.child.exitCode !== null) throw new Error(`${what} exited:\n${proc.output()}`);
    try {
      await fetch(url, { signal: AbortSignal.timeout(2000) });
      return;
    } catch {
      if (Date.now() > deadline) throw new Error(`${what} did not answer on ${url}:\n${proc.output()}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}

/** Waits for a URL printed by a server on its output. */
async function printedUrl(proc, what) {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const match = /https?:\/\/(?:127\.0\.0\.1|localhost)[^\s/]*\/?/.exec(proc.output());
    if (match) return match[0].replace('localhost', '127.0.0.1');
    if (proc.child.exitCode !== null || Date.now() > deadline) throw new Error(`${what} printed no URL:\n${proc.output()}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/**
 * Bundles `entry` as wrangler does: ES module, the given export conditions,
 * every `.wasm` import left as a module import (workerd loads it with
 * `wasm = embed`); `wasmQuery` also maps `x.wasm?module` (Next.js) to it.
 */
async function bundle(entry, name, { conditions, define = {} }) {
  const outfile = join(out, name);
  const result = await esbuild.build({
    entryPoints: [entry],
    bundle: true,
    format: 'esm',
    platform: 'neutral',
    target: 'es2022',
    conditions,
    mainFields: ['module', 'main'],
    define,
    outfile,
    logLevel: 'warning',
    metafile: true,
    plugins: [
      {
        name: 'wasm-module',
        setup(build) {
          // What wrangler's CompiledWasm rule and Next's `?module` loader do:
          // the import yields a WebAssembly.Module that the runtime compiled.
          build.onResolve({ filter: /\.wasm(\?module)?$/ }, (args) => ({
            path: `./${args.path.replace(/^.*\//, '').replace(/\?module$/, '')}`,
            external: true,
          }));
        },
      },
    ],
  });
  const inputs = Object.keys(result.metafile.inputs);
  copyFileSync(join(pkgDir, WASM), join(out, WASM));
  return { outfile, inputs };
}

function capnp(name, bundleFile, port, bindings = {}) {
  const bindingList = Object.entries(bindings)
    .map(([k, v]) => `(name = ${JSON.stringify(k)}, text = ${JSON.stringify(v)})`)
    .join(', ');
  const file = join(out, `${name}.capnp`);
  writeFileSync(
    file,
    `using Workerd = import "/workerd/workerd.capnp";

const config :Workerd.Config = (
  services = [ (name = "main", worker = .worker) ],
  sockets = [ (name = "http", address = "127.0.0.1:${port}", http = (), service = "main") ],
);

const worker :Workerd.Worker = (
  modules = [
    (name = "worker.js", esModule = embed ${JSON.stringify(bundleFile)}),
    (name = "${WASM}", wasm = embed "${WASM}"),
  ],
  bindings = [ ${bindingList} ],
  compatibilityDate = "2026-04-26",
);
`,
  );
  return file;
}

async function serveWorkerd(name, bundleFile, bindings) {
  const port = await freePort();
  const config = capnp(name, bundleFile, port, bindings);
  const proc = start(bin('workerd'), ['serve', config], { cwd: out });
  const url = `http://127.0.0.1:${port}/`;
  await ready(url, proc, `workerd (${name})`);
  return { url, proc };
}

/** The requests every example must answer, with the expected status and JSON. */
function deliveries() {
  const tampered = Buffer.from(sample);
  tampered[tampered.indexOf('1.21')] = '7'.charCodeAt(0); // 1.21 -> 7.21: the amount was changed
  const stale = Math.floor(Date.now() / 1000) - 3600;
  const badPayload = Buffer.from('{"event":"order.paid","order_id":"x"}');
  return [
    {
      name: 'signed order.paid',
      body: sample,
      headers: sign(SECRET, sample),
      status: 200,
      json: { received: 'order.paid', order: sampleEvent.order_number, total: '1.21' },
    },
    {
      name: 'signed unknown event',
      body: unknownEvent,
      headers: sign(SECRET, unknownEvent),
      status: 200,
      json: { received: JSON.parse(unknownEvent).event },
    },
    { name: 'tampered body', body: tampered, headers: sign(SECRET, sample), status: 400, json: { error: 'signature_mismatch' } },
    { name: 'other secret', body: sample, headers: sign('whsec_someone_else', sample), status: 400, json: { error: 'signature_mismatch' } },
    { name: 'stale timestamp', body: sample, headers: sign(SECRET, sample, { timestamp: stale }), status: 400, json: { error: 'timestamp_too_old' } },
    { name: 'no signature headers', body: sample, headers: {}, status: 400, json: { error: 'missing_header' } },
    { name: 'signed bad payload', body: badPayload, headers: sign(SECRET, badPayload), status: 400, json: { error: 'invalid_payload' } },
  ];
}

async function drive(label, url) {
  for (const d of deliveries()) {
    await check(`${label}: ${d.name}`, async () => {
      const response = await fetch(url, {
        method: 'POST',
        body: d.body,
        headers: { 'content-type': 'application/json', ...d.headers },
      });
      const text = await response.text();
      let json;
      try {
        json = JSON.parse(text);
      } catch {
        throw new Error(`${response.status} ${text}`);
      }
      assert.deepEqual({ status: response.status, json }, { status: d.status, json: d.json });
    });
  }
  await check(`${label}: GET is refused`, async () => {
    const response = await fetch(url);
    assert.equal(response.status, 405);
  });
  console.log(`${label}: ${deliveries().length + 1} requests checked`);
}

const WRANGLER_CONDITIONS = ['workerd', 'worker', 'browser'];

async function workerdVectors() {
  const { outfile, inputs } = await bundle(join(here, 'workerd', 'vectors-worker.mjs'), 'vectors-worker.js', {
    conditions: WRANGLER_CONDITIONS,
  });
  await check('workerd bundle uses the workerd entry (no inlined bytes)', () => {
    assert.ok(inputs.some((i) => i.endsWith('verify-wasm/workerd.js')), inputs.join('\n'));
    assert.ok(!inputs.some((i) => i.endsWith('wasm-inline.js')), 'wasm-inline.js was bundled');
  });
  const server = await serveWorkerd('vectors', 'vectors-worker.js');
  try {
    const response = await fetch(server.url);
    const result = await response.json();
    for (const { name, message } of result.failures) console.error(`FAIL workerd ${name}\n  ${message}`);
    console.log(`workerd (${result.runtime}): ${result.passed} vectors passed, ${result.failed} failed`);
    passed += result.passed;
    failed += result.failed;
    if (result.passed === 0) failed++;
  } finally {
    await stop(server.proc);
  }
  return outfile;
}

async function cloudflareWorker() {
  const { inputs } = await bundle(join(app, 'examples', 'cloudflare-worker.js'), 'cloudflare-worker.js', {
    conditions: WRANGLER_CONDITIONS,
  });
  await check('Cloudflare bundle uses the workerd entry', () => {
    assert.ok(inputs.some((i) => i.endsWith('verify-wasm/workerd.js')), inputs.join('\n'));
  });
  const server = await serveWorkerd('cloudflare', 'cloudflare-worker.js', { BOOKTO_WEBHOOK_SECRET: SECRET });
  try {
    await drive('workerd serve: examples/cloudflare-worker.js', server.url);
  } finally {
    await stop(server.proc);
  }

  const mf = new Miniflare({
    modules: true,
    scriptPath: join(out, 'cloudflare-worker.js'),
    modulesRoot: out,
    modulesRules: [
      { type: 'ESModule', include: ['**/*.js', '**/*.mjs'] },
      { type: 'CompiledWasm', include: ['**/*.wasm'] },
    ],
    bindings: { BOOKTO_WEBHOOK_SECRET: SECRET },
    compatibilityDate: '2026-04-26',
    host: '127.0.0.1',
    port: await freePort(),
  });
  try {
    const url = String(await mf.ready);
    await drive('miniflare: examples/cloudflare-worker.js', url);
  } finally {
    await mf.dispose();
  }
}

/** The Cloudflare example under `wrangler dev` itself (wrangler bundles @bookto/verify, workerd serves it). */
async function wranglerDev() {
  const project = mkdtempSync(join(app, 'wrangler-')); // inside the app: its node_modules resolve
  copyFileSync(join(app, 'examples', 'cloudflare-worker.js'), join(project, 'worker.js'));
  writeFileSync(join(project, 'wrangler.toml'), 'name = "bookto-verify-test"\nmain = "worker.js"\ncompatibility_date = "2026-04-01"\n');
  const port = await freePort();
  const proc = start(
    bin('wrangler'),
    ['dev', '--ip', '127.0.0.1', '--port', String(port), '--var', `BOOKTO_WEBHOOK_SECRET:${SECRET}`,
      '--show-interactive-dev-session=false', '--log-level=warn'],
    // Its own process group: wrangler starts workerd, and both must go.
    { cwd: project, detached: true, env: { ...process.env, WRANGLER_SEND_METRICS: 'false', CI: '1', NO_COLOR: '1' } },
  );
  try {
    const url = `http://127.0.0.1:${port}/`;
    await ready(url, proc, 'wrangler dev');
    await drive('wrangler dev: examples/cloudflare-worker.js', url);
  } finally {
    if (proc.child.exitCode === null && proc.child.signalCode === null) {
      const exited = new Promise((resolve) => proc.child.once('exit', resolve));
      process.kill(-proc.child.pid, 'SIGTERM');
      await exited;
    }
    rmSync(project, { recursive: true, force: true });
  }
}

async function nextMiddleware() {
  const { inputs } = await bundle(join(here, 'workerd', 'next-middleware-host.mjs'), 'next-middleware.js', {
    conditions: ['edge-light', 'worker', 'browser'],
    // Next inlines process.env.* into Edge Runtime bundles at build time.
    define: { 'process.env.BOOKTO_WEBHOOK_SECRET': JSON.stringify(SECRET) },
  });
  await check('edge-light bundle uses the edge-light entry', () => {
    assert.ok(inputs.some((i) => i.endsWith('verify-wasm/edge-light.js')), inputs.join('\n'));
    assert.ok(!inputs.some((i) => i.endsWith('wasm-inline.js')), 'wasm-inline.js was bundled');
  });
  const server = await serveWorkerd('next', 'next-middleware.js');
  try {
    await drive('edge-light in workerd: examples/next-middleware.js', server.url);
  } finally {
    await stop(server.proc);
  }
}

async function denoServe() {
  const port = await freePort();
  const proc = start(
    bin('deno'),
    ['serve', '--host', '127.0.0.1', '--port', String(port), '--allow-env=BOOKTO_WEBHOOK_SECRET', 'examples/deno.js'],
    { cwd: app, env: { ...process.env, BOOKTO_WEBHOOK_SECRET: SECRET, NO_COLOR: '1' } },
  );
  try {
    const url = `http://127.0.0.1:${port}/`;
    await ready(url, proc, 'deno serve');
    await drive('deno serve: examples/deno.js', url);
  } finally {
    await stop(proc);
  }
}

async function bunServe() {
  const proc = start(bin('bun'), ['examples/bun.js'], {
    cwd: app,
    env: { ...process.env, BOOKTO_WEBHOOK_SECRET: SECRET, PORT: String(await freePort()) },
  });
  try {
    const url = await printedUrl(proc, 'bun');
    await drive('bun: examples/bun.js', url);
  } finally {
    await stop(proc);
  }
}

try {
  await check('workerd vectors', workerdVectors);
  await check('Cloudflare worker', cloudflareWorker);
  await check('wrangler dev', wranglerDev);
  await check('Next.js middleware', nextMiddleware);
  await check('Deno', denoServe);
  await check('Bun', bunServe);
} finally {
  for (const child of children) child.kill('SIGKILL');
  rmSync(out, { recursive: true, force: true });
}
console.log(`edge: ${passed} passed, ${failed} failed`);
process.exitCode = failed === 0 ? 0 : 1;
