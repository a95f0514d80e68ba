// @bookto/verify-wasm for Vercel Edge Functions and Next.js middleware (the
// `edge-light` export condition). Their bundler turns a `.wasm?module` import
// into a compiled `WebAssembly.Module` (as @vercel/og does); the Edge Runtime
// forbids compiling bytes at run time.
import { initSync } from './bookto_verify_wasm.js';
import module from './bookto_verify_wasm_bg.wasm?module';

initSync({ module });

export * from './wasm-api.js';
