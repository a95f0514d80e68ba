// '@bookto/verify/wasm' under Node and Bun, as an ES module: re-exports the
// CommonJS instance (wasm.cjs), which shares index.js's error classes.
import api from './wasm.cjs';

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
} = api;
