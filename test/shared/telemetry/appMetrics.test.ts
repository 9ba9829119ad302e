import type { ServiceBusMessage, ServiceBusMessageBatch, ServiceBusSender } from '@azure/service-bus';
import { metrics } from '@opentelemetry/api';
import {
  MeterProvider,
  MetricReader,
  type DataPoint,
  type Histogram,
  type MetricData,
} from '@opentelemetry/sdk-metrics';
import type { DeadLetterAlertDoc } from '../../../shared/alerts/deadLetterDocs';
import { recordDeadLetter } from '../../../shared/alerts/recordDeadLetter';
import { applyOrderEvent } from '../../../shared/analytics/applyOrderEvent';
import type { EmailCommand } from '../../../shared/email/commands';
import type { OrderStatusDoc, SentEmailDoc } from '../../../shared/email/emailDocs';
import { processEmailCommand } from '../../../shared/email/processEmailCommand';
import { createOrder } from '../../../shared/orders/createOrder';
import type { Order } from '../../../shared/orders/order';
import type { OrderDeps } from '../../../shared/orders/orderDeps';
import { relayChanges } from '../../../shared/relay/relayChanges';
import { appMetrics } from '../../../shared/telemetry/appMetrics';
import { MemoryDocStore } from '../analytics/memoryDocStore';
import { MemoryProjectionStore } from '../analytics/memoryProjectionStore';
import { orderDoc, orderEvent } from '../events/orderEventFixtures';

/** Collects on demand (what a periodic reader does on its timer). */
class CollectingReader extends MetricReader {
  protected onShutdown = () => Promise.resolve();
  protected onForceFlush = () => Promise.resolve();
}

let reader: CollectingReader;
let provider: MeterProvider;
beforeEach(() => {
  reader = new CollectingReader();
  provider = new MeterProvider({ readers: [reader] });
  metrics.setGlobalMeterProvider(provider);
});
afterEach(async () => {
  metrics.disable();
  await provider.shutdown();
});

async function collected(name: string): Promise<MetricData | undefined> {
  const { resourceMetrics } = await reader.collect();
  return resourceMetrics.scopeMetrics.flatMap((s) => s.metrics).find((m) => m.descriptor.name === name);
}
/** The counter's value per attribute set, as `k=v,k=v`. */
async function counts(name: string): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const p of ((await collected(name))?.dataPoints ?? []) as DataPoint<number>[])
    out[
      Object.entries(p.attributes)
        .map(([k, v]) => `${k}=${String(v)}`)
        .join(',')
    ] = p.value;
  return out;
}

function sender(fail = false): ServiceBusSender {
  return {
    createMessageBatch: () => {
      const messages: ServiceBusMessage[] = [];
      return Promise.resolve({
        get count() {
          return messages.length;
        },
        tryAddMessage: (m: ServiceBusMessage) => (messages.push(m), true),
      } as unknown as ServiceBusMessageBatch);
    },
    sendMessages: () => (fail ? Promise.reject(new Error('broker down')) : Promise.resolve()),
  } as unknown as ServiceBusSender;
}

function orderDeps(created: boolean[]): OrderDeps {
  let n = 0;
  return {
    store: {
      createOrAdopt: (order: Order) =>
        Promise.resolve({ order: { ...order, _etag: '"e1"' }, created: created[n++] ?? true }),
    },
    idempotency: {},
    clock: () => new Date('2026-11-20T10:00:00.000Z'),
    newId: () => `o-${n}`,
    maxWriteAttempts: 3,
  } as unknown as OrderDeps;
}

const actor = { id: 'c-1', email: 'ann@example.com', roles: ['customer'], emailVerified: true };
const input = (currency: string) => ({
  currency,
  items: [{ sku: 'SKU-A', name: 'Apple', unitPrice: 250, quantity: 2 }],
  shippingAddress: { line1: '1 Main St', city: 'Paris', postalCode: '75001', country: 'FR' },
});

describe('app metrics at their recording points', () => {
  it('counts orders created per currency, not an adopted create', async () => {
    const deps = orderDeps([true, true, false]);
    for (const c of ['EUR', 'EUR', 'USD'])
      await createOrder(deps, actor as never, input(c), { correlationId: 'r-1' });
    expect(await counts('orderflow.orders.created')).toEqual({ 'orderflow.order.currency=EUR': 2 });
  });

  it('counts relayed events per type and outcome, a failed batch as failed', async () => {
    const docs = [
      orderDoc({ id: 'o-1' }),
      orderDoc({ id: 'o-2' }),
      orderDoc({ id: 'o-3', version: 2, status: 'confirmed' }),
    ];
    docs[2]!.lastChange.type = 'OrderStatusChanged';
    await relayChanges(docs, { orders: sender(), emails: sender(), reminderDelayMs: 1000 });
    await expect(
      relayChanges([orderDoc({ id: 'o-4' })], {
        orders: sender(true),
        emails: sender(),
        reminderDelayMs: 1000,
      }),
    ).rejects.toThrow('broker down');
    expect(await counts('orderflow.events.relayed')).toEqual({
      'orderflow.event.type=OrderCreated,orderflow.outcome=sent': 2,
      'orderflow.event.type=OrderStatusChanged,orderflow.outcome=sent': 1,
      'orderflow.event.type=OrderCreated,orderflow.outcome=failed': 1,
    });
  });

  it('records the projection lag from occurredAt to applied, not for a stale event', async () => {
    const projections = new MemoryProjectionStore();
    const at = (iso: string) => ({ projections, now: () => new Date(iso) });
    // occurredAt of the fixture: 2026-11-20T10:00:00.000Z
    await applyOrderEvent(orderEvent('o-1', 1, 'pending'), at('2026-11-20T10:00:00.040Z'));
    await applyOrderEvent(orderEvent('o-2', 1, 'pending'), at('2026-11-20T10:02:00.000Z'));
    await expect(
      applyOrderEvent(orderEvent('o-1', 1, 'pending'), at('2026-11-20T11:00:00.000Z')),
    ).resolves.toBe('stale');
    const points = (await collected('orderflow.projection.lag'))?.dataPoints as DataPoint<Histogram>[];
    expect(points).toHaveLength(1);
    expect(points[0]!.attributes).toEqual({ 'orderflow.event.type': 'OrderCreated' });
    expect(points[0]!.value).toMatchObject({ count: 2, sum: 120_040, min: 40, max: 120_000 });
    // Minutes of lag land in their own bucket, not in an overflow past the SDK's default 10 s bound.
    expect(points[0]!.value.buckets.boundaries).toContain(300_000);
  });

  it('counts emails sent and failed per email type', async () => {
    let fail = 1;
    const init = {
      sent: new MemoryDocStore<SentEmailDoc>(),
      statuses: new MemoryDocStore<OrderStatusDoc>(),
      transport: {
        name: 'test',
        send: () =>
          fail-- > 0 ? Promise.reject(new Error('smtp down')) : Promise.resolve({ providerMessageId: 'p' }),
      },
      from: 'no-reply@orderflow.local',
      appBaseUrl: 'http://localhost/',
    };
    const cmd: EmailCommand = {
      id: 'reset-1',
      type: 'passwordReset',
      to: 'ann@example.com',
      createdAt: '2026-11-21T10:00:00.000Z',
      token: 'tok_0123456789abcdef',
      expiresAt: '2026-11-21T11:00:00.000Z',
    };
    await expect(processEmailCommand(cmd, init)).rejects.toThrow('smtp down');
    await expect(processEmailCommand(cmd, init)).resolves.toBe('sent');
    // A redelivery while the claim is fresh sends nothing, so counts nothing.
    await expect(processEmailCommand(cmd, init)).rejects.toThrow('being sent');
    expect(await counts('orderflow.emails.sent')).toEqual({
      'orderflow.email.type=passwordReset,orderflow.outcome=failed': 1,
      'orderflow.email.type=passwordReset,orderflow.outcome=sent': 1,
    });
  });

  it('counts dead letters per queue, a redelivery of the same one apart', async () => {
    const init = {
      store: new MemoryDocStore<DeadLetterAlertDoc>(),
      alertTo: 'ops@orderflow.local',
      sendAlertCommand: () => Promise.resolve(),
    };
    const dl = (queue: string, sequenceNumber: string) => ({
      queue,
      messageId: `m-${sequenceNumber}`,
      sequenceNumber,
      body: { x: 1 },
      applicationProperties: {},
    });
    await recordDeadLetter(dl('orders', '1'), init);
    await recordDeadLetter(dl('orders', '2'), init);
    await recordDeadLetter(dl('orders', '2'), init);
    await recordDeadLetter(dl('emails', '1'), init);
    expect(await counts('orderflow.deadletters.received')).toEqual({
      'messaging.destination.name=orders,orderflow.outcome=new': 2,
      'messaging.destination.name=orders,orderflow.outcome=redelivered': 1,
      'messaging.destination.name=emails,orderflow.outcome=new': 1,
    });
  });

  it('records nothing and throws nothing with no SDK registered (telemetry off)', async () => {
    metrics.disable();
    appMetrics.orderCreated('EUR');
    appMetrics.projectionLag('OrderCreated', 'not a date', new Date());
    metrics.setGlobalMeterProvider(provider);
    appMetrics.orderCreated('USD');
    expect(await counts('orderflow.orders.created')).toEqual({ 'orderflow.order.currency=USD': 1 });
  });
});
