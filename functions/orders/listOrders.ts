import { app } from '@azure/functions';
import { httpHandler } from '../../shared/http/httpHandler';
import { lazyImport } from '../../shared/platform/lazyImport';

const loadOrdersRoute = lazyImport(() => import('../../shared/orders/http/ordersRoute'));

app.http('listOrders', {
  methods: ['GET'],
  route: 'orders',
  authLevel: 'anonymous',
  handler: httpHandler({ auth: 'customer' }, async (_req, call) => {
    const http = await loadOrdersRoute();
    const { listOrdersQuerySchema, orderCall, getOrderService, requestHash } = http;
    const query = call.query(listOrdersQuerySchema);
    const service = await getOrderService();
    const page = await orderCall(() => service.list(http.actorOf(call.principal), query));
    // A page is a read too: a weak tag of its content lets clients tell whether anything changed.
    return { status: 200, headers: { ETag: `W/"${requestHash(page)}"` }, jsonBody: page };
  }),
});
