// @bookto/verify-wasm for workerd: Cloudflare Workers, wrangler, miniflare
// (the `workerd` export condition). A `.wasm` import is a compiled
// `WebAssembly.Module` there (wrangler's CompiledWasm rule; `wasm = embed` in
// a workerd config), and workerd forbids compiling bytes at run time.
import { initSync } from './bookto_verify_wasm.js';
import module from './bookto_verify_wasm_bg.wasm';

initSync({ module });

export * from './wasm-api.js';
