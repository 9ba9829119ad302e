import type { IncomingMessage } from 'node:http';
import type { BatchOperation } from './batchOperation';
import { wireErrors } from './errors';
import { definitionOf, partitionKeyFromHeader } from './partitionKeys';
import { readJsonBody } from './readJsonBody';
import type { RouteAnswer } from './transactionalRoutes';
import { executeSingle } from './transactionalBatch';
import type { AccountNode, ItemsStore } from './vercelInternals';

/**
 * Point operations on items (create, upsert, read, replace, delete), answered by the same transactional
 * path as batch, bulk and patch: one place checks ids, TTLs, partition keys (hierarchical too) and
 * preconditions, and every malformed request is a 4xx, never a throw (vercel's own handlers answered a
 * missing partition key header with 500 and read only the first level of a hierarchical key).
 */
export async function answerDocument(
  account: AccountNode,
  req: IncomingMessage,
  route: { dbId: string; collId: string; docId?: string },
): Promise<RouteAnswer> {
  const body = req.method === 'POST' || req.method === 'PUT' ? await readJsonBody(req) : undefined;
  const documents = documentsOf(account, route.dbId, route.collId);
  const op = operationOf(req, route.docId, body);
  const headerKey = header(req, 'x-ms-documentdb-partitionkey');
  // Cosmos DB needs the key in the header for every point operation on a partitioned container.
  if (headerKey === undefined)
    throw wireErrors.badRequest('PartitionKey value must be supplied for this operation.');
  const partitionKey = partitionKeyFromHeader(definitionOf(documents), headerKey);
  const outcome = executeSingle(documents, partitionKey, op);
  if (outcome.statusCode >= 400) {
    return { status: outcome.statusCode, body: { code: outcome.code, message: outcome.message } };
  }
  if (outcome.statusCode === 304) return { status: 304, etag: op.ifNoneMatch };
  return { status: outcome.statusCode, body: outcome.doc };
}

function operationOf(req: IncomingMessage, docId: string | undefined, body: unknown): BatchOperation {
  const conditions = {
    ...optional('ifMatch', header(req, 'if-match')),
    ...optional('ifNoneMatch', header(req, 'if-none-match')),
  };
  switch (req.method) {
    case 'POST':
      return {
        operationType: isTrue(header(req, 'x-ms-documentdb-is-upsert')) ? 'Upsert' : 'Create',
        resourceBody: body,
        ...conditions,
      };
    case 'PUT':
      return { operationType: 'Replace', id: docId, resourceBody: body, ...conditions };
    case 'DELETE':
      return { operationType: 'Delete', id: docId, ...conditions };
    default:
      return { operationType: 'Read', id: docId, ...conditions };
  }
}

function documentsOf(account: AccountNode, dbId: string, collId: string): ItemsStore {
  const collection = account.database(dbId).collection(collId);
  if (!collection.read()) throw wireErrors.notFound();
  return collection.documents;
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
