import type { Container, JSONObject, OperationInput } from '@azure/cosmos';
import type { ProjectionDoc } from './analyticsDocs';
import { counterPatches } from './counterPatches';
import { BatchRejectedError } from './errors';
import type { BatchOutcome, ProjectionOp, ProjectionStore } from './projectionStore';

/** Cosmos DB's limit on the operations of one transactional batch. */
export const MAX_BATCH_OPERATIONS = 100;

/** The SDK operations of one ProjectionOp; `increment` becomes one Patch per 10 counters. */
function toOperations(op: ProjectionOp, shard: number): OperationInput[] {
  // The partition key is repeated on each operation: Cosmos DB accepts it (it must match the batch's) and
  // the offline emulator needs it.
  switch (op.type) {
    case 'create':
      return [
        { operationType: 'Create', partitionKey: shard, resourceBody: op.doc as unknown as JSONObject },
      ];
    case 'replace':
      return [
        {
          operationType: 'Replace',
          partitionKey: shard,
          id: op.doc.id,
          ifMatch: op.ifMatch,
          resourceBody: op.doc as unknown as JSONObject,
        },
      ];
    case 'increment':
      return counterPatches(op.counters).map((operations) => ({
        operationType: 'Patch',
        partitionKey: shard,
        id: op.id,
        resourceBody: { operations },
      }));
  }
}

/**
 * ProjectionStore over the `projections` container (partition key `/shard`). A batch is one transactional
 * batch request: Cosmos DB answers 200 when every operation succeeded and 207 Multi-Status when one failed
 * (its own status, 424 Failed Dependency for the others, nothing written); the SDK does not throw on 207.
 */
export function cosmosProjectionStore(container: Container): ProjectionStore {
  return {
    async read(id, shard) {
      const res = await container.item(id, shard).read<ProjectionDoc>();
      if (res.statusCode === 404 || !res.resource) return undefined;
      return { doc: res.resource, etag: res.etag ?? (res.resource as { _etag?: string })._etag ?? '' };
    },
    async batch(shard, ops): Promise<BatchOutcome> {
      const owner: number[] = [];
      const operations = ops.flatMap((op, i) => {
        const mapped = toOperations(op, shard);
        for (const _ of mapped) owner.push(i);
        return mapped;
      });
      if (operations.length === 0) return { ok: true };
      if (operations.length > MAX_BATCH_OPERATIONS)
        throw new BatchRejectedError(
          `batch of ${operations.length} operations exceeds Cosmos DB's ${MAX_BATCH_OPERATIONS}`,
        );
      const res = await container.items.batch(operations, shard);
      const results = res.result ?? [];
      const failed = results.findIndex((r) => r.statusCode >= 300 && r.statusCode !== 424);
      if (failed >= 0) return { ok: false, index: owner[failed] ?? 0, status: results[failed]!.statusCode };
      if (res.code !== undefined && res.code >= 300)
        throw new BatchRejectedError(`transactional batch answered ${res.code} with no failed operation`);
      if (results.length !== operations.length)
        throw new BatchRejectedError(
          `transactional batch answered ${results.length} results for ${operations.length} operations`,
        );
      return { ok: true };
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
