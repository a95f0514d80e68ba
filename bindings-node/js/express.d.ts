// Types of @bookto/verify/express.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { BooktoEvent, Webhook, WebhookOptions, WebhookVerificationError } from '../index.js';

declare global {
  namespace Express {
    interface Request {
      /** The verified bookto event, set by the `bookto()` middleware. */
      bookto?: BooktoEvent;
    }
  }
}

/** Options of {@link bookto}. */
export interface BooktoMiddlewareOptions extends WebhookOptions {
  /** Property of `req` that receives the event (default `"bookto"`). */
  property?: string;
  /** Largest body read, in bytes (default 1 MiB); larger ones go to `next()` with status 413. */
  limit?: number;
  /** Handles a verification failure instead of the default `400 { error: code }`. */
  onError?: (
    error: WebhookVerificationError,
    req: IncomingMessage,
    res: ServerResponse,
    next: (error?: unknown) => void,
  ) => void;
}

/** An Express (or node:http + connect) middleware function. */
export type BooktoMiddleware = (
  req: IncomingMessage & { body?: unknown },
  res: ServerResponse,
  next: (error?: unknown) => void,
) => void;

/**
 * Middleware that verifies a bookto webhook from the raw body and sets
 * `req.bookto` to the typed event; failures answer `400 { "error": code }`.
 * Mount it on the webhook route before any JSON body parser.
 *
 * ```js
 * app.post('/webhooks/bookto', bookto(process.env.BOOKTO_WEBHOOK_SECRET), (req, res) => { req.bookto; });
 * ```
 */
export declare function bookto(
  secretOrWebhook: string | readonly string[] | Webhook,
  options?: BooktoMiddlewareOptions,
): BooktoMiddleware;

/** Same as {@link bookto}. */
export declare const expressMiddleware: typeof bookto;
