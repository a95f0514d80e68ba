import express from 'express';
import { isOrderPaid } from '@bookto/verify';
import { bookto } from '@bookto/verify/express';

export const app = express();

// The middleware reads the raw body itself: mount it before any JSON parser.
app.post('/webhooks/bookto', bookto(process.env.BOOKTO_WEBHOOK_SECRET), (req, res) => {
  const event = req.bookto;
  if (isOrderPaid(event)) {
    // amount.exact holds the money as sent ("1.21"); amount.total_incl is the number.
    res.json({ received: event.event, order: event.order_number, total: event.amount.exact.total_incl });
  } else {
    res.json({ received: event.event }); // a newer event type: acknowledge it
  }
});

app.use(express.json()); // other routes can parse JSON as usual
