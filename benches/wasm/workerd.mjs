// The benchmark in workerd, timed from outside (workerd freezes its clocks
// during CPU work): worker.mjs bundled as wrangler would (esbuild, the
// `workerd` condition, the .wasm as a `wasm = embed` module), served by
// `workerd serve` on 127.0.0.1. Per call = (median time of a request doing N
// calls - median time of a request doing none) / N, rounds interleaved.
//   node benches/wasm/workerd.mjs   (after bindings-wasm/build.sh)
import { spawn } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const repo = join(here, '..', '..');
const tools = join(repo, 'bindings-wasm');
const esbuild = createRequire(join(tools, 'package.json'))('esbuild');
const pkg = join(tools, 'pkg');
const WASM = 'bookto_verify_wasm_bg.wasm';
const out = mkdtempSync(join(tmpdir(), 'bookto-wasm-bench-'));

await esbuild.build({
  entryPoints: [join(here, 'worker.mjs')],
  bundle: true,
  format: 'esm',
  platform: 'neutral',
  conditions: ['workerd', 'worker', 'browser'],
  outfile: join(out, 'worker.js'),
  logLevel: 'warning',
  plugins: [
    {
      name: 'bench',
      setup(build) {
        build.onResolve({ filter: /^@bookto\/verify-wasm$/ }, () => ({ path: join(pkg, 'workerd.js') }));
        build.onResolve({ filter: /\.wasm$/ }, () => ({ path: `./${WASM}`, external: true }));
        build.onResolve({ filter: /^bench:order-paid\.json$/ }, () => ({
          path: join(repo, 'fixtures', 'events', 'order-paid.json'),
          namespace: 'bytes',
        }));
        build.onLoad({ filter: /.*/, namespace: 'bytes' }, (args) => ({ contents: readFileSync(args.path), loader: 'binary' }));
      },
    },
  ],
});
copyFileSync(join(pkg, WASM), join(out, WASM));

const port = await new Promise((resolve) => {
  const server = createServer().listen(0, '127.0.0.1', () => {
    const { port: p } = server.address();
    server.close(() => resolve(p));
  });
});
writeFileSync(
  join(out, 'config.capnp'),
  `using Workerd = import "/workerd/workerd.capnp";
const config :Workerd.Config = (
  services = [ (name = "main", worker = .worker) ],
  sockets = [ (name = "http", address = "127.0.0.1:${port}", http = (), service = "main") ],
);
const worker :Workerd.Worker = (
  modules = [
    (name = "worker.js", esModule = embed "worker.js"),
    (name = "${WASM}", wasm = embed "${WASM}"),
  ],
  compatibilityDate = "2026-04-26",
);
`,
);
const workerd = spawn(join(tools, 'node_modules', '.bin', 'workerd'), ['serve', join(out, 'config.capnp')], { stdio: 'inherit' });
const base = `http://127.0.0.1:${port}`;

try {
  for (let i = 0; ; i++) {
    try {
      await fetch(`${base}/`);
      break;
    } catch (error) {
      if (i > 300) throw error;
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  const version = (await new Promise((resolve) => {
    const p = spawn(join(tools, 'node_modules', '.bin', 'workerd'), ['--version']);
    let text = '';
    p.stdout.on('data', (d) => (text += d));
    p.on('close', () => resolve(text.trim()));
  })) || 'workerd';

  const cases = { wasm: 2000, webcrypto: 1000, webcryptoReceiver: 1000, verify: 1000, wasm1mb: 6, webcrypto1mb: 6 };
  const median = (v) => {
    const s = [...v].sort((a, b) => a - b);
    return s.length % 2 ? s[s.length >> 1] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
  };
  const timed = async (path) => {
    const start = performance.now();
    const response = await fetch(`${base}${path}`);
    await response.text();
    return performance.now() - start;
  };
  const samples = Object.fromEntries(Object.keys(cases).map((k) => [k, { full: [], empty: [] }]));
  for (let round = -2; round < 25; round++) {
    for (const [name, n] of Object.entries(cases)) {
      const full = await timed(`/${name}?n=${n}`);
      const empty = await timed(`/${name}?n=0`);
      if (round >= 0) {
        samples[name].full.push(full);
        samples[name].empty.push(empty);
      }
    }
  }
  const perCallUs = Object.fromEntries(
    Object.entries(cases).map(([name, n]) => [name, ((median(samples[name].full) - median(samples[name].empty)) * 1000) / n]),
  );
  const MB = 1 << 20;
  const result = {
    runtime: version,
    verifySignatureUs: perCallUs.wasm,
    webcryptoUs: perCallUs.webcrypto,
    ratio: perCallUs.wasm / perCallUs.webcrypto,
    webcryptoReceiverUs: perCallUs.webcryptoReceiver,
    receiverRatio: perCallUs.wasm / perCallUs.webcryptoReceiver,
    verifyUs: perCallUs.verify,
    wasmMBps: MB / perCallUs.wasm1mb,
    webcryptoMBps: MB / perCallUs.webcrypto1mb,
  };
  console.log(
    `${version} (timed from outside): 866 B verifySignature ${result.verifySignatureUs.toFixed(2)} us, ` +
      `WebCrypto verify (awaited) ${result.webcryptoUs.toFixed(2)} us, ratio ${result.ratio.toFixed(3)}x ` +
      `(with hex decode + message build ${result.webcryptoReceiverUs.toFixed(2)} us, ${result.receiverRatio.toFixed(3)}x); ` +
      `verify + typed event ${result.verifyUs.toFixed(2)} us; ` +
      `1 MiB: wasm ${result.wasmMBps.toFixed(0)} MB/s, WebCrypto ${result.webcryptoMBps.toFixed(0)} MB/s`,
  );
  console.log(JSON.stringify(result));
} finally {
  workerd.kill('SIGTERM');
  rmSync(out, { recursive: true, force: true });
}
