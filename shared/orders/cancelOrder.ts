import type { Actor } from './actor';
import { changeOrderStatus } from './changeOrderStatus';
import { PreconditionFailedError } from './errors';
import { ifMatchSatisfied } from './etag';
import { findVisibleOrder } from './findVisibleOrder';
import type { OrderDeps, OrderView, WriteContext } from './orderDeps';
import { toOrderView } from './orderDocument';

/**
 * DELETE: a soft delete (status cancelled), so the change feed sees it; nothing is ever removed. Deleting an
 * order that is already cancelled changes nothing and returns it, which keeps DELETE idempotent.
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
  return changeOrderStatus(deps, actor, id, 'cancelled', ctx);
}
