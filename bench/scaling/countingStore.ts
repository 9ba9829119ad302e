import type { ProjectionStore } from '../../shared/analytics/projectionStore';

export interface StoreCounts {
  read: number;
  batch: number;
  query: number;
}

/** Wraps the projection store to count the Cosmos DB requests the analytics code makes through it. */
export function countingStore(inner: ProjectionStore, counts: StoreCounts): ProjectionStore {
  return {
    read: (id, shard) => {
      counts.read++;
      return inner.read(id, shard);
    },
    batch: (shard, ops) => {
      counts.batch++;
      return inner.batch(shard, ops);
    },
    query: (sql, parameters) => {
      counts.query++;
      return inner.query(sql, parameters);
    },
  };
}

export const zeroCounts = (): StoreCounts => ({ read: 0, batch: 0, query: 0 });
