// @bookto/verify in edge runtimes (workerd, Vercel Edge, Deno, browsers, and
// anywhere through '@bookto/verify/wasm'): the same API over the wasm build.
// The error classes come from the same api.mjs as the native entry, so
// `instanceof` holds whichever build threw.
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
