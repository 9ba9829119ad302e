import { app } from '@azure/functions';
import { httpHandler } from '../../shared/http/httpHandler';

app.http('updateOrder', {
  methods: ['PATCH'],
  route: 'orders/{id}',
  authLevel: 'anonymous',
  handler: httpHandler({ auth: 'customer' }, async (req, call) => {
    const http = await import('../../shared/orders/http/ordersRoute');
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
