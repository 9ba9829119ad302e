import type { Actor } from './actor';
import { ensureError, OrderContentionError, PreconditionFailedError } from './errors';
import { ifMatchSatisfied } from './etag';
import { findVisibleOrder } from './findVisibleOrder';
import type { OrderStatus } from './order';
import type { OrderDeps, OrderView, WriteContext } from './orderDeps';
import { nextVersion, toOrderView } from './orderDocument';
import { assertTransition } from './statusMachine';

/**
 * Moves an order along the status machine and appends to its history. With If-Match, the client's version
 * must be current (412 otherwise). Without it, the server does an optimistic read-modify-write: it re-reads
 * and re-checks the transition after losing a race, so two admins shipping at once give one write and one 409.
 * Any move to `cancelled` is recorded as `OrderCancelled`, whether it came from DELETE or from this endpoint.
 */
export async function changeOrderStatus(
  deps: OrderDeps,
  actor: Actor,
  id: string,
  to: OrderStatus,
  ctx: WriteContext & { ifMatch?: string | undefined },
): Promise<OrderView> {
  const pinned = ctx.ifMatch !== undefined && ctx.ifMatch.trim() !== '*';
  for (let attempt = 1; attempt <= deps.maxWriteAttempts; attempt++) {
    const current = await findVisibleOrder(deps, actor, id);
    if (ctx.ifMatch !== undefined && !ifMatchSatisfied(ctx.ifMatch, current._etag)) {
      throw new PreconditionFailedError();
    }
    assertTransition(actor, current, to);
    const at = deps.clock();
    const next = nextVersion(
      current,
      {
        status: to,
        statusHistory: [...current.statusHistory, { status: to, at: at.toISOString(), by: actor.id }],
      },
      {
        type: to === 'cancelled' ? 'OrderCancelled' : 'OrderStatusChanged',
        at,
        correlationId: ctx.correlationId,
        actor,
      },
    );
    try {
      return toOrderView(await deps.store.replace(next, current._etag));
    } catch (err) {
      if (!(err instanceof PreconditionFailedError) || pinned) throw ensureError(err);
    }
  }
  throw new OrderContentionError();
}
