// @bookto/verify-wasm's ES entry under Node and Bun (the `node` condition):
// re-exports the CommonJS instance (index.cjs), so require() and import share
// one set of classes and `instanceof` holds across them.
import api from './index.cjs';

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
