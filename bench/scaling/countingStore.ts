import type { DocStore } from '../../shared/analytics/docStore';

export interface StoreCounts {
  read: number;
  create: number;
  replace: number;
  query: number;
}

/** Wraps a DocStore to count the Cosmos DB calls the analytics code makes through it. */
export function countingStore<T extends { id: string }>(
  inner: DocStore<T>,
  counts: StoreCounts,
): DocStore<T> {
  return {
    read: (id) => {
      counts.read++;
      return inner.read(id);
    },
    create: (doc) => {
      counts.create++;
      return inner.create(doc);
    },
    replace: (doc, etag) => {
      counts.replace++;
      return inner.replace(doc, etag);
    },
    query: (sql, parameters) => {
      counts.query++;
      return inner.query(sql, parameters);
    },
  };
}

export const zeroCounts = (): StoreCounts => ({ read: 0, create: 0, replace: 0, query: 0 });
