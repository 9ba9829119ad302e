import { getConfig } from '../../config/config';
import { getCosmosClient } from '../../platform/processClients';
import { topology } from '../../platform/topology';
import { OrderService } from '../OrderService';
import { ensureError } from '../errors';

/** Names in infra/topology.json; checked at first use so a renamed container fails loudly, not with 404s. */
const DATABASE = 'orders';
const ORDERS = 'orders';
const IDEMPOTENCY = 'idempotency';

let service: Promise<OrderService> | undefined;

async function build(): Promise<OrderService> {
  const containers = topology.cosmos.databases[DATABASE]?.containers ?? {};
  for (const name of [ORDERS, IDEMPOTENCY]) {
    if (!containers[name]) throw new Error(`infra/topology.json has no container ${DATABASE}/${name}`);
  }
  const database = (await getCosmosClient(getConfig())).database(DATABASE);
  return new OrderService({
    orders: database.container(ORDERS),
    idempotency: database.container(IDEMPOTENCY),
  });
}

/** The process-wide OrderService of the HTTP functions. */
export function getOrderService(): Promise<OrderService> {
  service ??= build().catch((err: unknown) => {
    service = undefined;
    throw ensureError(err);
  });
  return service;
}
