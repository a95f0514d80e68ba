// JS runner of the comparison, for Node, Deno and Bun. Prints JSON lines
// (see compare.py); started by compare.py.
//
//   node --expose-gc runner.mjs '<config json>'
//   deno run --allow-read --v8-flags=--expose-gc runner.mjs '<config json>'
//   bun runner.mjs '<config json>'
//
// Every runtime: the wasm build vs its WebCrypto (edge.mjs). Node also: the
// native addon vs node:crypto and the npm libraries a Node user would pick.
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { accepts, edgeContenders, headers, loop, orderPaidOfSize, SECRET, tamper } from './edge.mjs';

const runtime = globalThis.Deno ? 'deno' : globalThis.Bun ? 'bun' : 'node';
const cfg = JSON.parse(globalThis.Deno ? Deno.args[0] : process.argv[2]);
const emit = (record) => console.log(JSON.stringify({ runtime, ...record }));
const exit = (code) => (globalThis.Deno ? Deno.exit(code) : process.exit(code));
const gc = () => (globalThis.Bun ? Bun.gc(true) : globalThis.gc?.());

const NODE_CRYPTO = 'node:crypto createHmac + timingSafeEqual';
const NODE_CRYPTO_JSON = `${NODE_CRYPTO} + JSON.parse`;
const STRING = ' (string body)';

/** Node only: the native addon, node:crypto and the npm libraries. */
async function nodeContenders() {
  const { Buffer } = await import('node:buffer');
  const { createHash, createHmac, timingSafeEqual } = await import('node:crypto');
  const { createRequire } = await import('node:module');
  const ours = createRequire(import.meta.url)(cfg.native);
  const { StandardWebhook, octokit, Stripe } = await import(pathToFileURL(cfg.deps).href);
  const webhook = new ours.Webhook(SECRET);
  const text = (b) => b.toString('utf8');

  // bookto's headers, signed with node:crypto (ours must accept them).
  const bookto = (body) => {
    const ts = String(Math.floor(Date.now() / 1000));
    const mac = createHmac('sha256', SECRET).update(`${ts}.`).update(body).digest('hex');
    return headers(body, { 'x-bookto-timestamp': ts, 'x-bookto-signature': `sha256=${mac}` });
  };
  // The hand-written check (issue 4's baseline); a string body is hashed as ts + '.' + body.
  const nodeCheck = (b, h) => {
    const ts = h['x-bookto-timestamp'];
    const hmac = createHmac('sha256', SECRET);
    const mac = (typeof b === 'string' ? hmac.update(`${ts}.${b}`) : hmac.update(`${ts}.`).update(b)).digest('hex');
    const [expected, given] = [Buffer.from(`sha256=${mac}`), Buffer.from(h['x-bookto-signature'])];
    return given.length === expected.length && timingSafeEqual(given, expected);
  };
  const nodeVerify = (b, h) => {
    if (!nodeCheck(b, h)) throw new Error('signature mismatch');
    return JSON.parse(typeof b === 'string' ? b : text(b));
  };
  const standard = new StandardWebhook(SECRET);
  const standardHeaders = (body) => {
    const ts = Math.floor(Date.now() / 1000);
    const signature = standard.sign('msg_2mP0', new Date(ts * 1000), body);
    return headers(body, { 'webhook-id': 'msg_2mP0', 'webhook-timestamp': String(ts), 'webhook-signature': signature });
  };
  const stripeHeader = (body) => Stripe.webhooks.generateTestHeaderString({ payload: text(body), secret: SECRET });

  const base = { signature: NODE_CRYPTO, verify: NODE_CRYPTO_JSON, floor: NODE_CRYPTO };
  const c = (name, group, make, extra) => ({ name, group, base: base[group], make, ...extra });
  const signed = (fn) => (body) => {
    const h = bookto(body);
    return (b) => fn(b, h);
  };
  // The body as a Buffer, and as a string (the form issue 4 states its baseline in).
  const bothBodies = (group, name, fn) => [
    c(name, group, signed(fn)),
    c(name + STRING, group, signed(fn), { prep: text, base: base[group] + STRING }),
  ];
  return [
    ...bothBodies('signature', NODE_CRYPTO, nodeCheck),
    ...bothBodies('signature', 'ours verifySignature', (b, h) => webhook.verifySignature(b, h) === 0),
    c('@octokit/webhooks-methods verify', 'signature', async (body) => {
      const signature = await octokit.sign(SECRET, text(body));
      return (s) => octokit.verify(SECRET, s, signature);
    }, { async: true, prep: text }),
    c('stripe webhooks.signature.verifyHeader', 'signature', (body) => {
      const header = stripeHeader(body);
      return (b) => Stripe.webhooks.signature.verifyHeader(b, header, SECRET, 300);
    }),
    ...bothBodies('verify', NODE_CRYPTO_JSON, nodeVerify),
    ...bothBodies('verify', 'ours verify (typed event)', (b, h) => webhook.verify(b, h)),
    c('standardwebhooks Webhook.verify', 'verify', (body) => {
      const h = standardHeaders(body);
      return (b) => standard.verify(b, h);
    }),
    c('stripe webhooks.constructEvent', 'verify', (body) => {
      const header = stripeHeader(body);
      return (b) => Stripe.webhooks.constructEvent(b, header, SECRET);
    }),
    c("createHash('sha256') (floor)", 'floor', () => (b) => createHash('sha256').update(b).digest().length === 32),
  ];
}

async function main() {
  const wasm = cfg.wasm ? await import(pathToFileURL(cfg.wasm).href) : null;
  let contenders = edgeContenders(wasm);
  if (runtime === 'node') contenders = [...(await nodeContenders()), ...contenders];
  const version = { node: () => process.version, deno: () => Deno.version.deno, bun: () => Bun.version }[runtime]();
  emit({ type: 'meta', version, packages: cfg.packages ?? {}, wasm: Boolean(wasm) });

  const sample = new Uint8Array(readFileSync(cfg.sample));
  for (const [label, size] of cfg.sizes) {
    let body = orderPaidOfSize(sample, size);
    let bad = tamper(body);
    if (runtime === 'node') [body, bad] = [body, bad].map((u) => Buffer.from(u.buffer, u.byteOffset, u.length));
    const good = contenders.map((k) => (k.prep ? k.prep(body) : body));
    const tampered = contenders.map((k) => (k.prep ? k.prep(bad) : bad));
    const makeAll = () => Promise.all(contenders.map((k) => k.make(body)));
    let fns = await makeAll();

    // Self-check: each verifier accepts its valid input and rejects the tampered body.
    for (const [i, k] of contenders.entries()) {
      const ok = (await accepts(fns[i], good[i])) && (k.group === 'floor' || !(await accepts(fns[i], tampered[i])));
      if (!ok) {
        emit({ type: 'error', size: label, contender: k.name, message: 'self-check failed: valid input rejected or tampered input accepted' });
        exit(1);
      }
    }

    // Warm-up, and a batch size per contender so one batch takes about batch_ms.
    const timed = async (i, n) => {
      const start = performance.now();
      await loop(contenders[i], fns[i], good[i], n);
      return ((performance.now() - start) * 1e6) / n;
    };
    const batch = [];
    for (const i of contenders.keys()) {
      const deadline = performance.now() + cfg.warmup_ms;
      let n = 1;
      let perCall = await timed(i, n);
      while (performance.now() < deadline) perCall = await timed(i, (n *= 2));
      batch.push(Math.max(1, Math.round((cfg.batch_ms * 1e6) / Math.max(perCall, 1))));
    }

    // Interleaved rounds: every contender once per round, rotating the order.
    const samples = contenders.map(() => []);
    for (let r = 0; r < cfg.rounds; r++) {
      fns = await makeAll(); // fresh timestamps for the replay windows
      gc();
      for (let j = 0; j < contenders.length; j++) {
        const i = (j + r) % contenders.length;
        samples[i].push(await timed(i, batch[i]));
      }
    }
    for (const [i, k] of contenders.entries()) {
      emit({
        type: 'result', size: label, bytes: body.length, contender: k.name, group: k.group, base: k.base,
        ours: k.name.startsWith('ours'), batch: batch[i], samples_ns: samples[i],
      });
    }
  }
}

main().catch((error) => {
  emit({ type: 'error', message: String(error?.stack ?? error) });
  exit(1);
});
