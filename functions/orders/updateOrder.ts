import { app } from '@azure/functions';
import { httpHandler } from '../../shared/http/httpHandler';
import { lazyImport } from '../../shared/platform/lazyImport';

const loadOrdersRoute = lazyImport(() => import('../../shared/orders/http/ordersRoute'));

app.http('updateOrder', {
  methods: ['PATCH'],
  route: 'orders/{id}',
  authLevel: 'anonymous',
  handler: httpHandler({ auth: 'customer' }, async (req, call) => {
    const http = await loadOrdersRoute();
    const { orderIdParams, updateOrderSchema, orderCall, getOrderService } = http;
    const { id } = call.params(orderIdParams);
    const patch = await call.body(updateOrderSchema);
    const service = await getOrderService();
    const view = await orderCall(() =>
      service.update(http.actorOf(call.principal), id, patch, {
        correlationId: call.requestId,
        ifMatch: http.ifMatchOf(req),
      }),
    );
    return http.orderResponse(view);
  }),
});
