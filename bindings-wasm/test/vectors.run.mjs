// The vector suite as a script, run unchanged by Node, Deno and Bun:
//   node test/vectors.run.mjs | deno run test/vectors.run.mjs | bun test/vectors.run.mjs
// (Deno needs no permission: the package inlines its wasm and the fixtures are
// JSON modules.) Prints one line per failure and "<runtime>: N passed, M
// failed"; exits 1 on any failure.
import assert from 'node:assert/strict';
import { runWasmVectors } from './vectors.mjs';

const runtime =
  typeof Deno !== 'undefined'
    ? `deno ${Deno.version.deno}`
    : typeof Bun !== 'undefined'
      ? `bun ${Bun.version}`
      : `node ${process.versions.node}`;

const result = runWasmVectors(assert);
for (const { name, message } of result.failures) console.error(`FAIL ${name}\n  ${message}`);
console.log(`${runtime}: ${result.passed} passed, ${result.failed} failed`);
process.exitCode = result.failed === 0 && result.passed > 0 ? 0 : 1;
