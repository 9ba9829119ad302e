import type { Container } from '@azure/cosmos';
import { orderDocument } from '../fixtures/orders';
import { percentile } from '../stats';
import type { LoadResult } from './loadResult';

/**
 * The floor of the HTTP figures: the same Cosmos DB operation the API makes, called straight through the SDK
 * by `concurrency` workers for `durationMs` (no host, no auth, no validation). Latency is per operation.
 */
export async function cosmosFloor(opts: {
  container: Container;
  op: 'create' | 'read';
  concurrency: number;
  durationMs: number;
  /** Documents to read (round robin) for `read`. */
  readIds?: ReadonlyArray<{ id: string; customerId: string }>;
  customerId: string;
}): Promise<LoadResult & { createdIds: Array<{ id: string; customerId: string }> }> {
  const latencies: number[] = [];
  const createdIds: Array<{ id: string; customerId: string }> = [];
  let failed = 0;
  let next = 0;
  const started = performance.now();
  const end = started + opts.durationMs;
  const worker = async (): Promise<void> => {
    while (performance.now() < end) {
      const t0 = performance.now();
      try {
        if (opts.op === 'create') {
          const doc = orderDocument(opts.customerId);
          await opts.container.items.create(doc);
          createdIds.push({ id: doc.id, customerId: doc.customerId });
        } else {
          const ids = opts.readIds ?? [];
          const target = ids[next++ % ids.length]!;
          const { resource } = await opts.container
            .item(target.id, target.customerId)
            .read<Record<string, unknown>>();
          if (!resource) throw new Error(`read ${target.id}: not found`);
        }
        latencies.push(performance.now() - t0);
      } catch {
        failed++;
      }
    }
  };
  await Promise.all(Array.from({ length: opts.concurrency }, worker));
  const durationS = (performance.now() - started) / 1000;
  return {
    requestsPerSecond: latencies.length / durationS,
    p50Ms: latencies.length ? percentile(latencies, 50) : Number.NaN,
    p99Ms: latencies.length ? percentile(latencies, 99) : Number.NaN,
    ok: latencies.length,
    failed,
    durationS,
    createdIds,
  };
}
