import type { IncomingMessage, ServerResponse } from 'node:http';
import { parsePartitionKey } from './transactionalBatch';
import type { AccountNode } from './vercelInternals';

const DOC_PATH = /^\/+dbs\/([^/]+)\/colls\/([^/]+)\/docs\/([^/]+)\/?$/;

/**
 * A point read of a document that does not exist: 404 NotFound, as Cosmos DB answers. @vercel/cosmosdb-server's
 * read handler dereferences the missing document while checking its partition key and answered 500
 * ("Cannot read properties of undefined"), which the .NET SDK reports as an InternalServerError, not NotFound
 * (ReadItemAsync on a deleted item). Returns true when it answered.
 */
export function answerMissingDocumentRead(
  account: AccountNode,
  req: IncomingMessage,
  res: ServerResponse,
  path: string,
): boolean {
  if (req.method !== 'GET' || req.headers['a-im']) return false;
  const m = DOC_PATH.exec(path);
  const raw = req.headers['x-ms-documentdb-partitionkey'];
  if (!m || typeof raw !== 'string') return false;
  const [dbId, collId, docId] = [m[1], m[2], m[3]].map((s) => decodeURIComponent(s ?? '')) as [
    string,
    string,
    string,
  ];
  const database = account.database(dbId);
  if (!database.read()) return false;
  const collection = database.collection(collId);
  if (!collection.read()) return false;
  let partitionKey: unknown;
  try {
    partitionKey = parsePartitionKey(raw);
  } catch {
    return false;
  }
  if (collection.documents._item('/id', docId, partitionKey).read()) return false;
  res.statusCode = 404;
  res.end(
    JSON.stringify({
      code: 'NotFound',
      message: 'Entity with the specified id does not exist in the system.',
    }),
  );
  return true;
}
