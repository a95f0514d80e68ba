// @bookto/verify in edge runtimes (workerd, Vercel Edge, Deno, browsers), and
// '@bookto/verify/wasm' there: the same API over the wasm build. Node and Bun
// get js/wasm.cjs instead, which shares index.js's classes (js/api.cjs).
import '@bookto/verify-wasm'; // instantiates the module through its own conditions
import { backend as wasmBackend } from '@bookto/verify-wasm/backend';
import { createApi } from './api.mjs';

export const {
  backend,
  Webhook,
  sign,
  parseEvent,
  isOrderPaid,
  ERROR_CODES,
  WebhookVerificationError,
  WebhookConfigError,
  MissingHeader,
  InvalidTimestamp,
  TimestampTooOld,
  TimestampTooNew,
  InvalidSignatureHeader,
  SignatureMismatch,
  InvalidPayload,
} = createApi(wasmBackend);
