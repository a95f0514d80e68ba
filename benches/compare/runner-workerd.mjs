// workerd runner of the comparison (runs in Node): serves worker.mjs with the
// wasm package in workerd on 127.0.0.1 and times its requests from outside,
// since workerd's performance.now() does not advance during CPU work. Prints
// the same JSON lines as runner.mjs.
//
//   node runner-workerd.mjs '<config json>'   (config: runner.mjs's, plus `workerd`, `pkg`)
//
// Per-call time = (request time - median empty-request round trip) / n, with n
// sized so that one request runs for about max(batch_ms, 20 ms).
import { spawn } from 'node:child_process';
import { copyFileSync, cpSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const cfg = JSON.parse(process.argv[2]);
const here = dirname(fileURLToPath(import.meta.url));
const emit = (record) => console.log(JSON.stringify({ runtime: 'workerd', ...record }));

const freePort = () =>
  new Promise((resolve) => {
    const server = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });

const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
let port;
function get(path) {
  return new Promise((resolve, reject) => {
    http
      .get({ host: '127.0.0.1', port, path, agent }, (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk) => (text += chunk));
        res.on('end', () => (res.statusCode === 200 ? resolve(text) : reject(new Error(`${path}: ${res.statusCode} ${text}`))));
      })
      .on('error', reject);
  });
}
async function timedGet(path) {
  const start = process.hrtime.bigint();
  await get(path);
  return Number(process.hrtime.bigint() - start);
}

const dir = mkdtempSync(join(tmpdir(), 'bookto-compare-workerd-'));
let child;
function stop(code) {
  child?.kill();
  rmSync(dir, { recursive: true, force: true });
  process.exit(code);
}

async function main() {
  // workerd embeds files relative to its config: copy everything next to it.
  cpSync(cfg.pkg, join(dir, 'pkg'), { recursive: true });
  for (const f of ['worker.mjs', 'edge.mjs']) copyFileSync(join(here, f), join(dir, f));
  copyFileSync(cfg.sample, join(dir, 'order-paid.json'));
  port = await freePort();
  const js = (name) => `(name = "${name}", esModule = embed "${name}")`;
  // Every module of the package (its entry for workerd imports the .wasm as a module).
  const modules = readdirSync(cfg.pkg)
    .filter((f) => /\.(m?js|wasm)$/.test(f) && f !== 'wasm-inline.js')
    .map((f) => (f.endsWith('.wasm') ? `(name = "pkg/${f}", wasm = embed "pkg/${f}")` : js(`pkg/${f}`)));
  writeFileSync(
    join(dir, 'config.capnp'),
    `using Workerd = import "/workerd/workerd.capnp";
const config :Workerd.Config = (
  services = [(name = "main", worker = .bench)],
  sockets = [(name = "http", address = "127.0.0.1:${port}", http = (), service = "main")],
);
const bench :Workerd.Worker = (
  modules = [
    ${js('worker.mjs')}, ${js('edge.mjs')},
    ${modules.join(',\n    ')},
    (name = "order-paid.json", text = embed "order-paid.json"),
  ],
  compatibilityDate = "2026-04-01",
);
`,
  );
  child = spawn(cfg.workerd, ['serve', join(dir, 'config.capnp')], { stdio: ['ignore', 'ignore', 'inherit'] });
  child.on('exit', (code) => code && stop(1));
  for (let tries = 0; ; tries++) {
    try {
      await get('/prepare?size=866');
      break;
    } catch (error) {
      if (tries > 100) throw error;
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  const version = await new Promise((resolve) => {
    const p = spawn(cfg.workerd, ['--version']);
    let out = '';
    p.stdout.on('data', (d) => (out += d));
    p.on('close', () => resolve(out.trim().replace(/^workerd /, '')));
  });
  emit({ type: 'meta', version, packages: cfg.packages ?? {}, wasm: true });

  const batchNs = Math.max(cfg.batch_ms, 20) * 1e6;
  for (const [label, size] of cfg.sizes) {
    const prepare = async () => JSON.parse(await get(`/prepare?size=${size}`));
    const { bytes, failed, contenders } = await prepare();
    if (failed.length) {
      emit({ type: 'error', size: label, contender: failed.join(', '), message: 'self-check failed: valid input rejected or tampered input accepted' });
      stop(1);
    }
    // Warm-up and batch sizes: double n until one request takes warmup_ms.
    const rtt = [];
    for (let i = 0; i < 20; i++) rtt.push(await timedGet('/run?i=0&n=0'));
    const batch = [];
    for (const i of contenders.keys()) {
      let n = 1;
      let ns = await timedGet(`/run?i=${i}&n=${n}`);
      while (ns < cfg.warmup_ms * 1e6) ns = await timedGet(`/run?i=${i}&n=${(n *= 2)}`);
      batch.push(Math.max(1, Math.round((batchNs * n) / ns)));
    }
    const raw = contenders.map(() => []);
    for (let r = 0; r < cfg.rounds; r++) {
      await prepare(); // fresh timestamps for the replay windows
      rtt.push(await timedGet('/run?i=0&n=0'));
      for (let j = 0; j < contenders.length; j++) {
        const i = (j + r) % contenders.length;
        raw[i].push(await timedGet(`/run?i=${i}&n=${batch[i]}`));
      }
    }
    const sorted = [...rtt].sort((a, b) => a - b);
    const roundTrip = sorted[sorted.length >> 1];
    for (const [i, k] of contenders.entries()) {
      emit({
        type: 'result', size: label, bytes, contender: k.name, group: k.group, base: k.base,
        ours: k.name.startsWith('ours'), batch: batch[i], round_trip_ns: roundTrip,
        samples_ns: raw[i].map((ns) => Math.max(ns - roundTrip, 0) / batch[i]),
      });
    }
  }
  stop(0);
}

main().catch((error) => {
  emit({ type: 'error', message: String(error?.stack ?? error) });
  stop(1);
});
