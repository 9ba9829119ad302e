import type { IncomingMessage } from 'node:http';
import { wireErrors } from './errors';
import { definitionOf, partitionKeyFromHeader } from './partitionKeys';
import { sameValue } from './stagedPartition';
import { containerStateOf } from './storeHooks';
import type { RouteAnswer } from './transactionalRoutes';
import type { AccountNode, Doc } from './vercelInternals';

/**
 * `POST .../colls/{c}/operations/partitionkeydelete` (`container.deleteAllItemsForPartitionKey(pk)`):
 * deletes every item of one logical partition. Cosmos DB answers at once and deletes in the background;
 * here the deletes are done before the answer, as one journal record (all or nothing across a crash).
 * Like every delete in latest-version mode, they do not appear in the change feed.
 */
export function answerPartitionDelete(
  account: AccountNode,
  dbId: string,
  collId: string,
  req: IncomingMessage,
): RouteAnswer {
  const collection = account.database(dbId).collection(collId);
  const container = collection.read();
  if (!container) throw wireErrors.notFound();
  const raw = req.headers['x-ms-documentdb-partitionkey'];
  if (typeof raw !== 'string')
    throw wireErrors.badRequest('PartitionKey value must be supplied for this operation.');
  const documents = collection.documents;
  const key = partitionKeyFromHeader(definitionOf(documents), raw);
  const doomed: Doc[] = [];
  for (const item of documents._data.values()) {
    const doc = item.read();
    if (doc && sameValue(documents._getPartition(doc), key)) doomed.push(doc);
  }
  const run = () => {
    for (const doc of doomed) documents.delete(doc.id, key);
  };
  const owner = containerStateOf(documents)?.owner;
  if (owner) owner.atomically(run);
  else run();
  return { status: 200, body: container };
}
