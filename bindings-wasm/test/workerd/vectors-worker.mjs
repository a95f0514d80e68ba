// The vector suite inside workerd: bundled by test/edge.run.mjs (esbuild, the
// `workerd` condition, fixtures as JSON modules) and answered on GET /.
// simpleAssert: no nodejs_compat flag, so node:assert is not there, and the
// package must not need it either.
import { simpleAssert } from '../../../bindings-node/test/vectors.mjs';
import { runWasmVectors } from '../vectors.mjs';

export default {
  fetch(request) {
    if (new URL(request.url).pathname !== '/') return new Response('ok');
    const result = runWasmVectors(simpleAssert);
    return Response.json({ runtime: navigator.userAgent, ...result });
  },
};
