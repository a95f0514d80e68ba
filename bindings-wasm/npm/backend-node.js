// Entry of backend.cjs (bundled by build.sh with esbuild): the wasm backend,
// instantiated from the inlined bytes, for CommonJS callers, chiefly
// @bookto/verify's fallback when no native addon loads. Synchronous, and
// loadable with require() on every Node from 18 on.
import { initSync } from './bookto_verify_wasm.js';
import bytes from './wasm-inline.js';

initSync({ module: new WebAssembly.Module(bytes) });

export { backend } from './backend.js';
