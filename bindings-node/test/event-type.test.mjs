// `eventType`, the discriminant TypeScript narrows on (index.d.ts, test/types),
// is what the runtime carries, on both backends: 'order.paid' on an OrderPaid,
// null on an UnknownEvent, as a non-enumerable own getter without a setter, so
// the wire fields stay the only keys (Object.keys, JSON, spread, deepStrictEqual)
// and the event stays a plain object.
// The native addon runs in this process and under BOOKTO_VERIFY_BACKEND=native;
// the wasm build through @bookto/verify/wasm and under BOOKTO_VERIFY_BACKEND=wasm.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';

import * as native from '@bookto/verify';
import * as wasm from '@bookto/verify/wasm';
import { fixturesDir, sampleBody } from './fixtures.mjs';

const SECRET = 'whsec_event_type';
const NOW = 1_764_201_600;

/**
 * Every way an event comes out of the API, for one body: verify (Buffer and
 * string bodies), verifyRequest and parseEvent.
 */
async function eventsOf(api, body) {
  const headers = api.sign(SECRET, body, { timestamp: NOW });
  const webhook = new api.Webhook(SECRET);
  const request = new Request('https://example.com/hook', { method: 'POST', body, headers });
  return {
    'verify(Buffer)': webhook.verify(body, headers, { now: NOW }),
    'verify(string)': webhook.verify(body.toString('utf8'), headers, { now: NOW }),
    verifyRequest: await webhook.verifyRequest(request, { now: NOW }),
    parseEvent: api.parseEvent(body),
  };
}

const ORDER_PAID_BODIES = ['order-paid.json', 'order-paid-company-null.json', 'order-paid-unicode.json'];
const UNKNOWN_BODIES = {
  'unknown-event.json': sampleBody('unknown-event.json'),
  'an empty name': Buffer.from('{"event":"","data":1}'),
  'a name like a typed one': Buffer.from('{"event":"order.paid.v2","eventType":"x"}'),
};

function checkTag(event, value, where) {
  assert.equal(event.eventType, value, `${where}: eventType`);
  const { get, set, enumerable, configurable } = Object.getOwnPropertyDescriptor(event, 'eventType');
  assert.equal(typeof get, 'function', `${where}: an own getter`);
  assert.deepEqual([set, enumerable, configurable], [undefined, false, false], `${where}: read-only, non-enumerable`);
  assert.equal(Object.getPrototypeOf(event), Object.prototype, `${where}: a plain object`);
  assert.ok(!Object.keys(event).includes('eventType'), `${where}: not among the keys`);
  assert.ok(!('eventType' in { ...event }), `${where}: a spread copy has the wire fields only`);
  assert.ok(!('eventType' in JSON.parse(JSON.stringify(event))), `${where}: not in JSON`);
  assert.deepEqual(event, JSON.parse(JSON.stringify(event)), `${where}: still deep-equal to its plain JSON`);
  assert.throws(() => {
    event.eventType = 'changed'; // ES modules are strict: a read-only property throws
  }, TypeError);
}

/** The README's switch. */
function handled(event) {
  switch (event.eventType) {
    case 'order.paid':
      return `paid ${event.order_number}`;
    default:
      return `ignoring ${event.event}`;
  }
}

for (const [label, api, backend] of [
  ['@bookto/verify', native, 'native'],
  ['@bookto/verify/wasm', wasm, 'wasm'],
]) {
  test(`${label} (${backend}): an order.paid has eventType 'order.paid', however it is read`, async () => {
    assert.equal(api.backend, backend);
    for (const name of ORDER_PAID_BODIES) {
      for (const [how, event] of Object.entries(await eventsOf(api, sampleBody(name)))) {
        const where = `${name} ${how}`;
        checkTag(event, 'order.paid', where);
        assert.equal(event.event, 'order.paid', where);
        assert.ok(api.isOrderPaid(event), where);
        assert.equal(handled(event), `paid ${event.order_number}`, where);
      }
    }
  });

  test(`${label} (${backend}): an unknown event has eventType null, and only event and data as keys`, async () => {
    for (const [name, body] of Object.entries(UNKNOWN_BODIES)) {
      for (const [how, event] of Object.entries(await eventsOf(api, body))) {
        const where = `${name} ${how}`;
        checkTag(event, null, where);
        assert.deepEqual(Object.keys(event).sort(), ['data', 'event'], where);
        assert.deepEqual(event.data, JSON.parse(body.toString('utf8')), `${where}: a wire eventType stays in data`);
        assert.ok(!api.isOrderPaid(event), where);
        assert.equal(handled(event), `ignoring ${event.event}`, where);
      }
    }
  });

  test(`${label} (${backend}): isOrderPaid takes undefined and null`, () => {
    assert.equal(api.isOrderPaid(undefined), false);
    assert.equal(api.isOrderPaid(null), false);
  });
}

// The backend forced through the environment, as a deployment would run it.
const probe = `
  const api = await import('@bookto/verify');
  const { readFileSync } = await import('node:fs');
  const { join } = await import('node:path');
  const body = readFileSync(join(process.env.BOOKTO_FIXTURES, 'events', 'order-paid.json'));
  const headers = api.sign('k', body, { timestamp: 7 });
  const paid = new api.Webhook('k').verify(body, headers, { now: 7 });
  const other = api.parseEvent('{"event":"order.refunded"}');
  const tag = (e) => [e.eventType, Object.getOwnPropertyDescriptor(e, 'eventType').enumerable, Object.keys(e).includes('eventType')];
  console.log(JSON.stringify({ backend: api.backend, paid: tag(paid), other: tag(other) }));`;

for (const backend of ['native', 'wasm']) {
  test(`BOOKTO_VERIFY_BACKEND=${backend}: the events carry eventType`, () => {
    const result = spawnSync(process.execPath, ['--input-type=module', '-e', probe], {
      cwd: process.env.BOOKTO_INSTALL_DIR ?? process.cwd(),
      encoding: 'utf8',
      env: { ...process.env, BOOKTO_VERIFY_BACKEND: backend, BOOKTO_VERIFY_DEBUG: '', BOOKTO_FIXTURES: fixturesDir },
    });
    assert.equal(result.stderr, '');
    assert.equal(result.status, 0);
    assert.deepEqual(JSON.parse(result.stdout), {
      backend,
      paid: ['order.paid', false, false],
      other: [null, false, false],
    });
  });
}
