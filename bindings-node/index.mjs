// ES module entry: re-exports the CommonJS instance (index.js), so both module
// systems share one set of classes and `instanceof` holds across them.
import api from './index.js';

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
