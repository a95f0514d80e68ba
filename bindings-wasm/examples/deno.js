// Deno and Deno Deploy: `deno serve --allow-env=BOOKTO_WEBHOOK_SECRET deno.js`
// after `deno add npm:@bookto/verify` (the `deno` condition picks the wasm build). No --allow-read: the module is inlined.
import { Webhook, WebhookVerificationError, isOrderPaid } from '@bookto/verify';

const webhook = new Webhook(Deno.env.get('BOOKTO_WEBHOOK_SECRET'));

export default {
  async fetch(request) {
    if (request.method !== 'POST') return new Response('POST only', { status: 405 });
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
