import type { Actor } from './actor';
import { IdempotencyKeyReuseError } from './errors';
import { idempotencyRecordId, type StoredResponse } from './idempotencyStore';
import type { Order } from './order';
import type { OrderDeps, WriteContext } from './orderDeps';
import type { CreateOrderInput } from './orderInputSchemas';
import { toOrderView } from './orderDocument';
import { priceOrder } from './priceOrder';
import { requestHash } from './requestHash';
import { appMetrics } from '../telemetry/appMetrics';

export interface CreateOrderResult {
  response: StoredResponse;
  /** True when this is the stored response of an earlier request with the same Idempotency-Key. */
  replayed: boolean;
}

function newOrder(id: string, actor: Actor, input: CreateOrderInput, now: Date, ctx: WriteContext): Order {
  const at = now.toISOString();
  return {
    id,
    customerId: actor.id,
    customerEmail: actor.email,
    customerEmailVerified: actor.emailVerified === true,
    status: 'pending',
    items: input.items,
    currency: input.currency,
    shippingAddress: input.shippingAddress,
    pricing: priceOrder(input.items, input.currency, input.shippingAddress.country),
    statusHistory: [{ status: 'pending', at, by: actor.id }],
    createdAt: at,
    updatedAt: at,
    version: 1,
    lastChange: { type: 'OrderCreated', at, correlationId: ctx.correlationId, by: actor.id },
  };
}

async function createAndRespond(deps: OrderDeps, order: Order): Promise<StoredResponse> {
  const { order: stored, created } = await deps.store.createOrAdopt(order);
  if (created) appMetrics.orderCreated(order.currency);
  const view = toOrderView(stored);
  return {
    status: 201,
    headers: { Location: `/api/orders/${encodeURIComponent(view.order.id)}`, ETag: view.etag },
    body: view.order,
  };
}

/**
 * Creates a priced order for the caller. With an Idempotency-Key: the first request reserves an order id in
 * an idempotency record; a retry with the same body replays the stored response; another body is 422. A
 * request that finds the record still pending (a concurrent twin, or one that crashed half-way) creates or
 * adopts the reserved order itself rather than waiting, so no request ever sleeps and only one order exists.
 */
export async function createOrder(
  deps: OrderDeps,
  actor: Actor,
  input: CreateOrderInput,
  ctx: WriteContext & { idempotencyKey?: string | undefined },
): Promise<CreateOrderResult> {
  const now = deps.clock();
  if (ctx.idempotencyKey === undefined) {
    return {
      response: await createAndRespond(deps, newOrder(deps.newId(), actor, input, now, ctx)),
      replayed: false,
    };
  }
  const { record, etag, fresh } = await deps.idempotency.begin({
    id: idempotencyRecordId(actor.id, ctx.idempotencyKey),
    customerId: actor.id,
    key: ctx.idempotencyKey,
    requestHash: requestHash(input),
    orderId: deps.newId(),
    state: 'pending',
    createdAt: now.toISOString(),
  });
  if (record.requestHash !== requestHash(input)) throw new IdempotencyKeyReuseError();
  if (record.state === 'completed' && record.response) return { response: record.response, replayed: true };

  const response = await createAndRespond(deps, newOrder(record.orderId, actor, input, now, ctx));
  await deps.idempotency.complete(record, etag, response);
  return { response, replayed: !fresh };
}
