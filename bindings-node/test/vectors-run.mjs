// Runs every fixture vector through '@bookto/verify' as resolved from this
// file's folder, loaded with require() or import, and prints the backend that
// loaded and "N passed, N failed". Used by fallback.test.mjs (and by the
// release's install checks) in folders where the native addon is missing,
// corrupt or foreign. Exits 1 on any failure.
//   node vectors-run.mjs require|import
import { createRequire } from 'node:module';
import { runVectors } from './vectors.mjs';
import { loadFixtures } from './fixtures.mjs';

const how = process.argv[2];
if (how !== 'require' && how !== 'import') throw new Error('usage: node vectors-run.mjs require|import');
const api = how === 'require' ? createRequire(import.meta.url)('@bookto/verify') : await import('@bookto/verify');

const result = runVectors(api, loadFixtures(), undefined, {
  extraBodyForms: { Buffer: (bytes) => Buffer.from(bytes) },
});
for (const { name, error } of result.failures.slice(0, 20)) console.error(`FAIL ${name}\n  ${error.message}`);
console.log(`backend: ${api.backend} (${how})`);
console.log(`${result.passed} passed, ${result.failed} failed`);
process.exitCode = result.failed === 0 && result.passed > 0 ? 0 : 1;
