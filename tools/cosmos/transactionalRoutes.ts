import type { IncomingMessage } from 'node:http';
import type { BatchOperation } from './batchOperation';
import { HybridRowError, wireErrors } from './errors';
import { executeBulk } from './executeBulk';
import { decodeBatchOperations } from './hybridRow/decodeBatchOperations';
import { encodeBatchResults } from './hybridRow/encodeBatchResults';
import { HYBRID_ROW_V1 } from './hybridRow/layoutCode';
import { parseJsonBody, readJsonBody, readRawBody } from './readJsonBody';
import { definitionOf, partitionKeyFromHeader } from './partitionKeys';
import { executeBatch, executeSingle } from './transactionalBatch';
import type { AccountNode, ItemsStore } from './vercelInternals';

/** An HTTP answer: status and JSON body. */
export interface RouteAnswer {
  status: number;
  body?: unknown;
  /** The ETag header when there is no body to take it from (a 304). */
  etag?: string | undefined;
  /** A binary body sent as is (a HybridRow batch response) instead of `body` as JSON. */
  binary?: Buffer;
}

/**
 * `POST .../docs` with `x-ms-cosmos-is-batch-request: True`: a transactional batch (see executeBatch) when
 * `x-ms-cosmos-batch-atomic` is True (`items.batch`, `CreateTransactionalBatch`), otherwise a bulk request
 * (see executeBulk). The JS SDK sends JSON; the .NET SDK sends HybridRow (RecordIO of BatchOperation rows,
 * first byte 0x81, which no JSON text starts with) and reads the results back in HybridRow, so the answer
 * is in the request's format.
 */
export async function answerBatch(
  account: AccountNode,
  dbId: string,
  collId: string,
  req: IncomingMessage,
): Promise<RouteAnswer> {
  const raw = await readRawBody(req);
  const hybrid = raw[0] === HYBRID_ROW_V1;
  const body = hybrid ? hybridOperations(raw) : parseJsonBody(raw);
  const documents = documentsOf(account, dbId, collId);
  const { status, results } = isTrue(header(req, 'x-ms-cosmos-batch-atomic'))
    ? executeBatch(documents, requestPartitionKey(documents, req), body)
    : executeBulk(documents, body, isTrue(header(req, 'x-ms-cosmos-batch-continue-on-error')));
  if (!hybrid) return { status, body: results };
  return { status, binary: encodeBatchResults(results, body as BatchOperation[]) };
}

function hybridOperations(raw: Buffer): BatchOperation[] {
  try {
    return decodeBatchOperations(raw);
  } catch (err) {
    if (err instanceof HybridRowError)
      throw wireErrors.badRequest(`The request payload is invalid: ${err.message}.`);
    throw err;
  }
}

/** `PATCH .../docs/{id}`: one patch, through the same path as a batch's Patch operation. */
export async function answerPatch(
  account: AccountNode,
  dbId: string,
  collId: string,
  docId: string,
  req: IncomingMessage,
): Promise<RouteAnswer> {
  const body = await readJsonBody(req);
  const documents = documentsOf(account, dbId, collId);
  const op: BatchOperation = {
    operationType: 'Patch',
    id: docId,
    resourceBody: body,
    ...optional('ifMatch', header(req, 'if-match')),
    ...optional('ifNoneMatch', header(req, 'if-none-match')),
  };
  const outcome = executeSingle(documents, requestPartitionKey(documents, req), op);
  if (outcome.statusCode >= 400) {
    return { status: outcome.statusCode, body: { code: outcome.code, message: outcome.message } };
  }
  return { status: outcome.statusCode, body: outcome.doc };
}

function documentsOf(account: AccountNode, dbId: string, collId: string): ItemsStore {
  const collection = account.database(dbId).collection(collId);
  if (!collection.read()) throw wireErrors.notFound();
  return collection.documents;
}

function requestPartitionKey(documents: ItemsStore, req: IncomingMessage): unknown {
  const raw = header(req, 'x-ms-documentdb-partitionkey');
  if (raw === undefined) {
    throw wireErrors.badRequest('The partition key header (x-ms-documentdb-partitionkey) is required.');
  }
  return partitionKeyFromHeader(definitionOf(documents), raw);
}

function header(req: IncomingMessage, name: string): string | undefined {
  const v = req.headers[name];
  return Array.isArray(v) ? v[0] : v;
}

function isTrue(value: string | undefined): boolean {
  return value?.toLowerCase() === 'true';
}

function optional<K extends string>(key: K, value: string | undefined): Partial<Record<K, string>> {
  return value === undefined ? {} : ({ [key]: value } as Record<K, string>);
}
