// Serves examples/next-middleware.js from workerd the way Next.js calls it:
// every request goes to `middleware(request)` (its matcher is Next's routing).
import { middleware } from '../../examples/next-middleware.js';

export default {
  fetch(request) {
    return middleware(request);
  },
};
