import { z } from 'zod';
import { orderLimits } from '../orders/orderLimits';

/**
 * Integration events published by the orders service on queue `orders`, one per change-feed version of an
 * order document. Named as past-tense facts (eShop style); each carries its own `id` and `occurredAt`.
 * `id` is `<orderId>:<version>` and is also the Service Bus messageId, so duplicate detection drops a
 * resend and consumers can tell a redelivery from a new fact.
 * Bump ORDER_EVENT_SCHEMA_VERSION on any breaking change; consumers reject versions they do not know,
 * which dead-letters the message instead of misreading it.
 */
export const ORDER_EVENT_SCHEMA_VERSION = 1;

export const orderEventTypes = [
  'OrderCreated',
  'OrderUpdated',
  'OrderStatusChanged',
  'OrderCancelled',
] as const;
export type OrderEventType = (typeof orderEventTypes)[number];

export const orderStatuses = ['pending', 'confirmed', 'shipped', 'delivered', 'cancelled'] as const;
export type OrderStatus = (typeof orderStatuses)[number];

const minor = z.number().int();

/** The part of an order the consumers need. No shipping address: consumers have no use for it. */
export const orderSnapshot = z.object({
  id: z.string().min(1),
  customerId: z.string().min(1),
  customerEmail: z.string(),
  /** Absent in events of orders placed before verification existed: treated as unverified (no mail). */
  customerEmailVerified: z.boolean().optional(),
  status: z.enum(orderStatuses),
  currency: z.string().length(3),
  // The API's own limits (orderLimits): a message beyond them did not come from the API, so it is poison.
  items: z
    .array(
      z.object({
        sku: z.string().regex(orderLimits.sku),
        name: z.string().refine((s) => [...s].length <= orderLimits.maxItemName),
        unitPrice: minor.nonnegative().max(orderLimits.maxUnitPrice),
        quantity: z.number().int().positive().max(orderLimits.maxQuantity),
      }),
    )
    .max(orderLimits.maxLineItems),
  pricing: z.object({
    subtotal: minor,
    discount: minor,
    tax: minor,
    shipping: minor,
    total: minor.nonnegative(),
  }),
  createdAt: z.iso.datetime({ offset: true }),
  updatedAt: z.iso.datetime({ offset: true }),
  version: z.number().int().positive(),
});
export type OrderSnapshot = z.infer<typeof orderSnapshot>;

export const orderIntegrationEvent = z.object({
  schemaVersion: z.literal(ORDER_EVENT_SCHEMA_VERSION),
  id: z.string().min(1),
  type: z.enum(orderEventTypes),
  occurredAt: z.iso.datetime({ offset: true }),
  correlationId: z.string().optional(),
  orderId: z.string().min(1),
  version: z.number().int().positive(),
  order: orderSnapshot,
});
export type OrderIntegrationEvent = z.infer<typeof orderIntegrationEvent>;
