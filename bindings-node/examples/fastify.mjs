import Fastify from 'fastify';
import { isOrderPaid } from '@bookto/verify';
import { bookto } from '@bookto/verify/fastify';

export const app = Fastify();

// Bodies stay raw inside this scope only; other routes parse JSON as usual.
app.register(async (webhooks) => {
  webhooks.register(bookto, { secret: process.env.BOOKTO_WEBHOOK_SECRET });

  webhooks.post('/webhooks/bookto', async (request) => {
    const event = request.bookto;
    if (isOrderPaid(event)) {
      return { received: event.event, order: event.order_number, total: event.amount.exact.total_incl };
    }
    return { received: event.event };
  });
});
