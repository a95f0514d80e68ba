// The public API of @bookto/verify (api.mjs, the Node package's own file,
// copied in at build time) over the wasm backend: the same classes,
// functions and errors as the native addon, from the same Rust core.
//
// Nothing here calls into wasm at load time; the entry that imported this
// file (index.js, workerd.js or edge-light.js) instantiates the module.
import { createApi } from './api.mjs';
import { backend as wasmBackend } from './backend.js';

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
