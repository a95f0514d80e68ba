// @bookto/verify-wasm where WebAssembly may be compiled from bytes: Node,
// Deno, Bun, browsers and web workers (the `default` export condition).
//
// The module's bytes are inlined as base64 (wasm-inline.js), so loading is
// synchronous and needs no file access, fetch, permission or bundler setup.
// workerd and Vercel Edge refuse to compile bytes at run time: they get
// workerd.js / edge-light.js, which import the .wasm file as a module.
import { initSync } from './bookto_verify_wasm.js';
import bytes from './wasm-inline.js';

initSync({ module: new WebAssembly.Module(bytes) });

export * from './wasm-api.js';
