import type { IncomingHttpHeaders } from 'node:http';
import { wireErrors } from './errors';
import { withLsn } from './containerFeed';
import { definitionOf, partitionKeyFromHeader } from './partitionKeys';
import { containerStateOf, sweepExpired } from './storeHooks';
import type { AccountNode, Doc, ItemsStore } from './vercelInternals';

/** The only pk range the vercel server has: the whole effective partition key space. */
const FULL_RANGE_MIN = '';
const FULL_RANGE_MAX = 'FF';
const DEFAULT_PAGE_SIZE = 100;

export interface FeedPage {
  status: 200 | 304;
  /** The continuation: the LSN to send back in If-None-Match, quoted like an ETag. */
  etag: string;
  body?: { _rid: string; Documents: Doc[]; _count: number };
}

/**
 * Answers a latest-version change-feed read (`GET .../docs` with `A-IM: Incremental feed`) the way
 * Cosmos DB does: If-None-Match absent = from the beginning, `*` = from now, otherwise the LSN ETag of
 * an earlier answer; If-Modified-Since = from a time. The page holds each changed document once, in its
 * latest version, in LSN order; its ETag is the continuation. Nothing new gives 304 with an ETag that is
 * still a valid continuation (the SDK stores whatever ETag comes back, 304 or not).
 */
export function readChangeFeed(
  account: AccountNode,
  dbId: string,
  collId: string,
  headers: IncomingHttpHeaders,
): FeedPage {
  const mode = header(headers, 'a-im')?.toLowerCase();
  if (mode !== 'incremental feed') {
    throw wireErrors.badRequest(
      `Change feed mode '${mode ?? ''}' is not supported by the offline Cosmos DB: only latest version (Incremental feed).`,
    );
  }
  const collection = account.database(dbId).collection(collId);
  const container = collection.read();
  if (!container) throw wireErrors.notFound();
  const state = containerStateOf(collection.documents);
  if (!state) throw wireErrors.notFound('Container not managed by this emulator');
  checkRange(headers);
  sweepExpired(collection.documents);

  const from = startLsn(header(headers, 'if-none-match'), state.feed.lsn);
  // LSNs only grow, so a continuation ahead of the container comes from an earlier in-memory run whose data
  // is gone. Following it would silently skip every write until the LSN caught up: refuse it instead.
  if (from > state.feed.lsn) {
    throw wireErrors.badRequest(
      `Change feed continuation (LSN ${from}) is ahead of this container (LSN ${state.feed.lsn}): it belongs to ` +
        'data this emulator no longer has (restarted without --data-dir?). Start from the beginning or now.',
    );
  }
  const since = sinceSeconds(header(headers, 'if-modified-since'));
  const matches = partitionFilter(collection.documents, header(headers, 'x-ms-documentdb-partitionkey'));
  const pageSize = pageSizeOf(header(headers, 'x-ms-max-item-count'));

  const docs: Doc[] = [];
  for (const doc of state.feed.after(from)) {
    if (since !== undefined && doc._ts < since) continue;
    if (!matches(doc)) continue;
    docs.push(doc);
    if (docs.length >= pageSize) break;
  }
  // A full page may have more behind it: resume after its last document. Otherwise every match up to the
  // container's current LSN was seen, so the continuation moves there (never backwards).
  const full = docs.length >= pageSize;
  const lastLsn = full ? (docs.at(-1)?._lsn as number) : state.feed.lsn;
  const etag = `"${lastLsn}"`;
  if (docs.length === 0) return { status: 304, etag };
  // Only change-feed pages carry `_lsn`, as in Cosmos DB; the stored documents keep it hidden.
  return {
    status: 200,
    etag,
    body: { _rid: container._rid, Documents: docs.map(withLsn), _count: docs.length },
  };
}

function header(headers: IncomingHttpHeaders, name: string): string | undefined {
  const v = headers[name];
  return Array.isArray(v) ? v[0] : v;
}

function startLsn(ifNoneMatch: string | undefined, now: number): number {
  if (ifNoneMatch === undefined || ifNoneMatch === '') return 0;
  if (ifNoneMatch === '*') return now;
  const lsn = Number(ifNoneMatch.replace(/^W\//, '').replace(/"/g, ''));
  if (!Number.isSafeInteger(lsn) || lsn < 0) {
    throw wireErrors.badRequest(`Invalid change feed continuation (If-None-Match): ${ifNoneMatch}`);
  }
  return lsn;
}

function sinceSeconds(ifModifiedSince: string | undefined): number | undefined {
  if (!ifModifiedSince) return undefined;
  const ms = Date.parse(ifModifiedSince);
  if (Number.isNaN(ms)) throw wireErrors.badRequest(`Invalid If-Modified-Since: ${ifModifiedSince}`);
  // _ts has whole seconds: include the whole starting second (at least once, never missed).
  return Math.floor(ms / 1000);
}

function pageSizeOf(raw: string | undefined): number {
  const n = raw === undefined ? NaN : Number(raw);
  return Number.isInteger(n) && n > 0 ? n : DEFAULT_PAGE_SIZE;
}

/** A feed scoped to one partition key: the old `changeFeed(pk)` API and `ChangeFeedStartFrom.X(pk)`. */
function partitionFilter(documents: ItemsStore, raw: string | undefined): (doc: Doc) => boolean {
  if (raw === undefined) return () => true;
  const key = JSON.stringify(partitionKeyFromHeader(definitionOf(documents), raw) ?? null);
  return (doc) => JSON.stringify(documents._getPartition(doc) ?? null) === key;
}

/** One physical range covers everything; a narrower effective-partition-key range is refused loudly. */
function checkRange(headers: IncomingHttpHeaders): void {
  const min = header(headers, 'x-ms-start-epk');
  const max = header(headers, 'x-ms-end-epk');
  if (min === undefined && max === undefined) return;
  if ((min ?? FULL_RANGE_MIN) === FULL_RANGE_MIN && (max ?? FULL_RANGE_MAX) === FULL_RANGE_MAX) return;
  throw wireErrors.notImplemented(
    'A change feed over part of a partition key range (hierarchical partition key prefix) is not supported offline.',
  );
}
