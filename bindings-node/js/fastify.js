'use strict';
// Fastify plugin: in the scope it is registered in, JSON (and any other)
// bodies are kept as raw Buffers, a preHandler verifies them and sets
// request.bookto to the typed event; failures answer 400 { error: code }.

const { Webhook, WebhookVerificationError } = require('../index.js');

const EMPTY = new Uint8Array(0);

function keepRaw(request, body, done) {
  done(null, body);
}

/**
 * Fastify plugin. Register it inside the scope that holds your webhook
 * route(s); routes outside that scope keep Fastify's normal JSON parsing.
 *
 * ```js
 * fastify.register(async (scope) => {
 *   scope.register(bookto, { secret: process.env.BOOKTO_WEBHOOK_SECRET });
 *   scope.post('/webhooks/bookto', async (request) => { request.bookto; ... });
 * });
 * ```
 *
 * Options: `secret` (string or array) or `webhook` (a Webhook), `tolerance`,
 * `property` (default `bookto`), `onError(error, request, reply)`.
 */
function bookto(fastify, options, done) {
  const webhook = options.webhook ?? new Webhook(options.secret, { tolerance: options.tolerance });
  const property = options.property ?? 'bookto';
  const onError = options.onError;

  // parseAs 'buffer': the signature covers the exact bytes bookto sent.
  fastify.removeContentTypeParser(['application/json', 'text/plain']);
  fastify.addContentTypeParser('*', { parseAs: 'buffer' }, keepRaw);
  fastify.decorateRequest(property, null);

  fastify.addHook('preHandler', async (request, reply) => {
    const raw = request.raw;
    try {
      request[property] = webhook.verify(request.body ?? EMPTY, raw.headersDistinct ?? request.headers);
    } catch (error) {
      if (!(error instanceof WebhookVerificationError)) throw error;
      if (onError) return onError(error, request, reply);
      return reply.code(400).send({ error: error.code });
    }
  });
  done();
}

// Like fastify-plugin: apply to the scope that registers it, not a child scope.
bookto[Symbol.for('skip-override')] = true;
bookto[Symbol.for('fastify.display-name')] = '@bookto/verify';

module.exports = { bookto, fastifyPlugin: bookto };
