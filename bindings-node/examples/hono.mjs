import { Hono } from 'hono';
import { Webhook, WebhookVerificationError, isOrderPaid } from '@bookto/verify';

const webhook = new Webhook(process.env.BOOKTO_WEBHOOK_SECRET);

export const app = new Hono();

app.post('/webhooks/bookto', async (c) => {
  const event = await webhook.verifyRequest(c.req.raw); // the raw Fetch Request
  if (isOrderPaid(event)) {
    return c.json({ received: event.event, order: event.order_number, total: event.amount.exact.total_incl });
  }
  return c.json({ received: event.event });
});

app.onError((error, c) =>
  error instanceof WebhookVerificationError ? c.json({ error: error.code }, 400) : c.text('internal error', 500),
);
