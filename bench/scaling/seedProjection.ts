import type { Container } from '@azure/cosmos';
import type { AggregateDoc } from '../../shared/analytics/analyticsDocs';
import { BenchError } from '../errors';
import { accumulate, projectionOf, seededOrder } from './seedData';

/**
 * Writes orders [from, to) of the seeded history into the `projections` container (plain creates, 32 in
 * flight: what matters is the state afterwards, not how it got there), then the aggregate documents of each
 * shard with their running sums, in the same container and partitions as the analytics projection keeps them.
 */
export async function seedProjection(opts: {
  projections: Container;
  sums: Map<string, AggregateDoc>;
  from: number;
  to: number;
  now: number;
  deadline: number;
}): Promise<{ open: number }> {
  let next = opts.from;
  let open = 0;
  const appliedAt = new Date(opts.now - 86_400_000).toISOString();
  const worker = async (): Promise<void> => {
    while (next < opts.to) {
      if (performance.now() > opts.deadline)
        throw new BenchError(`seeding stopped at ${next} of ${opts.to} orders: out of time`);
      const order = seededOrder(next++, opts.now);
      const doc = projectionOf(order, appliedAt);
      if (doc.open) open++;
      await opts.projections.items.create(doc);
      accumulate(opts.sums, order);
    }
  };
  await Promise.all(Array.from({ length: 32 }, worker));
  const docs = [...opts.sums.values()];
  let i = 0;
  await Promise.all(
    Array.from({ length: 16 }, async () => {
      while (i < docs.length) await opts.projections.items.upsert(docs[i++]!);
    }),
  );
  return { open };
}
