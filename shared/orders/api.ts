import type { RouteDescriptor } from '../http/routeDescriptor';
import { topology } from '../platform/topology';
import { createOrderSchema, statusChangeSchema, updateOrderSchema } from './orderInputSchemas';
import { orderIdParams } from './orderIdParams';
import { listOrdersQuerySchema } from './orderQuerySchema';
import { orderListResponseSchema, orderResponseSchema } from './orderResponseSchemas';

const tags = ['orders'];
const keyHours = Math.round(
  (topology.cosmos.databases.orders?.containers.idempotency?.defaultTtl ?? 0) / 3600,
);
const etag = { ETag: 'Entity tag of this version of the order; send it as If-Match to change it.' };
const notFound = { description: 'No such order, or not yours (the API never reveals which).' };
const order = (description: string) => ({ description, schema: orderResponseSchema, headers: etag });
const ifMatch = (required: boolean) => ({
  name: 'If-Match',
  required,
  description: required
    ? 'ETag of the order as last read. Without it 428; stale 412.'
    : 'Optional ETag of the order as last read (412 when stale). Without it the server retries its own write on a race.',
});
const statusRule =
  'Transitions: pending -> confirmed -> shipped -> delivered; pending or confirmed -> cancelled. A customer may only ' +
  'cancel their own order; every other transition needs the admin role (403). Anything else is 409.';

/** Route descriptors of the orders service (OpenAPI). Handlers: functions/orders/*.ts. */
export const ordersApi: RouteDescriptor[] = [
  {
    operationId: 'createOrder',
    method: 'post',
    path: '/api/orders',
    summary: 'Place an order; the server prices it.',
    description:
      'Prices are integer minor units. The server computes subtotal, volume discount (5 % from 25 units, 10 % from ' +
      '100, rounded down), shipping (flat per currency, free above a threshold), tax by destination country on goods ' +
      'and shipping (rounded half up) and total; client totals are never read. With Idempotency-Key, a retry with the ' +
      'same body returns the first response (with `Idempotent-Replayed: true`); another body is 422.',
    tags,
    auth: 'customer',
    headers: [
      {
        name: 'Idempotency-Key',
        description: `Up to 255 visible ASCII characters (a UUID); remembered per customer for ${keyHours} hours.`,
      },
    ],
    body: createOrderSchema,
    responses: {
      201: {
        description: 'Created.',
        schema: orderResponseSchema,
        headers: { ...etag, Location: '/api/orders/{id}', 'Idempotent-Replayed': '`true` on a replay.' },
      },
      422: { description: 'The Idempotency-Key was used before with a different body.' },
    },
  },
  {
    operationId: 'listOrders',
    method: 'get',
    path: '/api/orders',
    summary: 'List orders, newest first, one page at a time.',
    description:
      "Customers see their own orders. Admins see everyone's, or one customer's with `customerId`. Pass the " +
      'returned `continuationToken` with the same filters for the next page.',
    tags,
    auth: 'customer',
    query: listOrdersQuerySchema,
    responses: {
      200: {
        description: 'A page.',
        schema: orderListResponseSchema,
        headers: { ETag: 'Weak tag of this page.' },
      },
      404: { description: 'A customer named another customer in `customerId`.' },
    },
  },
  {
    operationId: 'getOrder',
    method: 'get',
    path: '/api/orders/{id}',
    summary: 'Read one order (its owner or an admin).',
    tags,
    auth: 'customer',
    params: orderIdParams,
    headers: [{ name: 'If-None-Match', description: 'ETag held; 304 when it is still current.' }],
    responses: { 200: order('The order.'), 304: { description: 'Not modified.' }, 404: notFound },
  },
  {
    operationId: 'updateOrder',
    method: 'patch',
    path: '/api/orders/{id}',
    summary: 'Edit a pending order (items, shipping address, currency); it is priced again.',
    tags,
    auth: 'customer',
    params: orderIdParams,
    headers: [ifMatch(true)],
    body: updateOrderSchema,
    responses: {
      200: order('The updated order.'),
      404: notFound,
      409: { description: 'The order is no longer pending.' },
      412: { description: 'The order changed since the ETag was read.' },
      428: { description: 'If-Match is missing.' },
    },
  },
  {
    operationId: 'changeOrderStatus',
    method: 'post',
    path: '/api/orders/{id}/status',
    summary: 'Move an order along its status machine; appends to statusHistory.',
    description: statusRule,
    tags,
    auth: 'customer',
    params: orderIdParams,
    headers: [ifMatch(false)],
    body: statusChangeSchema,
    responses: {
      200: order('The order with its new status.'),
      404: notFound,
      409: { description: 'The transition is not allowed from the current status.' },
      412: { description: 'If-Match was sent and is stale.' },
    },
  },
  {
    operationId: 'cancelOrder',
    method: 'delete',
    path: '/api/orders/{id}',
    summary: 'Cancel an order (soft delete: the order stays, with status cancelled).',
    description: `${statusRule} Cancelling an already cancelled order returns it unchanged.`,
    tags,
    auth: 'customer',
    params: orderIdParams,
    headers: [ifMatch(false)],
    responses: {
      200: order('The cancelled order.'),
      404: notFound,
      409: { description: 'The order is shipped or delivered.' },
      412: { description: 'If-Match was sent and is stale.' },
    },
  },
];
