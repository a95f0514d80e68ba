'use strict';
// Loads this platform's native addon, or throws an Error whose `attempts`
// lists what was tried and why each failed (index.js then falls back to wasm).
//
// The addon is a file beside this one (a development build, `napi build
// --platform`) or the per-platform package `@bookto/verify-<platform>`, an
// optional dependency npm installs only where its `os`/`cpu`/`libc` match.
// Names follow napi-rs: linux-x64-gnu, linux-arm64-musl, darwin-arm64,
// win32-x64-msvc, ...
//
// `module.require` with a computed name, not `require('literal')`: bundlers
// (esbuild, webpack, Next.js) cannot place a `.node` file without loader
// configuration and fail the build on a literal. They leave this call alone,
// and in a bundle it throws, so the bundle runs on the wasm fallback.

const { existsSync, readFileSync } = require('node:fs');
const { join } = require('node:path');

function isMusl() {
  // glibc's runtime version is in the process report; musl has none.
  try {
    const report = process.report && process.report.getReport();
    if (report && report.header) return !report.header.glibcVersionRuntime;
  } catch {
    // fall through to the filesystem check
  }
  try {
    return readFileSync('/usr/bin/ldd', 'utf8').includes('musl');
  } catch {
    return false;
  }
}

/** This process's platform name in the napi-rs scheme, e.g. `linux-x64-gnu`. */
function platformName() {
  const { platform, arch } = process;
  if (platform === 'linux') return `linux-${arch}-${isMusl() ? 'musl' : 'gnu'}`;
  if (platform === 'win32') return `win32-${arch}-msvc`;
  return `${platform}-${arch}`;
}

function load() {
  const platform = platformName();
  const attempts = [];
  const candidates = [`@bookto/verify-${platform}`];
  const local = join(__dirname, `bookto-verify.${platform}.node`);
  if (existsSync(local)) candidates.unshift(local);
  for (const candidate of candidates) {
    try {
      const binding = module.require(candidate);
      if (typeof binding.NativeVerifier !== 'function') throw new Error('not a @bookto/verify addon');
      return binding;
    } catch (error) {
      attempts.push(`${candidate}: ${error && error.message ? error.message.split('\n')[0] : error}`);
    }
  }
  const error = new Error(`no native addon loaded for ${platform}`);
  error.platform = platform;
  error.attempts = attempts;
  throw error;
}

module.exports = load();
