import { z } from 'zod';
import { InvalidOrderDocumentError } from '../events/errors';
import {
  ORDER_EVENT_SCHEMA_VERSION,
  orderEventTypes,
  orderSnapshot,
  type OrderIntegrationEvent,
} from '../events/orderEvent';

/** What the relay needs of an order document from the change feed (the orders service's contract). */
const orderDocument = orderSnapshot.extend({
  lastChange: z.object({
    type: z.enum(orderEventTypes),
    at: z.iso.datetime({ offset: true }),
    correlationId: z.string().optional(),
    by: z.string().optional(),
  }),
});

/**
 * One change-feed version of an order becomes one integration event. Its id is `<orderId>:<version>`:
 * the same version relayed twice (a retried batch) yields the same id, which duplicate detection drops.
 */
export function eventFromOrderDocument(doc: unknown): OrderIntegrationEvent {
  const parsed = orderDocument.safeParse(doc);
  if (!parsed.success) {
    const id = typeof doc === 'object' && doc && 'id' in doc ? String(doc.id) : '(no id)';
    const issues = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new InvalidOrderDocumentError(`document ${id} is not an order the relay can publish: ${issues}`);
  }
  const d = parsed.data;
  const order = orderSnapshot.parse(d);
  return {
    schemaVersion: ORDER_EVENT_SCHEMA_VERSION,
    id: `${d.id}:${d.version}`,
    type: d.lastChange.type,
    occurredAt: d.lastChange.at,
    ...(d.lastChange.correlationId ? { correlationId: d.lastChange.correlationId } : {}),
    orderId: d.id,
    version: d.version,
    order,
  };
}
