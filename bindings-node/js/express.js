'use strict';
// Express (and plain node:http) middleware: verifies the raw body, sets
// req.bookto to the typed event, answers 400 { error: code } on failure.

const { Webhook, WebhookVerificationError } = require('../index.js');

const DEFAULT_LIMIT = 1024 * 1024;

function isRawBody(body) {
  return typeof body === 'string' || body instanceof Uint8Array || body instanceof ArrayBuffer;
}

/** Reads the request stream into one Buffer, refusing more than `limit` bytes. */
function readBody(req, limit) {
  return new Promise((resolve, reject) => {
    const chunks = [];
    let size = 0;
    req.on('data', (chunk) => {
      size += chunk.length;
      if (size > limit) {
        const error = new RangeError(`bookto-verify: request body larger than ${limit} bytes`);
        error.status = error.statusCode = 413;
        error.expose = true;
        req.removeAllListeners('data');
        req.resume();
        reject(error);
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks, size)));
    req.on('error', reject);
  });
}

function sendJson(res, status, value) {
  const body = JSON.stringify(value);
  res.statusCode = status;
  res.setHeader('content-type', 'application/json; charset=utf-8');
  res.setHeader('content-length', Buffer.byteLength(body));
  res.end(body);
}

/**
 * Middleware that verifies a bookto webhook from the raw request body and
 * sets `req[property]` (default `req.bookto`) to the typed event.
 *
 * Mount it on the webhook route before any JSON body parser runs. It reads the
 * body itself, or uses `req.body` when `express.raw()` or `express.text()`
 * already read it. A body parsed into an object is a programmer error, passed
 * to `next()` as a TypeError that says how to keep the raw body.
 *
 * Verification failures answer `400 { "error": "<code>" }` (or call
 * `options.onError(error, req, res, next)` when given).
 *
 * @param {string | string[] | Webhook} secretOrWebhook
 * Bodies over `options.limit` bytes (default 1 MiB) go to `next()` as an
 * error with `status` 413.
 *
 * @param {{ tolerance?: number | bigint | null, property?: string, limit?: number,
 *   onError?: (error, req, res, next) => void }} [options]
 */
function bookto(secretOrWebhook, options = {}) {
  const webhook =
    secretOrWebhook !== null && typeof secretOrWebhook === 'object' && typeof secretOrWebhook.verify === 'function'
      ? secretOrWebhook
      : new Webhook(secretOrWebhook, { tolerance: options.tolerance });
  const property = options.property ?? 'bookto';
  const limit = options.limit ?? DEFAULT_LIMIT;
  const onError = options.onError;

  function handle(body, req, res, next) {
    let event;
    try {
      // headersDistinct keeps repeated headers apart (for the mismatch hint).
      event = webhook.verify(body, req.headersDistinct ?? req.headers);
    } catch (error) {
      if (!(error instanceof WebhookVerificationError)) return next(error);
      if (onError) return onError(error, req, res, next);
      return sendJson(res, 400, { error: error.code });
    }
    req[property] = event;
    return next();
  }

  return function booktoMiddleware(req, res, next) {
    if (req.body !== undefined && isRawBody(req.body)) return handle(req.body, req, res, next);
    if (req.body !== undefined && req.readableEnded) {
      // A body parser already consumed the stream: let verify() explain.
      return handle(req.body, req, res, next);
    }
    readBody(req, limit).then((body) => handle(body, req, res, next), next);
  };
}

module.exports = { bookto, expressMiddleware: bookto };
