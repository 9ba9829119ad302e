import { alertsApi } from '../alerts/api';
import { analyticsApi } from '../analytics/api';
import { authApi } from '../auth/api';
import { ordersApi } from '../orders/api';
import { gatewayApi } from './gatewayApi';
import type { RouteDescriptor } from './routeDescriptor';

/**
 * Every service's route descriptors: the single list the OpenAPI document is built from.
 * A new service adds its `shared/<service>/api.ts` export here (one line).
 */
export const apiCatalog: readonly RouteDescriptor[] = [
  ...gatewayApi,
  ...authApi,
  ...ordersApi,
  ...analyticsApi,
  ...alertsApi,
];
