import { z } from 'zod';

/** Route parameters of `/api/orders/{id}...`. Order ids are UUIDs; anything outside this shape cannot exist. */
export const orderIdParams = z.strictObject({
  id: z.string().regex(/^[A-Za-z0-9._-]{1,128}$/, 'must be an order id'),
});
