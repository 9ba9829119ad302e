// `npx tsx bench/volume/brokerVolume.ts [--count N] [--data-dir DIR]`: the offline broker's RSS per queued byte
// with N messages (500-byte bodies, like an email command) waiting on one queue, its log size, and how long a
// restart (kill -9) takes to load them back. docs/volume.md holds the results.
import { ServiceBusClient } from '@azure/service-bus';
import { join } from 'node:path';
import { freePorts } from '../../tools/dev/ports';
import { queueCounts } from '../../tools/soak/brokerView';
import { ChildService } from '../../tools/soak/childService';
import { dirSize } from '../../tools/soak/dirSize';
import { rssOf } from '../../tools/soak/processSampler';
import { mb, volumeArgs } from './volumeArgs';

const QUEUE = 'emails';
const BATCH = 200;
const IN_FLIGHT = 4;
const BODY = 'x'.repeat(500);

async function main(): Promise<void> {
  const { count, dataDir, root } = volumeArgs('broker-volume');
  const [port, httpPort] = (await freePorts(2)) as [number, number];
  const broker = new ChildService({
    name: 'servicebus',
    root,
    script: 'tools/servicebus/main.ts',
    args: [
      '--port',
      String(port),
      '--http-port',
      String(httpPort),
      '--data-dir',
      join(dataDir, 'servicebus'),
      '--topology',
      join(root, 'infra', 'topology.json'),
    ],
    ready: (out) => Promise.resolve(out.includes('ServiceBusConnection=')),
    startTimeoutMs: 600_000,
  });
  const httpUrl = `http://127.0.0.1:${httpPort}`;
  await broker.start();
  const connection = /ServiceBusConnection=(\S+)/.exec(broker.output)![1]!;
  const client = new ServiceBusClient(connection);
  const sender = client.createSender(QUEUE);
  const rss0 = rssOf(broker.pid)!;
  const queued = async () => (await queueCounts(httpUrl))?.find((q) => q.path === QUEUE);
  console.log('messages | queued bytes | RSS | log | msgs/s since last line');
  let sent = 0;
  let lastAt = performance.now();
  let lastSent = 0;
  const step = Math.max(BATCH, Math.round(count / 10 / BATCH) * BATCH);
  let nextReport = Math.min(count, step);
  const t0 = performance.now();
  const worker = async (): Promise<void> => {
    while (sent < count) {
      const from = sent;
      sent += Math.min(BATCH, count - sent);
      // Distinct messageIds: the queue requires duplicate detection, whose history (10 min) is part of the cost.
      await sender.sendMessages(
        Array.from({ length: sent - from }, (_, i) => ({ messageId: `volume-${from + i}`, body: BODY })),
      );
      // One line per step: `sent` moves on while this worker awaits, so compare with the next mark, not `from`.
      if (sent >= nextReport) {
        nextReport = nextReport >= count ? Infinity : Math.min(count, nextReport + step);
        const q = await queued();
        const now = performance.now();
        console.log(
          `${sent} | ${mb(q?.sizeInBytes ?? 0)} | ${mb(rssOf(broker.pid) ?? 0)} | ${mb(dirSize(dataDir))} | ${(((sent - lastSent) * 1000) / (now - lastAt)).toFixed(0)}`,
        );
        lastAt = now;
        lastSent = sent;
      }
    }
  };
  await Promise.all(Array.from({ length: IN_FLIGHT }, worker));
  const q = await queued();
  const rss = rssOf(broker.pid)!;
  console.log(
    `\n${count} messages in ${((performance.now() - t0) / 1000).toFixed(0)} s; active ${q?.activeMessageCount}`,
  );
  console.log(
    `RSS ${mb(rss)}: ${((rss - rss0) / (q?.sizeInBytes ?? 1)).toFixed(2)} bytes of RSS per queued byte, ${((rss - rss0) / count).toFixed(0)} bytes per message`,
  );
  console.log(`log ${mb(dirSize(dataDir))} (${(dirSize(dataDir) / count).toFixed(0)} bytes per message)`);
  await client.close();
  const restartMs = await broker.crashAndRestart();
  const after = await queued();
  console.log(
    `kill -9 and restart on the data dir: ready in ${(restartMs / 1000).toFixed(1)} s, RSS ${mb(rssOf(broker.pid) ?? 0)}, active ${after?.activeMessageCount}`,
  );
  await broker.stop();
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
