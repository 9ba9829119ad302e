import type { IncomingMessage } from 'node:http';
import type { BatchOperation } from './batchOperation';
import { wireErrors } from './errors';
import { executeBulk } from './executeBulk';
import { readJsonBody } from './readJsonBody';
import { definitionOf, partitionKeyFromHeader } from './partitionKeys';
import { executeBatch, executeSingle } from './transactionalBatch';
import type { AccountNode, ItemsStore } from './vercelInternals';

/** An HTTP answer: status and JSON body. */
export interface RouteAnswer {
  status: number;
  body?: unknown;
  /** The ETag header when there is no body to take it from (a 304). */
  etag?: string | undefined;
}

/**
 * `POST .../docs` with `x-ms-cosmos-is-batch-request: True`: a transactional batch (see executeBatch) when
 * `x-ms-cosmos-batch-atomic` is True (`items.batch`), otherwise a bulk request (see executeBulk).
 */
export async function answerBatch(
  account: AccountNode,
  dbId: string,
  collId: string,
  req: IncomingMessage,
): Promise<RouteAnswer> {
  const body = await readJsonBody(req);
  const documents = documentsOf(account, dbId, collId);
  const { status, results } = isTrue(header(req, 'x-ms-cosmos-batch-atomic'))
    ? executeBatch(documents, requestPartitionKey(documents, req), body)
    : executeBulk(documents, body, isTrue(header(req, 'x-ms-cosmos-batch-continue-on-error')));
  return { status, body: results };
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
