import type { SqlParameter } from '@azure/cosmos';
import type { Actor } from './actor';
import { decodeContinuationToken, encodeContinuationToken } from './continuationToken';
import { cosmosStatus } from './cosmosStatus';
import { ensureError, OrderNotFoundError, OrderValidationError } from './errors';
import type { Order } from './order';
import type { OrderDeps } from './orderDeps';
import type { OrderPage } from './orderStore';
import { toOrderBody } from './orderDocument';
import type { ListOrdersQuery } from './orderQuerySchema';

export interface OrderList {
  items: Order[];
  continuationToken?: string;
}

/**
 * Lists orders, newest first. A customer sees only their own (naming another customer is a 404, as for a
 * single order); an admin lists one customer's orders with `customerId`, or everyone's without it.
 * A one-customer query pins the partition both in WHERE (`c.customerId = @customerId`) and in the options.
 */
export async function listOrders(deps: OrderDeps, actor: Actor, query: ListOrdersQuery): Promise<OrderList> {
  if (!actor.isAdmin && query.customerId !== undefined && query.customerId !== actor.id) {
    throw new OrderNotFoundError(`customer ${query.customerId}`);
  }
  const customerId = actor.isAdmin ? query.customerId : actor.id;

  const where: string[] = [];
  const parameters: SqlParameter[] = [];
  if (customerId !== undefined) {
    where.push('c.customerId = @customerId');
    parameters.push({ name: '@customerId', value: customerId });
  }
  if (query.status) {
    where.push('ARRAY_CONTAINS(@statuses, c.status)');
    parameters.push({ name: '@statuses', value: query.status });
  }
  if (query.from) {
    where.push('c.createdAt >= @from');
    parameters.push({ name: '@from', value: query.from });
  }
  if (query.to) {
    where.push('c.createdAt < @to');
    parameters.push({ name: '@to', value: query.to });
  }
  const sql = `SELECT * FROM c${where.length ? ` WHERE ${where.join(' AND ')}` : ''} ORDER BY c.createdAt DESC`;

  // The token is bound to who is asking and what they filter on, not to the page size.
  const filters = { by: actor.id, customerId, status: query.status, from: query.from, to: query.to };
  const continuationToken =
    query.continuationToken && decodeContinuationToken(filters, query.continuationToken);
  let page: OrderPage;
  try {
    page = await deps.store.queryPage(
      { query: sql, parameters },
      { limit: query.limit, continuationToken, partitionKey: customerId },
    );
  } catch (err) {
    // A forged inner token passes the fingerprint check but not the SDK (400 ErrorResponse, or a parse error):
    // still the client's fault. Anything else (an outage) stays a server-side error.
    const malformed = cosmosStatus(err) === 400 || err instanceof SyntaxError || err instanceof TypeError;
    if (continuationToken && malformed) {
      throw new OrderValidationError('continuationToken', 'is not a valid token');
    }
    throw ensureError(err);
  }
  return {
    items: page.orders.map(toOrderBody),
    ...(page.continuationToken
      ? { continuationToken: encodeContinuationToken(filters, page.continuationToken) }
      : {}),
  };
}
