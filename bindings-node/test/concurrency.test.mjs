// One set of secrets, 8 worker_threads, 100k mixed valid/invalid deliveries
// (issue 7, item 7): every worker loads the installed package and builds its
// own Webhook (a native object cannot cross threads); the 16 KB bodies live in
// one SharedArrayBuffer that all workers verify at once. The counts per
// outcome must be exactly the plan's.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Worker } from 'node:worker_threads';

import { DELIVERIES, EXPECTED, expectedCounts, largeBodies, plan } from './concurrency-worker.mjs';
import { sampleBody } from './fixtures.mjs';

const WORKERS = 8;

function run(data) {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./concurrency-worker.mjs', import.meta.url), { workerData: data });
    worker.once('message', (message) => (message.error ? reject(new Error(message.error)) : resolve(message)));
    worker.once('error', reject);
    worker.once('exit', (code) => code !== 0 && reject(new Error(`worker ${data.index} exited with ${code}`)));
  });
}

test('8 worker threads verify 100k mixed deliveries with exactly the expected counts', async (t) => {
  const kinds = plan();
  const expected = expectedCounts(kinds);
  assert.equal(Object.keys(expected).length, new Set(Object.values(EXPECTED).map((v) => v.join(' / '))).size);
  assert.ok(Object.values(expected).every((n) => n > 5000), JSON.stringify(expected));
  const { shared, offsets } = largeBodies();
  const sample = new Uint8Array(sampleBody());
  const start = performance.now();
  const results = await Promise.all(
    Array.from({ length: WORKERS }, (_, index) => run({ index, workers: WORKERS, kinds, shared, offsets, sample })),
  );
  const seconds = (performance.now() - start) / 1000;
  const total = {};
  for (const { counts } of results) for (const [key, n] of Object.entries(counts)) total[key] = (total[key] ?? 0) + n;
  assert.deepEqual(results.flatMap((r) => r.wrong), []);
  assert.deepEqual(total, expected);
  assert.equal(Object.values(total).reduce((a, b) => a + b, 0), DELIVERIES);
  for (const { index, counts } of results) {
    const own = Object.values(counts).reduce((a, b) => a + b, 0);
    assert.equal(own, DELIVERIES / WORKERS, `worker ${index} verified ${own}`);
  }
  t.diagnostic(
    `WORKERS node ${WORKERS} worker threads, ${DELIVERIES} deliveries in ${seconds.toFixed(1)} s: ` +
      Object.entries(total).sort().map(([k, n]) => `${k}=${n}`).join(', '),
  );
});
