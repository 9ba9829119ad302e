import type { Container } from '@azure/cosmos';
import type { DocStore, Stored } from './docStore';

function statusOf(err: unknown): number | undefined {
  if (typeof err === 'object' && err !== null && 'code' in err && typeof err.code === 'number')
    return err.code;
  return undefined;
}

/** DocStore over a Cosmos DB container whose partition key is `/id` (the analytics, alerts and email containers). */
export function cosmosDocStore<T extends { id: string }>(container: Container): DocStore<T> {
  const stored = (resource: unknown, etag: string | undefined): Stored<T> => {
    const doc = resource as T & { _etag?: string };
    return { doc, etag: etag ?? doc._etag ?? '' };
  };
  return {
    async read(id) {
      const res = await container.item(id, id).read<T>();
      if (res.statusCode === 404 || !res.resource) return undefined;
      return stored(res.resource, res.etag);
    },
    async create(doc) {
      try {
        const res = await container.items.create<T>(doc);
        return stored(res.resource, res.etag);
      } catch (err) {
        if (statusOf(err) === 409) return 'exists';
        throw err;
      }
    },
    async replace(doc, etag) {
      try {
        const res = await container
          .item(doc.id, doc.id)
          .replace<T>(doc, { accessCondition: { type: 'IfMatch', condition: etag } });
        return stored(res.resource, res.etag);
      } catch (err) {
        const code = statusOf(err);
        if (code === 412 || code === 404) return 'stale';
        throw err;
      }
    },
    async query<R>(
      sql: string,
      parameters: ReadonlyArray<{ name: string; value: string | number | boolean }> = [],
    ) {
      const { resources } = await container.items
        .query<R>({ query: sql, parameters: [...parameters] })
        .fetchAll();
      return resources;
    },
  };
}
