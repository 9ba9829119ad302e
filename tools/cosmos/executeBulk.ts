import { OPERATION_TYPES, type BatchOperation, type OperationOutcome } from './batchOperation';
import { ensureError, wireErrors } from './errors';
import { definitionOf, partitionKeyFromHeader } from './partitionKeys';
import {
  MAX_BATCH_OPERATIONS,
  executeSingle,
  type BatchResponse,
  type BatchResult,
} from './transactionalBatch';
import type { ItemsStore } from './vercelInternals';

/**
 * A bulk request (`x-ms-cosmos-batch-atomic: False`, what `items.executeBulkOperations` and `items.bulk`
 * send): up to 100 operations, each in its own partition (its `partitionKey`), each applied or not on its
 * own, in order. With `continueOnError` false the first failure turns the rest into 424. HTTP 207 when any
 * failed, 200 otherwise. Each operation runs through the same path as a batch's, Patch included.
 */
export function executeBulk(documents: ItemsStore, body: unknown, continueOnError: boolean): BatchResponse {
  if (!Array.isArray(body) || body.length === 0) {
    throw wireErrors.badRequest('Invalid bulk request body: expected a non-empty array of operations.');
  }
  if (body.length > MAX_BATCH_OPERATIONS) {
    throw wireErrors.badRequest('Batch request has more operations than what is supported.');
  }
  let failed = false;
  const results = (body as unknown[]).map((raw): BatchResult & { message?: string } => {
    if (failed && !continueOnError) return { statusCode: 424, requestCharge: 0 };
    const outcome = runOne(documents, raw);
    failed ||= outcome.statusCode >= 400;
    if (outcome.statusCode >= 400) {
      return {
        statusCode: outcome.statusCode,
        requestCharge: 1,
        ...(outcome.message ? { message: outcome.message } : {}),
      };
    }
    const { doc } = outcome;
    return {
      statusCode: outcome.statusCode,
      requestCharge: 1,
      ...(doc ? { eTag: doc._etag, resourceBody: doc } : {}),
    };
  });
  return { status: failed ? 207 : 200, results };
}

function runOne(documents: ItemsStore, raw: unknown): OperationOutcome {
  const op = raw as BatchOperation | null;
  if (typeof op !== 'object' || op === null || !OPERATION_TYPES.has(op.operationType)) {
    return badRequest(`Operation type '${String(op?.operationType)}' is not supported in Batch.`);
  }
  let partitionKey: unknown;
  try {
    if (op.partitionKey !== undefined)
      partitionKey = partitionKeyFromHeader(definitionOf(documents), op.partitionKey);
    else if (
      typeof op.resourceBody === 'object' &&
      op.resourceBody !== null &&
      !Array.isArray(op.resourceBody)
    ) {
      partitionKey = documents._getPartition(op.resourceBody as Record<string, unknown>);
    } else return badRequest('The operation has no partition key.');
  } catch (err) {
    return badRequest(ensureError(err).message);
  }
  return executeSingle(documents, partitionKey, op);
}

function badRequest(message: string): OperationOutcome {
  return { statusCode: 400, code: 'BadRequest', message };
}
