// The benchmark inside workerd, where performance.now() and Date.now() do not
// advance during CPU work: GET /<case>?n=N runs N calls (awaited for the
// WebCrypto cases) and workerd.mjs times the requests from outside.
import * as api from '@bookto/verify-wasm';
import sample from 'bench:order-paid.json'; // the 866 bytes (esbuild binary loader)
import { bigBody, prepare } from './measure.mjs';

let prepared;

export default {
  async fetch(request) {
    prepared ??= Promise.all([prepare(api, sample), prepare(api, bigBody(1 << 20))]);
    const [small, big] = await prepared;
    const url = new URL(request.url);
    const n = Number(url.searchParams.get('n') ?? '0');
    const cases = {
      '/wasm': small.wasm,
      '/verify': small.verify,
      '/wasm1mb': big.wasm,
      '/webcrypto': small.webcrypto,
      '/webcryptoReceiver': small.webcryptoReceiver,
      '/webcrypto1mb': big.webcrypto,
    };
    const fn = cases[url.pathname];
    if (fn === undefined) return new Response('ok');
    if (url.pathname.startsWith('/webcrypto')) {
      for (let i = 0; i < n; i++) await fn();
    } else {
      for (let i = 0; i < n; i++) fn();
    }
    return new Response(String(n));
  },
};
