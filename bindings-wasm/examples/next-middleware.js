// Next.js middleware (middleware.js next to app/ or pages/), which runs on
// the Edge Runtime; the same code works as a Vercel Edge Function. Next picks
// the wasm build through the `edge-light` export condition.
import { Webhook, WebhookVerificationError, isOrderPaid } from '@bookto/verify';

const webhook = new Webhook(process.env.BOOKTO_WEBHOOK_SECRET);

export const config = { matcher: '/api/bookto-webhook' };

export async function middleware(request) {
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
}
