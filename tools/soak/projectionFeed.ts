import { ChangeFeedStartFrom, type ChangeFeedStartFrom as StartFrom, type Container } from '@azure/cosmos';
import { setTimeout as delay } from 'node:timers/promises';

export interface ProjectionFeed {
  /** performance.now() when each order's projection was first seen. */
  seen: Map<string, number>;
  /** Times the feed had to be reopened (the emulator was killed under it). */
  reopened: number;
  stop(): Promise<void>;
}

/**
 * Follows analytics/projections through the SDK's change feed (not through the app) and notes when each order
 * first appears there: the end of its end-to-end latency. Survives a killed emulator: it reopens from its
 * last continuation, or from the beginning if that is refused (first sightings are kept, so a re-read adds
 * nothing).
 */
export function followProjections(container: Container): ProjectionFeed {
  const seen = new Map<string, number>();
  let stopped = false;
  let continuation: string | undefined;
  const feed: ProjectionFeed = { seen, reopened: 0, stop: () => Promise.resolve() };
  const open = (from: StartFrom) =>
    container.items.getChangeFeedIterator<{ id: string; kind?: string }>({ changeFeedStartFrom: from });
  const loop = (async () => {
    let iterator = open(ChangeFeedStartFrom.Now());
    let failures = 0;
    while (!stopped) {
      try {
        const res = await iterator.readNext();
        failures = 0;
        continuation = res.continuationToken ?? continuation;
        const now = performance.now();
        for (const doc of res.result ?? [])
          if (doc.kind === 'order' && !seen.has(doc.id)) seen.set(doc.id, now);
        if ((res.result ?? []).length === 0) await delay(20);
      } catch {
        failures += 1;
        feed.reopened += 1;
        await delay(500);
        const from =
          continuation && failures < 5
            ? ChangeFeedStartFrom.Continuation(continuation)
            : ChangeFeedStartFrom.Beginning();
        iterator = open(from);
      }
    }
  })();
  feed.stop = async () => {
    stopped = true;
    await loop;
  };
  return feed;
}
