import type { BatchOperation } from '../batchOperation';
import { HybridRowError } from '../errors';
import { parseJsonBody } from '../readJsonBody';
import { BATCH_OPERATION_LAYOUT } from './batchSchemas';
import { readRecordIo } from './recordIo';
import { readRow } from './readRow';

/** Microsoft.Azure.Documents.OperationType values a batch may carry (as the .NET SDK writes them). */
const OPERATION_TYPES: ReadonlyMap<number, BatchOperation['operationType']> = new Map([
  [0, 'Create'],
  [1, 'Patch'],
  [2, 'Read'],
  [4, 'Delete'],
  [5, 'Replace'],
  [20, 'Upsert'],
]);
/** ResourceType.Document: the only resource a batch operates on. */
const DOCUMENT_RESOURCE_TYPE = 2;

/**
 * Decodes a .NET SDK batch body (a RecordIO stream of BatchOperation rows) into the operations the JSON
 * path runs, so both SDKs share one executor. `resourceBody` is the document (or patch spec) as JSON bytes;
 * `partitionKey` is JSON text, as the JS SDK sends it. `minimalReturnPreference` (EnableContentResponseOnWrite
 * = false) is kept for the response; indexingDirective and timeToLiveInSeconds have no effect here.
 */
export function decodeBatchOperations(bytes: Buffer): BatchOperation[] {
  return readRecordIo(bytes).map((record, index) => {
    const row = readRow(record, BATCH_OPERATION_LAYOUT);
    const code = row.get('operationType');
    const operationType = typeof code === 'number' ? OPERATION_TYPES.get(code) : undefined;
    if (!operationType)
      throw new HybridRowError(
        `operation ${index}: operation type ${String(code)} is not supported in a batch`,
      );
    const resourceType = row.get('resourceType');
    if (resourceType !== undefined && resourceType !== DOCUMENT_RESOURCE_TYPE)
      throw new HybridRowError(`operation ${index}: resource type ${String(resourceType)} is not a document`);
    const op: BatchOperation = { operationType };
    for (const key of ['id', 'partitionKey', 'ifMatch', 'ifNoneMatch'] as const) {
      const value = row.get(key);
      if (typeof value === 'string') op[key] = value;
    }
    const body = row.get('resourceBody');
    if (Buffer.isBuffer(body)) op.resourceBody = parseJsonBody(body);
    if (row.get('minimalReturnPreference') === true) op.minimalReturnPreference = true;
    return op;
  });
}
