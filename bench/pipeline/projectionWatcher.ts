import type { Container } from '@azure/cosmos';
import { setTimeout as delay } from 'node:timers/promises';
import { BenchError, ensureError } from '../errors';

export interface ProjectionWatcher {
  /** performance.now() when each projected order id was first seen. */
  seen: Map<string, number>;
  /** Resolves once every id is seen or `timeoutMs` passes; returns the ids still missing. */
  waitFor(ids: readonly string[], timeoutMs: number): Promise<string[]>;
  stop(): Promise<void>;
}

/** How long an empty change-feed read waits before the next: the resolution of the latency figures. */
export const WATCH_INTERVAL_MS = 10;

/**
 * Follows the analytics projection container's change feed from now on, straight through the SDK (not
 * through the app), and notes when each order first shows up there.
 */
export async function watchProjections(container: Container): Promise<ProjectionWatcher> {
  // The same module instance the client came from (shared/platform imports it dynamically): the SDK checks
  // the start location with instanceof, which fails across its CommonJS and ESM copies.
  const { ChangeFeedStartFrom } = await import('@azure/cosmos');
  const seen = new Map<string, number>();
  let stopped = false;
  let failure: Error | undefined;
  const iterator = container.items.getChangeFeedIterator<{ id: string }>({
    changeFeedStartFrom: ChangeFeedStartFrom.Now(),
  });
  const loop = (async () => {
    while (!stopped) {
      const res = await iterator.readNext();
      const now = performance.now();
      for (const doc of res.result ?? []) if (!seen.has(doc.id)) seen.set(doc.id, now);
      if ((res.result ?? []).length === 0) await delay(WATCH_INTERVAL_MS);
    }
  })().catch((err: unknown) => {
    failure = ensureError(err);
  });
  return {
    seen,
    async waitFor(ids, timeoutMs) {
      const end = performance.now() + timeoutMs;
      for (;;) {
        if (failure) throw new BenchError(`watching the projection failed: ${failure.message}`);
        const missing = ids.filter((id) => !seen.has(id));
        if (missing.length === 0 || performance.now() > end) return missing;
        await delay(20);
      }
    },
    async stop() {
      stopped = true;
      await loop;
    },
  };
}
