// Every fixtures/ vector through the public API, with node:test.
import { test } from 'node:test';
import assert from 'node:assert/strict';

import * as api from '@bookto/verify';
import { vectorCases } from './vectors.mjs';
import { loadFixtures } from './fixtures.mjs';

const cases = vectorCases(api, loadFixtures(), assert, {
  extraBodyForms: { Buffer: (bytes) => Buffer.from(bytes) },
});

for (const { name, run } of cases) test(name, run);
