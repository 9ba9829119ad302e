// Everything an orders HTTP function reaches at run time, in one module: a function file makes one lazy import
// (one chunk) instead of listing the same five.
export { actorOf, headerOf, ifMatchOf, orderResponse } from './orderHttp';
export { orderCall } from './toHttpError';
export { getOrderService } from './getOrderService';
export { orderIdParams } from '../orderIdParams';
export {
  createOrderSchema,
  idempotencyKeySchema,
  statusChangeSchema,
  updateOrderSchema,
} from '../orderInputSchemas';
export { listOrdersQuerySchema } from '../orderQuerySchema';
export { requestHash } from '../requestHash';
