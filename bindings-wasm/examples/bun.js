// Bun: `bun bun.js` (Bun.serve; set PORT and BOOKTO_WEBHOOK_SECRET).
import { Webhook, WebhookVerificationError, isOrderPaid } from '@bookto/verify';

const webhook = new Webhook(Bun.env.BOOKTO_WEBHOOK_SECRET);

const server = Bun.serve({
  hostname: '127.0.0.1',
  port: Number(Bun.env.PORT ?? 3000),
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
});
console.log(`listening on ${server.url}`);
