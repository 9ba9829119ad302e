import { compileLayout } from './rowLayout';

/**
 * The schemas of Microsoft.Azure.Cosmos's batch wire format (its embedded HybridRowBatchSchemas.json,
 * namespace Microsoft.Azure.Cosmos.BatchApi): one BatchOperation row per operation in the request, one
 * BatchResult row per operation in the response. Property order matters: it fixes bits, offsets, tokens.
 */
export const BATCH_OPERATION_LAYOUT = compileLayout('BatchOperation', 2145473648, [
  { path: 'operationType', type: 'int32', storage: 'fixed' },
  { path: 'resourceType', type: 'int32', storage: 'fixed' },
  { path: 'partitionKey', type: 'utf8', storage: 'variable' },
  { path: 'effectivePartitionKey', type: 'binary', storage: 'variable' },
  { path: 'id', type: 'utf8', storage: 'variable' },
  { path: 'binaryId', type: 'binary', storage: 'variable' },
  { path: 'resourceBody', type: 'binary', storage: 'variable' },
  { path: 'indexingDirective', type: 'utf8', storage: 'sparse' },
  { path: 'ifMatch', type: 'utf8', storage: 'sparse' },
  { path: 'ifNoneMatch', type: 'utf8', storage: 'sparse' },
  { path: 'timeToLiveInSeconds', type: 'int32', storage: 'sparse' },
  { path: 'minimalReturnPreference', type: 'bool', storage: 'sparse' },
]);

export const BATCH_RESULT_LAYOUT = compileLayout('BatchResult', 2145473649, [
  { path: 'statusCode', type: 'int32', storage: 'fixed' },
  { path: 'subStatusCode', type: 'int32', storage: 'fixed' },
  { path: 'eTag', type: 'utf8', storage: 'variable' },
  { path: 'resourceBody', type: 'binary', storage: 'variable' },
  { path: 'retryAfterMilliseconds', type: 'uint32', storage: 'sparse' },
  { path: 'requestCharge', type: 'float64', storage: 'sparse' },
]);
