import type { Actor } from './actor';
import { OrderForbiddenError, OrderStateConflictError } from './errors';
import type { Order, OrderStatus } from './order';

/**
 * Allowed transitions: pending -> confirmed -> shipped -> delivered, and pending|confirmed -> cancelled.
 * delivered and cancelled are final. Anything else, including "to the same status", is a 409.
 */
const transitions: Readonly<Record<OrderStatus, readonly OrderStatus[]>> = Object.freeze({
  pending: ['confirmed', 'cancelled'],
  confirmed: ['shipped', 'cancelled'],
  shipped: ['delivered'],
  delivered: [],
  cancelled: [],
});

export function canTransition(from: OrderStatus, to: OrderStatus): boolean {
  return transitions[from].includes(to);
}

/**
 * Who may ask for a status: a customer may only cancel their own order (the business confirms, ships and
 * delivers); an admin may request any status on any order. Visibility (owner or admin) is checked before
 * this, so a customer never reaches here with someone else's order.
 */
export function mayRequestStatus(actor: Actor, order: Pick<Order, 'customerId'>, to: OrderStatus): boolean {
  if (actor.isAdmin) return true;
  return to === 'cancelled' && order.customerId === actor.id;
}

/** Throws the error a status request deserves: 403 for a role problem first, then 409 for the state. */
export function assertTransition(
  actor: Actor,
  order: Pick<Order, 'customerId' | 'status'>,
  to: OrderStatus,
): void {
  if (!mayRequestStatus(actor, order, to)) {
    throw new OrderForbiddenError(
      `only an admin may set status ${to}; customers may cancel their own orders`,
    );
  }
  if (!canTransition(order.status, to)) {
    throw new OrderStateConflictError(`an order cannot go from ${order.status} to ${to}`);
  }
}
