import { OPERATION_TYPES, runOperation, type BatchOperation, type OperationOutcome } from './batchOperation';
import { wireErrors } from './errors';
import { definitionOf, partitionKeyFromHeader } from './partitionKeys';
import { StagedPartition, sameValue } from './stagedPartition';
import type { Doc, ItemsStore } from './vercelInternals';

/** Cosmos DB's limit on operations in one transactional batch. */
export const MAX_BATCH_OPERATIONS = 100;

/** One entry of the batch response, as Cosmos DB sends it and the SDK reads it (`OperationResponse`). */
export interface BatchResult {
  statusCode: number;
  requestCharge: number;
  eTag?: string;
  resourceBody?: Doc;
}

export interface BatchResponse {
  /** 200 when every operation succeeded; 207 (Multi-Status) when one failed and nothing was written. */
  status: 200 | 207;
  results: BatchResult[];
}

/**
 * Executes a transactional batch the way Cosmos DB does: every operation in one logical partition (the
 * request's partition key), in order, each seeing the earlier ones' effects, all or nothing. The first
 * failure stops the batch: it answers with its own status, every other operation with 424 (Failed
 * Dependency), HTTP 207, and nothing is written. On success the writes are committed at once (one journal
 * record, consecutive LSNs). Runs synchronously, so no other request sees the batch half done.
 * Malformed requests (not an array, over 100 operations, an unknown type, another partition) throw 400.
 */
export function executeBatch(documents: ItemsStore, partitionKey: unknown, body: unknown): BatchResponse {
  const ops = validate(documents, partitionKey, body);
  const partition = new StagedPartition(documents, partitionKey);
  const outcomes: OperationOutcome[] = [];
  for (const op of ops) {
    const outcome = runOperation(partition, op);
    if (outcome.statusCode >= 400) {
      const failed = outcomes.length;
      return {
        status: 207,
        results: ops.map((_, i) =>
          i === failed
            ? { statusCode: outcome.statusCode, requestCharge: 1 }
            : { statusCode: 424, requestCharge: 0 },
        ),
      };
    }
    outcomes.push(outcome);
  }
  partition.commit();
  return {
    status: 200,
    results: outcomes.map(({ statusCode, doc }) => ({
      statusCode,
      requestCharge: 1,
      ...(doc ? { eTag: doc._etag, resourceBody: doc } : {}),
    })),
  };
}

/** Runs a single operation (a PATCH request) through the same transactional path. */
export function executeSingle(
  documents: ItemsStore,
  partitionKey: unknown,
  op: BatchOperation,
): OperationOutcome {
  const partition = new StagedPartition(documents, partitionKey);
  const outcome = runOperation(partition, op);
  if (outcome.statusCode < 400) partition.commit();
  return outcome;
}

function validate(documents: ItemsStore, partitionKey: unknown, body: unknown): BatchOperation[] {
  if (!Array.isArray(body))
    throw wireErrors.badRequest('Invalid batch request body: expected an array of operations.');
  if (body.length === 0) throw wireErrors.badRequest('Batch request has no operations.');
  if (body.length > MAX_BATCH_OPERATIONS) {
    throw wireErrors.badRequest('Batch request has more operations than what is supported.');
  }
  const mismatch = () =>
    wireErrors.badRequest(
      'One or more operations within the batch request have a different partition key value than the request.',
    );
  return body.map((raw: unknown) => {
    const op = raw as BatchOperation | null;
    if (typeof op !== 'object' || op === null || !OPERATION_TYPES.has(op.operationType)) {
      throw wireErrors.badRequest(`Operation type '${String(op?.operationType)}' is not supported in Batch.`);
    }
    if (
      op.partitionKey !== undefined &&
      !sameValue(partitionKeyFromHeader(definitionOf(documents), op.partitionKey), partitionKey)
    ) {
      throw mismatch();
    }
    const resource = op.resourceBody as Record<string, unknown> | undefined;
    if (
      (op.operationType === 'Create' || op.operationType === 'Upsert' || op.operationType === 'Replace') &&
      typeof resource === 'object' &&
      resource !== null &&
      !sameValue(documents._getPartition(resource), partitionKey)
    ) {
      throw mismatch();
    }
    return op;
  });
}
