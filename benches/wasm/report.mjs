// Reads the JSON lines bench.mjs / workerd.mjs printed and sets the figures
// against issue 5's targets. `node benches/wasm/report.mjs <file>`
import { readFileSync } from 'node:fs';

const results = readFileSync(process.argv[2], 'utf8')
  .split('\n')
  .filter((line) => line.startsWith('{'))
  .map((line) => JSON.parse(line));

const rows = [];
for (const r of results) {
  const workerd = r.runtime.startsWith('workerd');
  const target = workerd ? 1 : 0.15;
  rows.push([
    r.runtime,
    `${r.verifySignatureUs.toFixed(2)} us`,
    `${r.webcryptoUs.toFixed(2)} us`,
    `${r.ratio.toFixed(3)}x (target <= ${target}x) ${r.ratio <= target ? 'met' : 'MISSED'}`,
    `${r.webcryptoReceiverUs.toFixed(2)} us, ${r.receiverRatio.toFixed(3)}x`,
    `${r.verifyUs.toFixed(2)} us`,
    `${r.wasmMBps.toFixed(0)} MB/s${r.runtime.startsWith('node') ? ` (target >= 250) ${r.wasmMBps >= 250 ? 'met' : 'MISSED'}` : ''}`,
    `${r.webcryptoMBps.toFixed(0)} MB/s`,
  ]);
}
const head = [
  'runtime',
  'wasm verifySignature',
  'WebCrypto verify (bare)',
  'ratio',
  'WebCrypto + hex decode + message build',
  'wasm verify + typed event',
  'wasm 1 MiB',
  'WebCrypto 1 MiB',
];
console.log(`| ${head.join(' | ')} |`);
console.log(`| ${head.map(() => '---').join(' | ')} |`);
for (const row of rows) console.log(`| ${row.join(' | ')} |`);
