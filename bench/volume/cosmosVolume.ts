// `npx tsx bench/volume/cosmosVolume.ts [--count N] [--data-dir DIR] [--memory-only]`: the offline Cosmos DB
// emulator's RSS and data dir (snapshot + journal) as orders/orders fills with N order-sized documents, the
// slowest create per step (compactions run in the background while creates go on), then how long a restart
// after kill -9 takes to load them back, and the slowest create while the restart's compaction rewrites the
// whole store. `--memory-only` runs the emulator without a data dir (RSS alone, no restart).
// docs/volume.md holds the results.
import { CosmosClient, type Container } from '@azure/cosmos';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { parseCosmosConnectionString } from '../../shared/platform/cosmosClient';
import { freePorts } from '../../tools/dev/ports';
import { ChildService } from '../../tools/soak/childService';
import { dirSize } from '../../tools/soak/dirSize';
import { rssOf } from '../../tools/soak/processSampler';
import { orderDocument } from '../fixtures/orders';
import { dataDirParts, newCompactionLines } from './cosmosVolumeParts';
import { mb, volumeArgs } from './volumeArgs';

const IN_FLIGHT = 32;

function clientOf(output: string): CosmosClient {
  // A long timeout: a create held up is measured, not retried into a duplicate.
  return new CosmosClient({
    ...parseCosmosConnectionString(/CosmosDB=(\S+)/.exec(output)![1]!),
    connectionPolicy: { requestTimeout: 600_000 },
  });
}

interface CreateRun {
  slowest: number;
  written: number;
  /** Milliseconds of each create, in the order they finished. */
  latencies: number[];
}

/** Point creates, 32 in flight, as the app writes, while `more()`; resolves with their latencies. */
async function createWhile(
  container: Container,
  more: (written: number) => boolean,
  onCreated: (written: number, ms: number) => void = () => undefined,
): Promise<CreateRun> {
  let written = 0;
  let slowest = 0;
  const latencies: number[] = [];
  const worker = async (): Promise<void> => {
    while (more(written)) {
      const i = written++;
      const started = performance.now();
      // Customers of 100 orders each: partitions of realistic size, not one giant one.
      await container.items.create(orderDocument(`customer-${Math.floor(i / 100)}`));
      const ms = performance.now() - started;
      slowest = Math.max(slowest, ms);
      if (latencies.length < 1_000_000) latencies.push(ms);
      onCreated(i + 1, ms);
    }
  };
  await Promise.all(Array.from({ length: IN_FLIGHT }, worker));
  return { slowest, written, latencies };
}

/** `slowest … s, slowest after the first 100 … s, p99 … ms`: the first creates of a fresh client include its warm-up. */
function stallsOf(run: CreateRun): string {
  const sorted = [...run.latencies].sort((a, b) => a - b);
  const p99 = sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * 0.99))] ?? 0;
  const later = Math.max(0, ...run.latencies.slice(100));
  return `slowest ${(run.slowest / 1000).toFixed(2)} s, slowest after the first 100 ${(later / 1000).toFixed(2)} s, p99 ${p99.toFixed(0)} ms`;
}

async function main(): Promise<void> {
  const { count, dataDir, root, memoryOnly } = volumeArgs('cosmos-volume');
  const [port] = (await freePorts(1)) as [number];
  const data = join(dataDir, 'cosmos');
  const cosmos = new ChildService({
    name: 'cosmos',
    root,
    script: 'tools/cosmos/main.ts',
    args: [
      '--port',
      String(port),
      ...(memoryOnly ? [] : ['--data-dir', data]),
      '--topology',
      join(root, 'infra', 'topology.json'),
    ],
    ready: (out) => Promise.resolve(out.includes('CosmosDB=')),
    startTimeoutMs: 3_600_000,
  });
  await cosmos.start();
  const client = clientOf(cosmos.output);
  const container = client.database('orders').container('orders');
  const rss0 = rssOf(cosmos.pid)!;
  const seen = new Set<string>();
  const printCompactions = () =>
    newCompactionLines(cosmos.output, seen).forEach((l) => console.log(`  ${l}`));
  console.log(
    `documents | RSS | snapshot | journal | docs/s since last line | slowest create since last line`,
  );
  const step = Math.max(1, Math.round(count / 20));
  let lastAt = performance.now();
  let slowest = 0;
  const t0 = performance.now();
  const filled = await createWhile(
    container,
    (n) => n < count,
    (n, ms) => {
      slowest = Math.max(slowest, ms);
      if (n % step !== 0 && n !== count) return;
      const now = performance.now();
      const parts = dataDirParts(data);
      printCompactions();
      console.log(
        `${n} | ${mb(rssOf(cosmos.pid) ?? 0)} | ${mb(parts.snapshot)} | ${mb(parts.journal)} | ${((step * 1000) / (now - lastAt)).toFixed(0)} | ${(slowest / 1000).toFixed(2)} s`,
      );
      slowest = 0;
      lastAt = now;
    },
  );
  const rss = rssOf(cosmos.pid)!;
  console.log(`\n${count} documents in ${((performance.now() - t0) / 1000).toFixed(0)} s`);
  console.log(
    `RSS ${mb(rss)} (${((rss - rss0) / count).toFixed(0)} bytes per document over the empty emulator)`,
  );
  console.log(`data dir ${mb(dirSize(data))} (${(dirSize(data) / count).toFixed(0)} bytes per document)`);
  console.log(`slowest single create while filling: ${(filled.slowest / 1000).toFixed(2)} s`);
  client.dispose();
  if (memoryOnly) return cosmos.stop();

  const restartMs = await cosmos.crashAndRestart();
  console.log(
    `kill -9 and restart on the data dir: ready in ${(restartMs / 1000).toFixed(1)} s, RSS ${mb(rssOf(cosmos.pid) ?? 0)}`,
  );
  // The restart compacts in the background if its journal is over the floor: creates go on meanwhile.
  const after = clientOf(cosmos.output);
  const orders = after.database('orders').container('orders');
  const compacting = /compacting/.test(cosmos.output);
  let peakRss = 0;
  const t1 = performance.now();
  const during = await createWhile(orders, (n) => {
    peakRss = Math.max(peakRss, rssOf(cosmos.pid) ?? 0);
    return compacting && n < 10 * count && !/compacted|compaction failed/.test(cosmos.output);
  });
  printCompactions();
  console.log(
    `during the restart's compaction (${((performance.now() - t1) / 1000).toFixed(1)} s): ${during.written} creates, ` +
      `${stallsOf(during)}, peak RSS ${mb(peakRss)}`,
  );
  // The same number of creates with no compaction under way: what the store's size alone costs.
  const baseline = await createWhile(orders, (n) => n < during.written);
  console.log(`then ${baseline.written} creates with no compaction: ${stallsOf(baseline)}`);
  await delay(1000);
  const parts = dataDirParts(data);
  console.log(`data dir after it: snapshot ${mb(parts.snapshot)}, journal ${mb(parts.journal)}`);
  const { resources } = await orders.items.query<number>('SELECT VALUE COUNT(1) FROM c').fetchAll();
  console.log(
    `documents after the restart: ${resources[0]} (expected ${count + during.written + baseline.written})`,
  );
  after.dispose();
  await cosmos.stop();
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
