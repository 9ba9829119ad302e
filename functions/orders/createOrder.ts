import { app } from '@azure/functions';
import { httpHandler } from '../../shared/http/httpHandler';
import { lazyImport } from '../../shared/platform/lazyImport';

const loadOrdersRoute = lazyImport(() => import('../../shared/orders/http/ordersRoute'));

app.http('createOrder', {
  methods: ['POST'],
  route: 'orders',
  authLevel: 'anonymous',
  handler: httpHandler({ auth: 'customer' }, async (req, call) => {
    const http = await loadOrdersRoute();
    const { createOrderSchema, idempotencyKeySchema, orderCall, getOrderService } = http;
    const idempotencyKey = http.headerOf(req, 'idempotency-key', idempotencyKeySchema);
    const body = await call.body(createOrderSchema);
    const service = await getOrderService();
    const { response, replayed } = await orderCall(() =>
      service.create(http.actorOf(call.principal), body, { correlationId: call.requestId, idempotencyKey }),
    );
    return {
      status: response.status,
      headers: { ...response.headers, ...(replayed ? { 'Idempotent-Replayed': 'true' } : {}) },
      jsonBody: response.body,
    };
  }),
});
