// `npx tsx bench/volume/cosmosVolume.ts [--count N] [--data-dir DIR] [--memory-only]`: the offline Cosmos DB
// emulator's RSS and journal size as orders/orders fills with N order-sized documents, the slowest create
// (a journal compaction rewrites the whole snapshot and holds every request), then how long a restart
// (kill -9) takes to load them back. `--memory-only` runs the emulator without a data dir (RSS alone, no
// restart). docs/volume.md holds the results.
import { CosmosClient } from '@azure/cosmos';
import { parseCosmosConnectionString } from '../../shared/platform/cosmosClient';
import { join } from 'node:path';
import { freePorts } from '../../tools/dev/ports';
import { ChildService } from '../../tools/soak/childService';
import { dirSize } from '../../tools/soak/dirSize';
import { rssOf } from '../../tools/soak/processSampler';
import { orderDocument } from '../fixtures/orders';
import { mb, volumeArgs } from './volumeArgs';

const IN_FLIGHT = 32;

async function main(): Promise<void> {
  const { count, dataDir, root, memoryOnly } = volumeArgs('cosmos-volume');
  const [port] = (await freePorts(1)) as [number];
  const cosmos = new ChildService({
    name: 'cosmos',
    root,
    script: 'tools/cosmos/main.ts',
    args: [
      '--port',
      String(port),
      ...(memoryOnly ? [] : ['--data-dir', join(dataDir, 'cosmos')]),
      '--topology',
      join(root, 'infra', 'topology.json'),
    ],
    ready: (out) => Promise.resolve(out.includes('CosmosDB=')),
    startTimeoutMs: 600_000,
  });
  await cosmos.start();
  const connection = /CosmosDB=(\S+)/.exec(cosmos.output)![1]!;
  // A long timeout: a create held behind a compaction is measured, not retried into a duplicate.
  const client = new CosmosClient({
    ...parseCosmosConnectionString(connection),
    connectionPolicy: { requestTimeout: 600_000 },
  });
  const container = client.database('orders').container('orders');
  const rss0 = rssOf(cosmos.pid)!;
  console.log(`documents | RSS | data dir | docs/s since last line | slowest create since last line`);
  console.log(`0 | ${mb(rss0)} | ${mb(dirSize(dataDir))} | -`);
  let written = 0;
  let lastAt = performance.now();
  let lastWritten = 0;
  let slowest = 0;
  let slowestEver = 0;
  const step = Math.max(1, Math.round(count / 10));
  const t0 = performance.now();
  // Customers of 100 orders each: partitions of realistic size, not one giant one.
  // Point creates, as the app writes (the emulator's bulk path is not what is measured here).
  const worker = async (): Promise<void> => {
    while (written < count) {
      const i = written++;
      const started = performance.now();
      await container.items.create(orderDocument(`customer-${Math.floor(i / 100)}`));
      slowest = Math.max(slowest, performance.now() - started);
      if ((i + 1) % step === 0 || i + 1 === count) {
        const now = performance.now();
        console.log(
          `${i + 1} | ${mb(rssOf(cosmos.pid) ?? 0)} | ${mb(dirSize(dataDir))} | ${(((i + 1 - lastWritten) * 1000) / (now - lastAt)).toFixed(0)} | ${(slowest / 1000).toFixed(1)} s`,
        );
        slowestEver = Math.max(slowestEver, slowest);
        slowest = 0;
        lastAt = now;
        lastWritten = i + 1;
      }
    }
  };
  await Promise.all(Array.from({ length: IN_FLIGHT }, worker));
  const rss = rssOf(cosmos.pid)!;
  console.log(`\n${count} documents in ${((performance.now() - t0) / 1000).toFixed(0)} s`);
  console.log(
    `RSS ${mb(rss)} (${((rss - rss0) / count).toFixed(0)} bytes per document over the empty emulator)`,
  );
  console.log(
    `data dir ${mb(dirSize(dataDir))} (${(dirSize(dataDir) / count).toFixed(0)} bytes per document)`,
  );
  console.log(`slowest single create: ${(Math.max(slowestEver, slowest) / 1000).toFixed(1)} s`);
  client.dispose();
  if (memoryOnly) {
    await cosmos.stop();
    return;
  }
  const restartMs = await cosmos.crashAndRestart();
  console.log(
    `kill -9 and restart on the data dir: ready in ${(restartMs / 1000).toFixed(1)} s, RSS ${mb(rssOf(cosmos.pid) ?? 0)}`,
  );
  const check = new CosmosClient(/CosmosDB=(\S+)/.exec(cosmos.output)![1]!);
  const { resources } = await check
    .database('orders')
    .container('orders')
    .items.query<number>('SELECT VALUE COUNT(1) FROM c')
    .fetchAll();
  console.log(`documents after the restart: ${resources[0]}`);
  check.dispose();
  await cosmos.stop();
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
