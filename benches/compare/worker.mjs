// The workerd side of the comparison: runs one contender n times per request.
// workerd's clocks do not advance during CPU work, so runner-workerd.mjs
// times these requests from outside.
//   GET /prepare?size=N   builds the body, signs it now for every contender,
//                         self-checks them; answers the contender list as JSON
//   GET /run?i=K&n=N      runs contender K on the prepared body N times
import * as wasm from './pkg/workerd.js';
import sampleText from './order-paid.json';
import { accepts, edgeContenders, loop, orderPaidOfSize, tamper } from './edge.mjs';

const contenders = edgeContenders(wasm);
const sample = new TextEncoder().encode(sampleText);
let state;

async function prepare(size) {
  const body = orderPaidOfSize(sample, size);
  const bad = tamper(body);
  const fns = await Promise.all(contenders.map((k) => k.make(body)));
  const failed = [];
  for (const [i, k] of contenders.entries()) {
    if (!(await accepts(fns[i], body)) || (await accepts(fns[i], bad))) failed.push(k.name);
  }
  state = { body, fns };
  return { bytes: body.length, failed, contenders: contenders.map(({ name, group, base }) => ({ name, group, base })) };
}

export default {
  async fetch(request) {
    const url = new URL(request.url);
    const arg = (name) => Number(url.searchParams.get(name));
    if (url.pathname === '/prepare') return Response.json(await prepare(arg('size')));
    if (url.pathname === '/run' && state) {
      const i = arg('i');
      const sink = await loop(contenders[i], state.fns[i], state.body, arg('n'));
      return new Response(String(sink));
    }
    return new Response('not found', { status: 404 });
  },
};
