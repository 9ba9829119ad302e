import type { Actor } from './actor';
import { changeOrderStatus } from './changeOrderStatus';
import { OrderStateConflictError, PreconditionFailedError } from './errors';
import { ifMatchSatisfied } from './etag';
import { findVisibleOrder } from './findVisibleOrder';
import type { OrderDeps, OrderView, WriteContext } from './orderDeps';
import { toOrderView } from './orderDocument';

/**
 * DELETE: a soft delete (status cancelled), so the change feed sees it; nothing is ever removed. Deleting an
 * order that is already cancelled changes nothing and returns it, which keeps DELETE idempotent.
 *
 * Invariant (idempotent under concurrency): without If-Match, a DELETE whose write lost the race (412 on the
 * ETag, then a re-read that finds the order no longer cancellable) re-reads once more, and if the order is
 * cancelled (by the winner) returns it as the winner did: concurrent DELETEs all answer 200 with the
 * cancelled order. A 409 remains only for an order that is shipped or delivered.
 */
export async function cancelOrder(
  deps: OrderDeps,
  actor: Actor,
  id: string,
  ctx: WriteContext & { ifMatch?: string | undefined },
): Promise<OrderView> {
  const current = await findVisibleOrder(deps, actor, id);
  if (current.status === 'cancelled') {
    if (ctx.ifMatch !== undefined && !ifMatchSatisfied(ctx.ifMatch, current._etag)) {
      throw new PreconditionFailedError();
    }
    return toOrderView(current);
  }
  try {
    return await changeOrderStatus(deps, actor, id, 'cancelled', ctx);
  } catch (err) {
    const pinned = ctx.ifMatch !== undefined && ctx.ifMatch.trim() !== '*';
    if (!(err instanceof OrderStateConflictError) || pinned) throw err;
    const now = await findVisibleOrder(deps, actor, id);
    if (now.status !== 'cancelled') throw err;
    return toOrderView(now);
  }
}
