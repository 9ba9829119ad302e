import { OPEN_STATUSES, shardOf, utcDay, type ProjectionDoc } from './analyticsDocs';
import { orderCounters } from './counters';
import type { OrderEventType, OrderSnapshot } from '../events/orderEvent';

export interface ProjectionDocInit {
  /** The order's id, as the event names it. */
  id: string;
  version: number;
  eventType: OrderEventType;
  order: OrderSnapshot;
  appliedAt: string;
}

/** The analytics service's copy of an order as of one event: what the projection stores and what it sums. */
export function projectionDoc(init: ProjectionDocInit): ProjectionDoc {
  const { order } = init;
  return {
    id: init.id,
    shard: shardOf(init.id),
    kind: 'order',
    version: init.version,
    eventType: init.eventType,
    status: order.status,
    open: OPEN_STATUSES.includes(order.status),
    createdAt: order.createdAt,
    day: utcDay(order.createdAt),
    total: order.pricing.total,
    currency: order.currency,
    counters: orderCounters(order),
    appliedAt: init.appliedAt,
  };
}
