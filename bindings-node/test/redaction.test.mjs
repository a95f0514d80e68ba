// Secrets never show: not in inspect/String/JSON of a Webhook, not in any
// error message or its inspect output, not in what console.log prints.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import util from 'node:util';
import { Console } from 'node:console';
import { Writable } from 'node:stream';

import { Webhook, sign, parseEvent } from '@bookto/verify';
import { sampleBody } from './fixtures.mjs';

const SECRETS = ['whsec_R3dact3dS3cr3tNumb3r0ne', '  whsec_S3condR3dact3dS3cr3t\n'];
const HIDDEN = SECRETS.map((s) => s.trim());
const T = 1_764_201_600;

function assertHidden(text, where) {
  for (const secret of HIDDEN) {
    assert.equal(text.includes(secret), false, `${where} shows a secret: ${text}`);
    // Also no long piece of it (e.g. a truncated or partly masked secret).
    assert.equal(text.includes(secret.slice(6, 18)), false, `${where} shows part of a secret: ${text}`);
  }
}

/** What console.log would print for `values`. */
function logged(...values) {
  let out = '';
  const stream = new Writable({
    write(chunk, encoding, done) {
      out += chunk;
      done();
    },
  });
  new Console({ stdout: stream, stderr: stream, colorMode: false }).log(...values);
  return out;
}

/** Every way an error gets shown: message, stack, String, JSON, inspect, console.log, own properties. */
function errorViews(error) {
  return {
    message: error.message,
    stack: error.stack,
    String: String(error),
    'JSON.stringify': JSON.stringify(error),
    'util.inspect': util.inspect(error),
    'util.inspect showHidden': util.inspect(error, { showHidden: true, depth: Infinity }),
    'console.log': logged(error),
    'own properties': JSON.stringify(Reflect.ownKeys(error).map((key) => String(error[key]))),
    cause: String(error.cause),
  };
}

test('inspect, String, JSON and console.log of a Webhook show no secret', () => {
  for (const webhook of [new Webhook(SECRETS), new Webhook(SECRETS[0], { tolerance: null }), new Webhook(SECRETS[1], { tolerance: 60 })]) {
    const views = {
      'util.inspect': util.inspect(webhook),
      'util.inspect showHidden': util.inspect(webhook, { showHidden: true, depth: Infinity, getters: true }),
      String: String(webhook),
      template: `${webhook}`,
      'JSON.stringify': JSON.stringify(webhook),
      'JSON.stringify nested': JSON.stringify({ webhook }),
      'console.log': logged(webhook),
      'console.log nested': logged({ config: { webhook } }),
      'util.format %o': util.format('%o', webhook),
      'Object.keys': JSON.stringify(Object.getOwnPropertyNames(webhook)),
      structuredClone: util.inspect(structuredClone(webhook)),
    };
    for (const [where, text] of Object.entries(views)) assertHidden(text, where);
  }
});

test('inspect shows what is safe to show', () => {
  assert.equal(util.inspect(new Webhook(SECRETS)), 'Webhook { secrets: [2 redacted], tolerance: default }');
  assert.equal(String(new Webhook(SECRETS[0], { tolerance: null })), 'Webhook { secrets: [1 redacted], tolerance: off }');
  assert.deepEqual(JSON.parse(JSON.stringify(new Webhook(SECRETS[0], { tolerance: 60 }))), {
    secrets: '[1 redacted]',
    tolerance: '60 s',
  });
  assert.equal(Object.prototype.toString.call(new Webhook(SECRETS[0])), '[object Webhook]');
});

test('no verification error message, stack or inspect output shows a secret', () => {
  const webhook = new Webhook(SECRETS, { tolerance: 300 });
  const body = sampleBody();
  const good = sign(SECRETS[0], body, { timestamp: T });
  const attempts = [
    [body, {}],
    [body, { 'x-bookto-timestamp': 'x', 'x-bookto-signature': good['x-bookto-signature'] }],
    [body, good, T + 10_000],
    [body, good, T - 10_000],
    [body, { ...good, 'x-bookto-signature': 'sha256=zz' }],
    [Buffer.concat([Buffer.from('\ufeff'), body]), { ...good, 'content-length': '1' }],
    ['{"event":"order.paid"}', sign(SECRETS[1], '{"event":"order.paid"}', { timestamp: T })],
    [body, sign(HIDDEN[0].slice(0, -1), body, { timestamp: T })],
  ];
  let failures = 0;
  for (const [b, h, now = T] of attempts) {
    try {
      webhook.verify(b, h, { now });
    } catch (error) {
      failures++;
      for (const [where, text] of Object.entries(errorViews(error))) assertHidden(text, where);
    }
  }
  assert.equal(failures, attempts.length);
});

test('configuration errors do not show the rejected secret, nor the good ones beside it', () => {
  const refused = [
    'bk_live_R3dact3dApiK3yValue',
    ['whsec_R3dact3dS3cr3tNumb3r0ne', ' bk_test_R3dact3dApiK3yValue'],
    ['whsec_R3dact3dS3cr3tNumb3r0ne', ' \n'],
    ['whsec_R3dact3dS3cr3tNumb3r0ne', null],
    ['whsec_R3dact3dS3cr3tNumb3r0ne', 'whsec_S3condR3dact3dS3cr3t', ''],
  ];
  for (const secret of refused) {
    let error;
    try {
      new Webhook(secret);
    } catch (e) {
      error = e;
    }
    assert.equal(error.code, 'invalid_secret');
    assert.match(error.message, /#\d/); // names the position instead
    for (const [where, text] of Object.entries(errorViews(error))) {
      assert.equal(text.includes('R3dact3d'), false, `${where}: ${text}`);
    }
  }
});

test('a wrong type among the secrets is a TypeError that shows none of them', () => {
  let error;
  try {
    new Webhook([SECRETS[0], 42]);
  } catch (e) {
    error = e;
  }
  assert.ok(error instanceof TypeError);
  for (const [where, text] of Object.entries(errorViews(error))) assertHidden(text, where);
});

test('parse errors name the path, not the content', () => {
  let error;
  try {
    parseEvent('{"event":"order.paid","payment_provider":"whsec_R3dact3dS3cr3tNumb3r0ne"}');
  } catch (e) {
    error = e;
  }
  assert.equal(error.code, 'invalid_payload');
  assertHidden(error.message, 'message');
});
