// Cloudflare Workers: src/index.js. wrangler bundles the wasm build (the
// `workerd` export condition) and uploads the .wasm as a module.
// Secret: `npx wrangler secret put BOOKTO_WEBHOOK_SECRET`.
import { Webhook, WebhookVerificationError, isOrderPaid } from '@bookto/verify';

let webhook; // built on the first request, then reused by the isolate

export default {
  async fetch(request, env) {
    if (request.method !== 'POST') return new Response('POST only', { status: 405 });
    webhook ??= new Webhook(env.BOOKTO_WEBHOOK_SECRET);
    try {
      const event = await webhook.verifyRequest(request);
      if (isOrderPaid(event)) {
        // Fulfil the order here; money is exact in event.amount.exact.
        return Response.json({ received: event.event, order: event.order_number, total: event.amount.exact.total_incl });
      }
      return Response.json({ received: event.event }); // other events: acknowledge
    } catch (error) {
      if (error instanceof WebhookVerificationError) {
        return Response.json({ error: error.code }, { status: 400 });
      }
      throw error;
    }
  },
};
