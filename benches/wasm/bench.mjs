// wasm verifySignature vs awaited WebCrypto HMAC verify, one script for Node,
// Deno and Bun (run.sh runs it in each):
//   node benches/wasm/bench.mjs | deno run --allow-read benches/wasm/bench.mjs | bun benches/wasm/bench.mjs
// Uses the built package in bindings-wasm/pkg/ (bindings-wasm/build.sh).
// Prints one JSON line (for run.sh) after a readable summary.
import { readFileSync } from 'node:fs';
import * as api from '../../bindings-wasm/pkg/index.js';
import { bigBody, prepare, run } from './measure.mjs';

const runtime =
  typeof Deno !== 'undefined' ? `deno ${Deno.version.deno}` : typeof Bun !== 'undefined' ? `bun ${Bun.version}` : `node ${process.versions.node}`;

const sample = readFileSync(new URL('../../fixtures/events/order-paid.json', import.meta.url));
if (sample.length !== 866) throw new Error(`order-paid.json is ${sample.length} bytes, expected 866`);
const small = await prepare(api, new Uint8Array(sample));
const MB = 1 << 20;
const big = await prepare(api, bigBody(MB));

const medians = await run({
  wasm: { fn: small.wasm },
  webcrypto: { fn: small.webcrypto, async: true },
  webcryptoReceiver: { fn: small.webcryptoReceiver, async: true },
  verify: { fn: small.verify },
  wasm1mb: { fn: big.wasm, batch: 4 },
  webcrypto1mb: { fn: big.webcrypto, async: true, batch: 4 },
});
const result = {
  runtime,
  verifySignatureUs: medians.wasm,
  webcryptoUs: medians.webcrypto,
  ratio: medians.wasm / medians.webcrypto,
  webcryptoReceiverUs: medians.webcryptoReceiver,
  receiverRatio: medians.wasm / medians.webcryptoReceiver,
  verifyUs: medians.verify,
  wasmMBps: MB / medians.wasm1mb, // bytes per microsecond = MB/s (10^6 bytes)
  webcryptoMBps: MB / medians.webcrypto1mb,
};
console.log(
  `${runtime}: 866 B verifySignature ${result.verifySignatureUs.toFixed(2)} us, ` +
    `WebCrypto verify (awaited) ${result.webcryptoUs.toFixed(2)} us, ratio ${result.ratio.toFixed(3)}x ` +
    `(with hex decode + message build ${result.webcryptoReceiverUs.toFixed(2)} us, ${result.receiverRatio.toFixed(3)}x); ` +
    `verify + typed event ${result.verifyUs.toFixed(2)} us; ` +
    `1 MiB: wasm ${result.wasmMBps.toFixed(0)} MB/s, WebCrypto ${result.webcryptoMBps.toFixed(0)} MB/s`,
);
console.log(JSON.stringify(result));
