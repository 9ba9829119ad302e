import { app } from '@azure/functions';
import { httpHandler } from '../../shared/http/httpHandler';

app.http('changeOrderStatus', {
  methods: ['POST'],
  route: 'orders/{id}/status',
  authLevel: 'anonymous',
  handler: httpHandler({ auth: 'customer' }, async (req, call) => {
    const [{ orderIdParams }, { statusChangeSchema }, http, { orderCall }, { getOrderService }] =
      await Promise.all([
        import('../../shared/orders/orderIdParams'),
        import('../../shared/orders/orderInputSchemas'),
        import('../../shared/orders/http/orderHttp'),
        import('../../shared/orders/http/toHttpError'),
        import('../../shared/orders/http/getOrderService'),
      ]);
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
