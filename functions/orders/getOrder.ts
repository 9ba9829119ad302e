import { app } from '@azure/functions';
import { httpHandler } from '../../shared/http/httpHandler';
import { lazyImport } from '../../shared/platform/lazyImport';

const loadOrdersRoute = lazyImport(() => import('../../shared/orders/http/ordersRoute'));

app.http('getOrder', {
  methods: ['GET'],
  route: 'orders/{id}',
  authLevel: 'anonymous',
  handler: httpHandler({ auth: 'customer' }, async (req, call) => {
    const http = await loadOrdersRoute();
    const { orderIdParams, orderCall, getOrderService } = http;
    const { id } = call.params(orderIdParams);
    const service = await getOrderService();
    const view = await orderCall(() => service.get(http.actorOf(call.principal), id));
    return http.orderResponse(view, req);
  }),
});
