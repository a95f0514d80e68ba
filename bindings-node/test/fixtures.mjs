// Loads the shared fixture files for the Node tests. The directory is
// $BOOKTO_FIXTURES when set (test.sh runs the tests from a temporary install),
// else the repository's fixtures/ next to bindings-node/.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';

export const fixturesDir =
  process.env.BOOKTO_FIXTURES ?? fileURLToPath(new URL('../../fixtures/', import.meta.url));

export function readFixture(name) {
  return readFileSync(join(fixturesDir, name));
}

export function loadFixtures() {
  const json = (name) => JSON.parse(readFixture(name).toString('utf8'));
  return {
    verify: json('verify.json'),
    parseEvent: json('parse_event.json'),
    secrets: json('secrets.json'),
    sign: json('sign.json'),
    hosts: json('hosts.json'),
  };
}

/** fixtures/events/order-paid.json: the 866-byte sample body, as bytes. */
export function sampleBody(name = 'order-paid.json') {
  return readFixture(join('events', name));
}
