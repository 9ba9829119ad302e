import type { Actor } from '../../../shared/orders/actor';
import { OrderForbiddenError, OrderStateConflictError } from '../../../shared/orders/errors';
import { orderStatuses, type OrderStatus } from '../../../shared/orders/order';
import { assertTransition, canTransition, mayRequestStatus } from '../../../shared/orders/statusMachine';

const allowed = new Set([
  'pending>confirmed',
  'pending>cancelled',
  'confirmed>shipped',
  'confirmed>cancelled',
  'shipped>delivered',
]);
const pairs = orderStatuses.flatMap((from) =>
  orderStatuses.map((to) => [from, to] as [OrderStatus, OrderStatus]),
);

const owner: Actor = { id: 'alice', email: 'alice@example.com', isAdmin: false };
const stranger: Actor = { id: 'bob', email: 'bob@example.com', isAdmin: false };
const admin: Actor = { id: 'root', email: 'root@example.com', isAdmin: true };

describe('status machine', () => {
  it('covers all 25 pairs', () => expect(pairs).toHaveLength(25));

  it.each(pairs)('%s -> %s', (from, to) => {
    expect(canTransition(from, to)).toBe(allowed.has(`${from}>${to}`));
  });

  it.each(pairs)('admin %s -> %s: allowed transitions pass, the rest are 409', (from, to) => {
    const attempt = () => assertTransition(admin, { customerId: 'alice', status: from }, to);
    if (allowed.has(`${from}>${to}`)) expect(attempt).not.toThrow();
    else expect(attempt).toThrow(OrderStateConflictError);
  });

  it.each(orderStatuses)('a customer may request only cancelled on their own order (%s)', (to) => {
    expect(mayRequestStatus(owner, { customerId: 'alice' }, to)).toBe(to === 'cancelled');
    expect(mayRequestStatus(stranger, { customerId: 'alice' }, to)).toBe(false);
    expect(mayRequestStatus(admin, { customerId: 'alice' }, to)).toBe(true);
  });

  it('a customer confirming their own order is 403, before the state is even looked at', () => {
    expect(() => assertTransition(owner, { customerId: 'alice', status: 'delivered' }, 'confirmed')).toThrow(
      OrderForbiddenError,
    );
  });

  it('a customer cancelling a shipped order of theirs is 409', () => {
    expect(() => assertTransition(owner, { customerId: 'alice', status: 'shipped' }, 'cancelled')).toThrow(
      OrderStateConflictError,
    );
  });

  it('a customer cancels their pending or confirmed order', () => {
    expect(() =>
      assertTransition(owner, { customerId: 'alice', status: 'pending' }, 'cancelled'),
    ).not.toThrow();
    expect(() =>
      assertTransition(owner, { customerId: 'alice', status: 'confirmed' }, 'cancelled'),
    ).not.toThrow();
  });
});
