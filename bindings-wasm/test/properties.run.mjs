// The property tests of bindings-node/test/properties.mjs (fast-check) through
// the wasm build, run unchanged by Node, Deno and Bun:
//   FAST_CHECK=<file URL of fast-check's ESM entry> node test/properties.run.mjs
// Prints one line per failing property and "<runtime>: N properties passed, M
// failed"; exits 1 on any failure.
import * as api from '@bookto/verify-wasm';
import { propertyCases } from '../../bindings-node/test/properties.mjs';

const env = (name) => (typeof Deno !== 'undefined' ? Deno.env.get(name) : process.env[name]);
const runtime =
  typeof Deno !== 'undefined'
    ? `deno ${Deno.version.deno}`
    : typeof Bun !== 'undefined'
      ? `bun ${Bun.version}`
      : `node ${process.versions.node}`;

const module = await import(env('FAST_CHECK'));
const fc = typeof module.assert === 'function' ? module : module.default;
const cases = propertyCases(api, fc, { numRuns: 200 });
let failed = 0;
for (const { name, run } of cases) {
  try {
    await run();
  } catch (error) {
    failed += 1;
    console.error(`FAIL ${name}\n  ${String(error && error.message).split('\n').slice(0, 12).join('\n  ')}`);
  }
}
console.log(`${runtime}: ${cases.length - failed} properties passed, ${failed} failed`);
if (failed > 0 || cases.length < 5) {
  if (typeof Deno !== 'undefined') Deno.exit(1);
  process.exitCode = 1;
}
