// Types of @bookto/verify/fastify.
import type { FastifyPluginCallback, FastifyReply, FastifyRequest } from 'fastify';
import type { BooktoEvent, Webhook, WebhookOptions, WebhookVerificationError } from '../index.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** The verified bookto event, set by the `bookto` plugin (null outside its scope). */
    bookto: BooktoEvent | null;
  }
}

/** Options of the {@link bookto} plugin: `secret` or `webhook`. */
export interface BooktoPluginOptions extends WebhookOptions {
  /** The signing secret(s), when no `webhook` is given. */
  secret?: string | readonly string[];
  /** A Webhook to use instead of `secret`/`tolerance`. */
  webhook?: Webhook;
  /** Request property that receives the event (default `"bookto"`). */
  property?: string;
  /** Handles a verification failure instead of the default `400 { error: code }`. */
  onError?: (error: WebhookVerificationError, request: FastifyRequest, reply: FastifyReply) => unknown;
}

/**
 * Fastify plugin: in the scope it is registered in, bodies stay raw Buffers
 * (`parseAs: 'buffer'`) and a preHandler verifies them, setting
 * `request.bookto`; failures answer `400 { "error": code }`.
 */
export declare const bookto: FastifyPluginCallback<BooktoPluginOptions>;

/** Same as {@link bookto}. */
export declare const fastifyPlugin: typeof bookto;
