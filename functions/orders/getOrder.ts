import { app } from '@azure/functions';
import { httpHandler } from '../../shared/http/httpHandler';

app.http('getOrder', {
  methods: ['GET'],
  route: 'orders/{id}',
  authLevel: 'anonymous',
  handler: httpHandler({ auth: 'customer' }, async (req, call) => {
    const http = await import('../../shared/orders/http/ordersRoute');
    const { orderIdParams, orderCall, getOrderService } = http;
    const { id } = call.params(orderIdParams);
    const service = await getOrderService();
    const view = await orderCall(() => service.get(http.actorOf(call.principal), id));
    return http.orderResponse(view, req);
  }),
});
