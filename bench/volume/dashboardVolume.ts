// `npx tsx bench/volume/dashboardVolume.ts [--count N]`: the dashboard timer's recalculation
// (shared/analytics recalculateDashboard, through the app's Cosmos DB projection store) timed as the
// analytics projection grows to N orders (default one million) in the offline Cosmos DB (memory only).
// Seeding writes the projection documents and aggregate documents the projection would hold (bulk creates,
// then upserts of the aggregates), as bench/scaling does at smaller sizes. docs/volume.md holds the results.
import { CosmosClient, type JSONObject, type OperationInput } from '@azure/cosmos';
import { join } from 'node:path';
import type { AggregateDoc } from '../../shared/analytics/analyticsDocs';
import { cosmosProjectionStore } from '../../shared/analytics/cosmosProjectionStore';
import { recalculateDashboard } from '../../shared/analytics/recalculateDashboard';
import { parseCosmosConnectionString } from '../../shared/platform/cosmosClient';
import { freePorts } from '../../tools/dev/ports';
import { ChildService } from '../../tools/soak/childService';
import { rssOf } from '../../tools/soak/processSampler';
import { accumulate, projectionOf, seededOrder } from '../scaling/seedData';
import { mb, volumeArgs } from './volumeArgs';

const CHECKPOINTS = [10_000, 50_000, 100_000, 250_000, 500_000, 1_000_000];
const CHUNK = 1_000;
const RUNS = 3;

async function main(): Promise<void> {
  const { count, root } = volumeArgs('dashboard-volume');
  const [port] = (await freePorts(1)) as [number];
  const cosmos = new ChildService({
    name: 'cosmos',
    root,
    script: 'tools/cosmos/main.ts',
    args: ['--port', String(port), '--topology', join(root, 'infra', 'topology.json')],
    ready: (out) => Promise.resolve(out.includes('CosmosDB=')),
    startTimeoutMs: 600_000,
  });
  await cosmos.start();
  const connection = /CosmosDB=(\S+)/.exec(cosmos.output)![1]!;
  const client = new CosmosClient({
    ...parseCosmosConnectionString(connection),
    connectionPolicy: { requestTimeout: 600_000, enableEndpointDiscovery: false },
  });
  const db = client.database('analytics');
  const projections = db.container('projections');
  const dashboards = db.container('dashboards');
  const store = cosmosProjectionStore(projections);
  const sums = new Map<string, AggregateDoc>();
  const now = Date.now();
  const appliedAt = new Date(now - 86_400_000).toISOString();
  console.log('orders | seeded in | recalculation median (min-max) | read | emulator RSS');
  let seeded = 0;
  for (const checkpoint of [...CHECKPOINTS.filter((c) => c < count), count]) {
    const t0 = performance.now();
    while (seeded < checkpoint) {
      const to = Math.min(checkpoint, seeded + CHUNK);
      const ops: OperationInput[] = [];
      for (let i = seeded; i < to; i++) {
        const order = seededOrder(i, now);
        const doc = projectionOf(order, appliedAt);
        ops.push({
          operationType: 'Create',
          partitionKey: doc.shard,
          resourceBody: doc as unknown as JSONObject,
        });
        accumulate(sums, order);
      }
      const results = await projections.items.executeBulkOperations(ops);
      const failed = results.filter((r) => (r.response?.statusCode ?? 500) >= 400);
      if (failed.length > 0) throw new Error(`${failed.length} seed creates failed at ${seeded}`);
      seeded = to;
    }
    for (const doc of sums.values()) await projections.items.upsert(doc);
    const seedS = (performance.now() - t0) / 1000;
    const times: number[] = [];
    let read = '';
    for (let run = 0; run < RUNS; run++) {
      const t = performance.now();
      const snapshot = await recalculateDashboard({
        projections: store,
        save: async (snap) => void (await dashboards.items.upsert(snap)),
      });
      times.push(performance.now() - t);
      read = `${snapshot.cost.aggregateDocs} aggregates, ${snapshot.cost.openOrders} open orders (${snapshot.totals.orders} orders counted)`;
    }
    times.sort((a, b) => a - b);
    const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
    console.log(
      `${checkpoint} | ${seedS.toFixed(0)} s | ${s(times[1]!)} (${s(times[0]!)}-${s(times.at(-1)!)}) | ${read} | ${mb(rssOf(cosmos.pid) ?? 0)}`,
    );
  }
  client.dispose();
  await cosmos.stop();
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
