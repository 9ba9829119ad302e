import { app } from '@azure/functions';
import { httpHandler } from '../../shared/http/httpHandler';

app.http('getOrder', {
  methods: ['GET'],
  route: 'orders/{id}',
  authLevel: 'anonymous',
  handler: httpHandler({ auth: 'customer' }, async (req, call) => {
    const [{ orderIdParams }, http, { orderCall }, { getOrderService }] = await Promise.all([
      import('../../shared/orders/orderIdParams'),
      import('../../shared/orders/http/orderHttp'),
      import('../../shared/orders/http/toHttpError'),
      import('../../shared/orders/http/getOrderService'),
    ]);
    const { id } = call.params(orderIdParams);
    const service = await getOrderService();
    const view = await orderCall(() => service.get(http.actorOf(call.principal), id));
    return http.orderResponse(view, req);
  }),
});
