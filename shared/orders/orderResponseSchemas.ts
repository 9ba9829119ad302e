import { z } from 'zod';
import { orderStatuses } from './order';

/** Response shapes, for the OpenAPI document. The order body is the stored document minus internals. */
const amount = z.int().min(0).meta({ description: 'Integer minor units of the order currency' });

const statusEnum = z.enum(orderStatuses);

export const orderResponseSchema = z
  .object({
    id: z.string(),
    customerId: z.string(),
    customerEmail: z.string(),
    customerEmailVerified: z
      .boolean()
      .describe('The address was verified when the order was placed; only then does it get order mails.'),
    status: statusEnum,
    items: z.array(
      z.object({ sku: z.string(), name: z.string(), unitPrice: amount, quantity: z.int().min(1) }),
    ),
    currency: z.string(),
    shippingAddress: z.object({
      line1: z.string(),
      city: z.string(),
      postalCode: z.string(),
      country: z.string(),
    }),
    pricing: z
      .object({ subtotal: amount, discount: amount, tax: amount, shipping: amount, total: amount })
      .meta({ description: 'total = subtotal - discount + tax + shipping' }),
    statusHistory: z.array(z.object({ status: statusEnum, at: z.string(), by: z.string() })),
    createdAt: z.string(),
    updatedAt: z.string(),
    version: z.int().min(1),
    lastChange: z.object({
      type: z.enum(['OrderCreated', 'OrderUpdated', 'OrderStatusChanged', 'OrderCancelled']),
      at: z.string(),
      correlationId: z.string(),
      by: z.string(),
    }),
    cancelled: z.literal(true).optional(),
  })
  .meta({ id: 'Order' });

export const orderListResponseSchema = z
  .object({
    items: z.array(orderResponseSchema),
    continuationToken: z
      .string()
      .optional()
      .meta({ description: 'Pass as continuationToken to get the next page; absent on the last page' }),
  })
  .meta({ id: 'OrderList' });
