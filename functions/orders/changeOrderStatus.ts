import { app } from '@azure/functions';
import { httpHandler } from '../../shared/http/httpHandler';
import { lazyImport } from '../../shared/platform/lazyImport';

const loadOrdersRoute = lazyImport(() => import('../../shared/orders/http/ordersRoute'));

app.http('changeOrderStatus', {
  methods: ['POST'],
  route: 'orders/{id}/status',
  authLevel: 'anonymous',
  handler: httpHandler({ auth: 'customer' }, async (req, call) => {
    const http = await loadOrdersRoute();
    const { orderIdParams, statusChangeSchema, orderCall, getOrderService } = http;
    const { id } = call.params(orderIdParams);
    const { status } = await call.body(statusChangeSchema);
    const service = await getOrderService();
    const view = await orderCall(() =>
      service.changeStatus(http.actorOf(call.principal), id, status, {
        correlationId: call.requestId,
        ifMatch: http.ifMatchOf(req),
      }),
    );
    return http.orderResponse(view);
  }),
});
