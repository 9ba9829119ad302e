import { app } from '@azure/functions';
import { httpHandler } from '../../shared/http/httpHandler';
import { lazyImport } from '../../shared/platform/lazyImport';

const loadOrdersRoute = lazyImport(() => import('../../shared/orders/http/ordersRoute'));

// DELETE is a soft delete: the order is cancelled, never removed, so the change feed sees it.
app.http('cancelOrder', {
  methods: ['DELETE'],
  route: 'orders/{id}',
  authLevel: 'anonymous',
  handler: httpHandler({ auth: 'customer' }, async (req, call) => {
    const http = await loadOrdersRoute();
    const { orderIdParams, orderCall, getOrderService } = http;
    const { id } = call.params(orderIdParams);
    const service = await getOrderService();
    const view = await orderCall(() =>
      service.cancel(http.actorOf(call.principal), id, {
        correlationId: call.requestId,
        ifMatch: http.ifMatchOf(req),
      }),
    );
    return http.orderResponse(view);
  }),
});
