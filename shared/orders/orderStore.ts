import type { Container, ItemDefinition, SqlQuerySpec } from '@azure/cosmos';
import { cosmosStatus } from './cosmosStatus';
import { ensureError, PreconditionFailedError } from './errors';
import type { Order, StoredOrder } from './order';
import { cosmosSpan } from '../telemetry/cosmosSpan';
import { withTraceparent } from '../telemetry/withTraceparent';

export interface OrderPage {
  orders: StoredOrder[];
  continuationToken?: string;
}

/**
 * Cosmos DB access for the `orders` container (partition key /customerId). Every query that belongs to one
 * customer names `c.customerId` in its WHERE clause as well as passing the partition key: Cosmos DB then
 * routes it to one partition, and the offline server (which ignores the partitionKey option) still filters.
 */
export interface OrderStoreInit {
  /** Container `orders` (partition key /customerId). */
  container: Container;
}

export class OrderStore {
  private readonly container: Container;

  constructor(init: OrderStoreInit) {
    this.container = init.container;
  }

  /** Creates the order; if one with this id already exists in the partition, returns that one instead. */
  async createOrAdopt(order: Order): Promise<{ order: StoredOrder; created: boolean }> {
    try {
      const { resource } = await cosmosSpan('create_item', 'orders', 'orders', () =>
        this.container.items.create<Order>(withTraceparent(order)),
      );
      return { order: expectResource(resource, order.id), created: true };
    } catch (err) {
      if (cosmosStatus(err) !== 409) throw ensureError(err);
      const existing = await this.readInPartition(order.id, order.customerId);
      if (!existing) throw ensureError(err);
      return { order: existing, created: false };
    }
  }

  /** Point read inside one customer's partition. */
  async readInPartition(id: string, customerId: string): Promise<StoredOrder | undefined> {
    try {
      const { resource } = await this.container.item(id, customerId).read<StoredOrder>();
      // Defence in depth: never hand out a document from another partition, whatever the server did.
      return resource && resource.customerId === customerId ? resource : undefined;
    } catch (err) {
      if (cosmosStatus(err) === 404) return undefined;
      throw ensureError(err);
    }
  }

  /** Looks an order up by id alone: a cross-partition query, used for admins who do not name the customer. */
  async findById(id: string): Promise<StoredOrder | undefined> {
    const { resources } = await this.container.items
      .query<StoredOrder>({
        query: 'SELECT * FROM c WHERE c.id = @id',
        parameters: [{ name: '@id', value: id }],
      })
      .fetchAll();
    return resources[0];
  }

  /** Replaces the order only if it still has `etag` (Cosmos DB IfMatch access condition), else 412. */
  async replace(order: Order, etag: string): Promise<StoredOrder> {
    try {
      const { resource } = await cosmosSpan('replace_item', 'orders', 'orders', () =>
        this.container
          .item(order.id, order.customerId)
          .replace<Order>(withTraceparent(order), { accessCondition: { type: 'IfMatch', condition: etag } }),
      );
      return expectResource(resource, order.id);
    } catch (err) {
      if (cosmosStatus(err) === 412) throw new PreconditionFailedError();
      throw ensureError(err);
    }
  }

  /** One page of a query; `partitionKey` when the WHERE clause already pins one customer. */
  async queryPage(
    spec: SqlQuerySpec,
    page: { limit: number; continuationToken?: string | undefined; partitionKey?: string | undefined },
  ): Promise<OrderPage> {
    const iterator = this.container.items.query<StoredOrder>(spec, {
      maxItemCount: page.limit,
      ...(page.continuationToken ? { continuationToken: page.continuationToken } : {}),
      ...(page.partitionKey !== undefined ? { partitionKey: page.partitionKey } : {}),
    });
    const response = await iterator.fetchNext();
    return {
      orders: response.resources,
      ...(response.continuationToken ? { continuationToken: response.continuationToken } : {}),
    };
  }
}

function expectResource<T extends ItemDefinition>(resource: T | undefined, id: string): StoredOrder {
  if (!resource) throw new Error(`Cosmos DB returned no body for order ${id}`);
  return resource as unknown as StoredOrder;
}
