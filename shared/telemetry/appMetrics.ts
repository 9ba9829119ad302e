import { metrics, type Counter, type Histogram, type MeterProvider } from '@opentelemetry/api';

/** Outcome attribute values: a closed set, so every metric keeps a handful of series. */
export type SendOutcome = 'sent' | 'failed';

interface Instruments {
  ordersCreated: Counter;
  eventsRelayed: Counter;
  projectionLag: Histogram;
  deadLetters: Counter;
  emailsSent: Counter;
}

// Bucket bounds of the projection lag (ms): the SDK's default stops at 10 s, and an outage can delay an event
// by minutes; the portal's percentiles and Azure Monitor both read these buckets.
const LAG_BOUNDS_MS = [
  5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10_000, 30_000, 60_000, 300_000, 900_000,
];

function create(provider: MeterProvider): Instruments {
  const meter = provider.getMeter('orderflow');
  return {
    ordersCreated: meter.createCounter('orderflow.orders.created', {
      description: 'Orders created (a replayed or adopted create is not counted again)',
      unit: '{order}',
    }),
    eventsRelayed: meter.createCounter('orderflow.events.relayed', {
      description: 'Integration events the change-feed relay sent to the orders queue, by outcome',
      unit: '{event}',
    }),
    projectionLag: meter.createHistogram('orderflow.projection.lag', {
      description: "From an event's occurredAt to its application to the analytics projection",
      unit: 'ms',
      advice: { explicitBucketBoundaries: LAG_BOUNDS_MS },
    }),
    deadLetters: meter.createCounter('orderflow.deadletters.received', {
      description: 'Dead-lettered messages received by the alert function, per queue',
      unit: '{message}',
    }),
    emailsSent: meter.createCounter('orderflow.emails.sent', {
      description: 'Emails handed to the transport (SMTP or ACS), by outcome',
      unit: '{email}',
    }),
  };
}

let cached: { provider: MeterProvider; instruments: Instruments } | undefined;

// The API's meter is no proxy (unlike its tracer): a meter taken before the SDK registers stays a no-op. The
// instruments are therefore made from the provider registered now, and again if it changes.
function instruments(): Instruments {
  const provider = metrics.getMeterProvider();
  if (cached?.provider !== provider) cached = { provider, instruments: create(provider) };
  return cached.instruments;
}

/**
 * The app's metrics, recorded through `@opentelemetry/api` (a no-op until `startTelemetry` registers the SDK).
 * Attributes are low-cardinality by construction (queue, event type, email type, currency, outcome): never an
 * id, an address or free text.
 */
export const appMetrics = {
  orderCreated(currency: string): void {
    instruments().ordersCreated.add(1, { 'orderflow.order.currency': currency });
  },
  eventRelayed(eventType: string, outcome: SendOutcome): void {
    instruments().eventsRelayed.add(1, {
      'orderflow.event.type': eventType,
      'orderflow.outcome': outcome,
    });
  },
  projectionLag(eventType: string, occurredAt: string, appliedAt: Date): void {
    const lag = appliedAt.getTime() - Date.parse(occurredAt);
    // A clock skewed behind the producer's would give a negative lag: recorded as 0 (histograms take no negatives).
    if (Number.isFinite(lag))
      instruments().projectionLag.record(Math.max(0, lag), { 'orderflow.event.type': eventType });
  },
  deadLetterReceived(queue: string, redelivered: boolean): void {
    instruments().deadLetters.add(1, {
      'messaging.destination.name': queue,
      'orderflow.outcome': redelivered ? 'redelivered' : 'new',
    });
  },
  emailSent(emailType: string, outcome: SendOutcome): void {
    instruments().emailsSent.add(1, { 'orderflow.email.type': emailType, 'orderflow.outcome': outcome });
  },
};
