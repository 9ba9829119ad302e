import type { IncomingMessage, ServerResponse } from 'node:http';

const PKRANGES_PATH = /^\/+dbs\/[^/]+\/colls\/[^/]+\/pkranges\/?$/;

/** The emulator's ranges never split, so one version serves every container. */
export const PKRANGES_ETAG = '"pkranges-1"';

/**
 * The partition-key-range list read as a change feed (`A-IM: Incremental Feed`), as the .NET SDK's
 * PartitionKeyRangeCache does: it re-reads with `If-None-Match: <etag>` until the service answers 304. Without an
 * etag and a 304 the SDK loops on `GET .../pkranges` forever and every item operation after the first routing
 * refresh hangs. Returns true when this answered the request (304); otherwise the etag header is set and the
 * store's own route answers with the ranges.
 */
export function answerPartitionKeyRangeFeed(
  req: IncomingMessage,
  res: ServerResponse,
  path: string,
): boolean {
  if (req.method !== 'GET' || !req.headers['a-im'] || !PKRANGES_PATH.test(path)) return false;
  res.setHeader('etag', PKRANGES_ETAG);
  if (req.headers['if-none-match'] !== PKRANGES_ETAG) return false;
  res.statusCode = 304;
  res.end();
  return true;
}
