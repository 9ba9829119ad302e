/**
 * The fewest operations one created order needs along the whole pipeline, as the design stands (README):
 * what a user pays for in Azure, request by request. Each entry says why it cannot be dropped.
 */
export interface MinimumEntry {
  service: 'Cosmos DB' | 'Service Bus';
  what: string;
  count: number;
  why: string;
}

export const designMinimum: readonly MinimumEntry[] = [
  {
    service: 'Cosmos DB',
    what: 'orders/orders create',
    count: 1,
    why: 'the order itself; the JWT is verified without a read, and without Idempotency-Key there is no idempotency record',
  },
  {
    service: 'Cosmos DB',
    what: 'orders/orders change-feed read returning the order',
    count: 1,
    why: 'the relay learns of the new version (one read serves a whole batch)',
  },
  {
    service: 'Cosmos DB',
    what: 'orders/leases checkpoint',
    count: 1,
    why: 'the relay records how far it got, or a restart re-sends (one per batch)',
  },
  {
    service: 'Cosmos DB',
    what: 'analytics/projections transactional batch',
    count: 1,
    why: "projection write + aggregate increments, one transactional batch: the analytics service's own copy of the order (created, so a redelivery meets 409 and its version makes it a no-op) and Patch incr of its shard's totals and day documents, atomic because they share the order's logical partition; the dashboard timer reads only those",
  },
  {
    service: 'Cosmos DB',
    what: 'email/sentEmails claim',
    count: 1,
    why: 'the confirmation is claimed before sending so a redelivered command never mails twice; the claim is the record (a claim older than 30 s is taken over: the crash window between the send and the message completion, docs/event-pipeline.md), so no mark-sent request follows',
  },
  { service: 'Service Bus', what: 'send to orders', count: 1, why: 'the OrderCreated integration event' },
  {
    service: 'Service Bus',
    what: 'send to emails',
    count: 1,
    why: 'the confirmation command and the scheduled reminder, in one batch',
  },
  {
    service: 'Service Bus',
    what: 'orders: delivery + complete',
    count: 2,
    why: 'the analytics consumer receives the event and settles it',
  },
  {
    service: 'Service Bus',
    what: 'emails: delivery + complete',
    count: 2,
    why: 'the email sender receives the confirmation command and settles it (the reminder is delivered a day later, outside this count)',
  },
];

export function minimumFor(service: MinimumEntry['service']): number {
  return designMinimum.filter((e) => e.service === service).reduce((n, e) => n + e.count, 0);
}
