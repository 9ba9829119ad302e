import type { Container } from '@azure/cosmos';
import { randomUUID } from 'node:crypto';
import type { Actor } from './actor';
import { cancelOrder } from './cancelOrder';
import { changeOrderStatus } from './changeOrderStatus';
import { createOrder, type CreateOrderResult } from './createOrder';
import { findVisibleOrder } from './findVisibleOrder';
import { IdempotencyStore } from './idempotencyStore';
import { listOrders, type OrderList } from './listOrders';
import type { OrderStatus } from './order';
import type { OrderDeps, OrderView, WriteContext } from './orderDeps';
import { toOrderView } from './orderDocument';
import type { CreateOrderInput, UpdateOrderInput } from './orderInputSchemas';
import type { ListOrdersQuery } from './orderQuerySchema';
import { OrderStore } from './orderStore';
import { topology } from '../platform/topology';
import { updateOrder } from './updateOrder';

export interface OrderServiceInit {
  /** Container `orders` of database `orders` (partition key /customerId). */
  orders: Container;
  /** Container `idempotency` of database `orders` (partition key /id, default TTL = key lifetime). */
  idempotency: Container;
  /** Default: `() => new Date()`. */
  clock?: () => Date;
  /** Default: `crypto.randomUUID`. */
  newId?: () => string;
  /** How long an Idempotency-Key is remembered. Default: defaultTtl of orders/idempotency in infra/topology.json. */
  idempotencyTtlSeconds?: number;
  /** Optimistic write attempts before a 503. Default 5. */
  maxWriteAttempts?: number;
}

type IfMatchContext = WriteContext & { ifMatch?: string | undefined };

/** The orders API as plain async methods: what the HTTP functions call, and what unit tests can drive directly. */
export class OrderService {
  private readonly deps: OrderDeps;

  constructor(init: OrderServiceInit) {
    this.deps = {
      store: new OrderStore({ container: init.orders }),
      idempotency: new IdempotencyStore({
        container: init.idempotency,
        ttlSeconds:
          init.idempotencyTtlSeconds ?? topology.cosmos.databases.orders?.containers.idempotency?.defaultTtl,
      }),
      clock: init.clock ?? (() => new Date()),
      newId: init.newId ?? randomUUID,
      maxWriteAttempts: init.maxWriteAttempts ?? 5,
    };
  }

  create(
    actor: Actor,
    input: CreateOrderInput,
    ctx: WriteContext & { idempotencyKey?: string | undefined },
  ): Promise<CreateOrderResult> {
    return createOrder(this.deps, actor, input, ctx);
  }

  async get(actor: Actor, id: string): Promise<OrderView> {
    return toOrderView(await findVisibleOrder(this.deps, actor, id));
  }

  list(actor: Actor, query: ListOrdersQuery): Promise<OrderList> {
    return listOrders(this.deps, actor, query);
  }

  update(actor: Actor, id: string, patch: UpdateOrderInput, ctx: IfMatchContext): Promise<OrderView> {
    return updateOrder(this.deps, actor, id, patch, ctx);
  }

  changeStatus(actor: Actor, id: string, status: OrderStatus, ctx: IfMatchContext): Promise<OrderView> {
    return changeOrderStatus(this.deps, actor, id, status, ctx);
  }

  cancel(actor: Actor, id: string, ctx: IfMatchContext): Promise<OrderView> {
    return cancelOrder(this.deps, actor, id, ctx);
  }
}
