import type { BatchOperation } from '../batchOperation';
import type { BatchResult } from '../transactionalBatch';
import type { ColumnValue } from './layoutCode';
import { BATCH_RESULT_LAYOUT } from './batchSchemas';
import { writeRecordIo } from './recordIo';
import { writeRow } from './writeRow';

/**
 * Encodes batch results as the .NET SDK reads them: a RecordIO stream of BatchResult rows, one per
 * operation in order. The document goes back as JSON bytes unless its operation asked for a minimal
 * response (EnableContentResponseOnWrite = false), as Cosmos DB does.
 */
export function encodeBatchResults(results: readonly BatchResult[], ops: readonly BatchOperation[]): Buffer {
  return writeRecordIo(
    results.map((result, i) => {
      const values = new Map<string, ColumnValue>([['statusCode', result.statusCode]]);
      if (result.eTag !== undefined) values.set('eTag', result.eTag);
      if (result.resourceBody !== undefined && ops[i]?.minimalReturnPreference !== true)
        values.set('resourceBody', Buffer.from(JSON.stringify(result.resourceBody), 'utf8'));
      values.set('requestCharge', result.requestCharge);
      return writeRow(BATCH_RESULT_LAYOUT, values);
    }),
  );
}
