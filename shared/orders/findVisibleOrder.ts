import type { Actor } from './actor';
import { OrderNotFoundError } from './errors';
import type { StoredOrder } from './order';
import type { OrderDeps } from './orderDeps';

/**
 * The order if the actor may see it: a customer gets a point read inside their own partition (so another
 * customer's order simply does not exist for them: 404, never 403); an admin gets a lookup across partitions.
 */
export async function findVisibleOrder(deps: OrderDeps, actor: Actor, id: string): Promise<StoredOrder> {
  const order = actor.isAdmin
    ? await deps.store.findById(id)
    : await deps.store.readInPartition(id, actor.id);
  if (!order) throw new OrderNotFoundError(`order ${id}`);
  return order;
}
