import type { ChangeFeedPullModelIterator, ChangeFeedStartFrom, Container, FeedRange } from '@azure/cosmos';
import type { CosmosTriggerOptions } from './cosmosTriggerOptions';
import type { LeaseDoc } from './LeaseStore';

/**
 * The change-feed iterator of one leased feed range: from the lease's checkpoint, or for a lease that has none
 * from the beginning, a time, or now (the trigger's options). `api` is @azure/cosmos' ChangeFeedStartFrom,
 * passed in because the SDK is loaded lazily.
 */
export function openFeedIterator(
  monitored: Container,
  api: typeof ChangeFeedStartFrom,
  lease: LeaseDoc,
  range: FeedRange,
  opts: CosmosTriggerOptions,
): ChangeFeedPullModelIterator<unknown> {
  const startFrom = lease.ContinuationToken
    ? api.Continuation(lease.ContinuationToken)
    : opts.startFromBeginning
      ? api.Beginning(range)
      : opts.startFromTime
        ? api.Time(opts.startFromTime, range)
        : api.Now(range);
  return monitored.items.getChangeFeedIterator({
    changeFeedStartFrom: startFrom,
    maxItemCount: opts.maxItemsPerInvocation,
  });
}
