// The README's framework examples (../examples/*.mjs), served for real on
// 127.0.0.1 (Express, Fastify, a Next.js route handler behind node:http) or
// driven through Hono's fetch handler, with signed and tampered requests.
import { test, before, after, describe } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import { Readable } from 'node:stream';

import express from 'express';
import Fastify from 'fastify';
import { sign, Webhook } from '@bookto/verify';
import { bookto as booktoExpress } from '@bookto/verify/express';
import { bookto as booktoFastify } from '@bookto/verify/fastify';
import { sampleBody } from './fixtures.mjs';

const SECRET = 'whsec_frameworks_test_4sKp9TzQ2mVx7Lr1';
process.env.BOOKTO_WEBHOOK_SECRET = SECRET;

const orderPaid = sampleBody('order-paid.json');
const unknownEvent = sampleBody('unknown-event.json');
const unknownName = JSON.parse(unknownEvent.toString('utf8')).event;
const now = () => Math.floor(Date.now() / 1000);

function signed(body, { secret = SECRET, timestamp = now() } = {}) {
  return { 'content-type': 'application/json', ...sign(secret, body, { timestamp }) };
}

function tampered(body) {
  const copy = Buffer.from(body);
  copy[copy.indexOf('1.21')] = '9'.charCodeAt(0); // 1.21 -> 9.21
  return copy;
}

/**
 * Every case the apps must answer alike: [name, body, headers, status, json].
 * Bodies are Buffers sent byte for byte.
 */
function cases() {
  const paid = { received: 'order.paid', order: 'ORD-2025-11-004817', total: '1.21' };
  const reserialised = Buffer.from(JSON.stringify(JSON.parse(orderPaid.toString('utf8')), null, 2));
  const { 'x-bookto-signature': _omit, ...noSignature } = signed(orderPaid);
  const badPayload = Buffer.from('{"event":"order.paid","order_id":"1"}');
  return [
    ['signed order.paid', orderPaid, signed(orderPaid), 200, paid],
    ['signed unknown event', unknownEvent, signed(unknownEvent), 200, { received: unknownName }],
    ['tampered body', tampered(orderPaid), signed(orderPaid), 400, { error: 'signature_mismatch' }],
    ['re-serialised body', reserialised, signed(orderPaid), 400, { error: 'signature_mismatch' }],
    ['wrong secret', orderPaid, signed(orderPaid, { secret: 'whsec_someone_else' }), 400, { error: 'signature_mismatch' }],
    ['stale timestamp', orderPaid, signed(orderPaid, { timestamp: now() - 3600 }), 400, { error: 'timestamp_too_old' }],
    ['future timestamp', orderPaid, signed(orderPaid, { timestamp: now() + 3600 }), 400, { error: 'timestamp_too_new' }],
    ['no signature header', orderPaid, noSignature, 400, { error: 'missing_header' }],
    ['signed but not an order', badPayload, signed(badPayload), 400, { error: 'invalid_payload' }],
  ];
}

async function post(url, body, headers) {
  const response = await fetch(url, { method: 'POST', body, headers });
  const text = await response.text();
  let json;
  try {
    json = JSON.parse(text);
  } catch {
    json = text;
  }
  return { status: response.status, json };
}

function listen(server) {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${server.address().port}`));
  });
}

function close(server) {
  return new Promise((resolve) => server.close(() => resolve()));
}

function runCases(getUrl) {
  for (const [name, body, headers, status, json] of cases()) {
    test(name, async () => {
      const response = await post(`${getUrl()}/webhooks/bookto`, body, headers);
      assert.deepEqual(response, { status, json });
    });
  }
}

describe('Express example', () => {
  let server, url;
  before(async () => {
    const { app } = await import('../examples/express.mjs');
    app.post('/other', (req, res) => res.json({ parsed: req.body }));
    server = http.createServer(app);
    url = await listen(server);
  });
  after(() => close(server));
  runCases(() => url);
  test('other routes still get parsed JSON', async () => {
    const response = await post(`${url}/other`, '{"a":1}', { 'content-type': 'application/json' });
    assert.deepEqual(response, { status: 200, json: { parsed: { a: 1 } } });
  });
});

describe('Express middleware', () => {
  let server, url;
  const errors = [];
  before(async () => {
    const app = express();
    const handler = (req, res) => res.json({ received: req.bookto.event });
    // After express.raw(): uses the Buffer it left in req.body.
    app.post('/raw', express.raw({ type: 'application/json' }), booktoExpress(SECRET), handler);
    // After express.text(): a string body is raw too.
    app.post('/text', express.text({ type: 'application/json' }), booktoExpress(new Webhook(SECRET)), handler);
    // After express.json(): the mistake this package exists to catch.
    app.post('/parsed', express.json(), booktoExpress(SECRET), handler);
    app.post('/small', booktoExpress(SECRET, { limit: 100 }), handler);
    app.post(
      '/custom',
      booktoExpress(SECRET, {
        property: 'webhookEvent',
        onError: (error, req, res) => res.status(401).json({ custom: error.code }),
      }),
      (req, res) => res.json({ received: req.webhookEvent.event }),
    );
    app.use((error, req, res, next) => {
      errors.push(error);
      res.status(error.status ?? 500).json({ message: error.message });
    });
    server = http.createServer(app);
    url = await listen(server);
  });
  after(() => close(server));

  test('uses the Buffer left by express.raw()', async () => {
    assert.deepEqual(await post(`${url}/raw`, orderPaid, signed(orderPaid)), { status: 200, json: { received: 'order.paid' } });
    assert.deepEqual((await post(`${url}/raw`, tampered(orderPaid), signed(orderPaid))).json, { error: 'signature_mismatch' });
  });

  test('uses the string left by express.text()', async () => {
    assert.deepEqual(await post(`${url}/text`, orderPaid, signed(orderPaid)), { status: 200, json: { received: 'order.paid' } });
  });

  test('a body parsed by express.json() is a TypeError that explains the fix', async () => {
    const response = await post(`${url}/parsed`, orderPaid, signed(orderPaid));
    assert.equal(response.status, 500);
    assert.match(response.json.message, /already-parsed object/);
    assert.match(response.json.message, /express\.raw\(\{ type: 'application\/json' \}\)/);
    assert.ok(errors.at(-1) instanceof TypeError);
  });

  test('a body over the limit is refused with 413', async () => {
    const response = await post(`${url}/small`, orderPaid, signed(orderPaid));
    assert.equal(response.status, 413);
    assert.match(response.json.message, /larger than 100 bytes/);
  });

  test('property and onError options', async () => {
    assert.deepEqual(await post(`${url}/custom`, orderPaid, signed(orderPaid)), { status: 200, json: { received: 'order.paid' } });
    assert.deepEqual(await post(`${url}/custom`, tampered(orderPaid), signed(orderPaid)), {
      status: 401,
      json: { custom: 'signature_mismatch' },
    });
  });

  test('a repeated signature header reaches the core as several values (hint)', async () => {
    let message;
    const app = express();
    const onError = (error, req, res) => {
      message = error.message;
      res.status(400).end();
    };
    app.post('/', booktoExpress(SECRET, { onError }));
    const server2 = http.createServer(app);
    const base = await listen(server2);
    try {
      const { 'x-bookto-signature': signature, ...rest } = signed(orderPaid);
      const wrong = signature.replace(/.$/, (c) => (c === '0' ? '1' : '0'));
      // fetch() would join repeated headers; node:http sends two header lines.
      const rawHeaders = [
        ...Object.entries(rest).flat(),
        ...['host', new URL(base).host, 'content-length', String(orderPaid.length)],
        ...['x-bookto-signature', wrong, 'x-bookto-signature', 'v2=x'],
      ];
      await new Promise((resolve, reject) => {
        const req = http.request(`${base}/`, { method: 'POST', headers: rawHeaders }, (res) => {
          res.resume();
          res.on('end', resolve);
        });
        req.on('error', reject);
        req.end(orderPaid);
      });
      assert.match(message, /^signature mismatch/);
      assert.match(message, /several values/);
    } finally {
      await close(server2);
    }
  });
});

describe('Fastify example', () => {
  let app, url;
  before(async () => {
    ({ app } = await import('../examples/fastify.mjs'));
    app.post('/other', async (request) => ({ parsed: request.body }));
    url = await app.listen({ port: 0, host: '127.0.0.1' });
  });
  after(() => app.close());
  runCases(() => url);
  test('routes outside the plugin scope still get parsed JSON', async () => {
    const response = await post(`${url}/other`, '{"a":1}', { 'content-type': 'application/json' });
    assert.deepEqual(response, { status: 200, json: { parsed: { a: 1 } } });
  });
});

describe('Fastify plugin options', () => {
  let app, url;
  before(async () => {
    app = Fastify();
    app.register(async (scope) => {
      scope.register(booktoFastify, {
        webhook: new Webhook(SECRET, { tolerance: 60 }),
        property: 'webhookEvent',
        onError: (error, request, reply) => reply.code(401).send({ custom: error.code }),
      });
      scope.post('/hook', async (request) => ({ received: request.webhookEvent.event }));
    });
    url = await app.listen({ port: 0, host: '127.0.0.1' });
  });
  after(() => app.close());

  test('webhook, property and onError', async () => {
    assert.deepEqual(await post(`${url}/hook`, orderPaid, signed(orderPaid)), { status: 200, json: { received: 'order.paid' } });
    assert.deepEqual(await post(`${url}/hook`, orderPaid, signed(orderPaid, { timestamp: now() - 120 })), {
      status: 401,
      json: { custom: 'timestamp_too_old' },
    });
  });

  test('a text/plain body is kept raw as well', async () => {
    const headers = { ...signed(orderPaid), 'content-type': 'text/plain' };
    assert.deepEqual(await post(`${url}/hook`, orderPaid, headers), { status: 200, json: { received: 'order.paid' } });
  });
});

/** Serves a Fetch handler (request => Response) on node:http, as Next.js does. */
function fetchServer(handler) {
  return http.createServer(async (req, res) => {
    const headers = new Headers();
    for (let i = 0; i < req.rawHeaders.length; i += 2) headers.append(req.rawHeaders[i], req.rawHeaders[i + 1]);
    const request = new Request(`http://${req.headers.host}${req.url}`, {
      method: req.method,
      headers,
      body: Readable.toWeb(req),
      duplex: 'half',
    });
    const response = await handler(request);
    res.writeHead(response.status, Object.fromEntries(response.headers));
    res.end(Buffer.from(await response.arrayBuffer()));
  });
}

describe('Next.js App Router route handler example', () => {
  let server, url;
  before(async () => {
    const route = await import('../examples/next-route.mjs');
    assert.equal(route.runtime, 'nodejs');
    server = fetchServer(route.POST);
    url = await listen(server);
  });
  after(() => close(server));
  runCases(() => url);
});

describe('Hono example', () => {
  let app;
  before(async () => {
    ({ app } = await import('../examples/hono.mjs'));
  });
  for (const [name, body, headers, status, json] of cases()) {
    test(name, async () => {
      const response = await app.fetch(
        new Request('http://localhost/webhooks/bookto', { method: 'POST', body, headers }),
      );
      assert.deepEqual({ status: response.status, json: await response.json() }, { status, json });
    });
  }
});

describe('verifyRequest', () => {
  const webhook = new Webhook(SECRET);
  const request = (body, headers) => new Request('http://localhost/', { method: 'POST', body, headers });

  test('returns a promise of the event', async () => {
    const event = await webhook.verifyRequest(request(orderPaid, signed(orderPaid)));
    assert.equal(event.event, 'order.paid');
    assert.equal(event.amount.exact.total_incl, '1.21');
  });

  test('rejects with the verification error', async () => {
    await assert.rejects(webhook.verifyRequest(request(tampered(orderPaid), signed(orderPaid))), {
      name: 'SignatureMismatch',
      code: 'signature_mismatch',
    });
  });

  test('passes { now } through', async () => {
    const timestamp = 1_700_000_000;
    const event = await webhook.verifyRequest(request(orderPaid, signed(orderPaid, { timestamp })), { now: timestamp + 10 });
    assert.equal(event.event, 'order.paid');
  });

  test('a body already read is a TypeError that says so', async () => {
    const req = request(orderPaid, signed(orderPaid));
    await req.text();
    await assert.rejects(webhook.verifyRequest(req), (error) => error instanceof TypeError && /already read/.test(error.message));
  });

  test('something that is not a Request is a TypeError', async () => {
    await assert.rejects(webhook.verifyRequest({ body: 'x' }), TypeError);
  });
});
