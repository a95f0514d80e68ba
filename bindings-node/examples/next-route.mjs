// app/webhooks/bookto/route.js (Next.js App Router)
import { Webhook, WebhookVerificationError, isOrderPaid } from '@bookto/verify';

export const runtime = 'nodejs'; // the native addon needs the Node.js runtime

const webhook = new Webhook(process.env.BOOKTO_WEBHOOK_SECRET);

export async function POST(request) {
  let event;
  try {
    event = await webhook.verifyRequest(request); // reads the raw body
  } catch (error) {
    if (error instanceof WebhookVerificationError) {
      return Response.json({ error: error.code }, { status: 400 });
    }
    throw error;
  }
  if (isOrderPaid(event)) {
    return Response.json({ received: event.event, order: event.order_number, total: event.amount.exact.total_incl });
  }
  return Response.json({ received: event.event });
}
