import { ServiceBusClient } from '@azure/service-bus';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkBudget, type BudgetCheck } from './budget';
import { stopAllChildren, stopChild } from './children';
import { median, summarize } from './stats';
import { connectionStringFor, rssBytes, startProcess } from './servicebusProcesses';
import { measureThroughput, type ThroughputRun } from './servicebusThroughput';
import type { Bench, BenchOutcome, Figure } from './types';

export interface ServiceBusBenchOptions {
  root: string;
  tmpDir: string;
  /** Messages per throughput run. Default 5000. */
  messages?: number;
  /** Interleaved emulator/floor rounds per receiver count. Default 3. */
  rounds?: number;
  /** Messages queued for the memory figure. Default 100,000. */
  memoryMessages?: number;
  log?(message: string): void;
}

const benchConfig = {
  UserConfig: {
    Namespaces: [
      {
        Name: 'bench',
        Queues: [{ Name: 'bench', Properties: { LockDuration: 'PT5M', MaxDeliveryCount: 10 } }],
      },
    ],
  },
};

/**
 * Offline Service Bus throughput and memory. Throughput: 1 KB messages sent by the SDK in full batches, then
 * received and completed with 1 and with 16 concurrent receivers; the floor is a bare rhea pass-through
 * (bench/servicebusFloorServer.ts) driven by the same SDK code in the same run, rounds interleaved.
 */
export async function benchServiceBus(opts: ServiceBusBenchOptions): Promise<BenchOutcome> {
  const log = opts.log ?? (() => undefined);
  const count = opts.messages ?? 5000;
  const rounds = opts.rounds ?? 3;
  const configFile = join(opts.tmpDir, 'servicebus-bench-config.json');
  writeFileSync(configFile, JSON.stringify(benchConfig));
  const figures: Figure[] = [];
  const budgets: BudgetCheck[] = [];
  const details: Record<string, unknown> = {};
  // Memory first, in a broker process of its own, so earlier runs' garbage does not count.
  const fresh = await startProcess(
    opts.root,
    'tools/servicebus/main.ts',
    ['--port', '0', '--config', configFile],
    /listening on 127\.0\.0\.1:(\d+)/,
  );
  try {
    const memory = await measureMemory(fresh.child.pid!, fresh.port, opts.memoryMessages ?? 100_000, log);
    details.memory = memory;
    figures.push({
      name: `broker RSS with ${memory.messages} queued 1 KB messages`,
      unit: 'MB',
      summary: summarize([memory.rssAfter / 1e6]),
      note: `payload ${(memory.payloadBytes / 1e6).toFixed(0)} MB; RSS of the idle broker ${(memory.rssBefore / 1e6).toFixed(0)} MB`,
    });
    budgets.push(
      checkBudget({
        statement: 'broker RSS / payload of the queued messages',
        actual: memory.rssAfter / memory.payloadBytes,
        op: '<',
        limit: 3,
        unit: 'x',
      }),
    );
  } finally {
    await stopChild(fresh.child);
  }
  const emulator = await startProcess(
    opts.root,
    'tools/servicebus/main.ts',
    ['--port', '0', '--config', configFile],
    /listening on 127\.0\.0\.1:(\d+)/,
  );
  const floor = await startProcess(opts.root, 'bench/servicebusFloorServer.ts', [], /listening (\d+)/);
  try {
    // One unmeasured run each, so JIT warm-up does not count against whichever goes first.
    await measureThroughput(connectionStringFor(emulator.port), 'bench', count, 4);
    await measureThroughput(connectionStringFor(floor.port), 'bench', count, 4);
    for (const receivers of [1, 16]) {
      const emu: ThroughputRun[] = [];
      const flo: ThroughputRun[] = [];
      for (let round = 0; round < rounds; round++) {
        emu.push(await measureThroughput(connectionStringFor(emulator.port), 'bench', count, receivers));
        flo.push(await measureThroughput(connectionStringFor(floor.port), 'bench', count, receivers));
        log(
          `${receivers} receiver(s), round ${round + 1}: send ${emu.at(-1)!.sendPerSec.toFixed(0)} vs ${flo.at(-1)!.sendPerSec.toFixed(0)}/s, receive ${emu.at(-1)!.receivePerSec.toFixed(0)} vs ${flo.at(-1)!.receivePerSec.toFixed(0)}/s`,
        );
      }
      for (const phase of ['send', 'receive'] as const) {
        const key = phase === 'send' ? 'sendPerSec' : 'receivePerSec';
        const ratio = median(emu.map((e, i) => e[key] / flo[i]![key]));
        figures.push({
          name:
            phase === 'send'
              ? `send 1 KB in SDK batches (rounds of the ${receivers}-receiver runs)`
              : `receive + complete, ${receivers} receiver${receivers > 1 ? 's' : ''}`,
          unit: 'msg/s',
          summary: summarize(emu.map((e) => e[key])),
          floor: { name: 'bare rhea pass-through', summary: summarize(flo.map((f) => f[key])) },
          ratio,
        });
        budgets.push(
          checkBudget({
            statement: `${phase} (${receivers} receiver runs): emulator / rhea floor`,
            actual: ratio,
            op: '>=',
            limit: 0.5,
            unit: 'x',
          }),
        );
      }
    }
  } finally {
    await stopChild(emulator.child);
    await stopChild(floor.child);
  }
  return {
    figures,
    budgets,
    details,
    notes: [
      `Throughput: ${count} messages of 1 KB per run, ${rounds} interleaved rounds; receive = receiveMessages(100) + completeMessage of each, peekLock.`,
      'Floor: a bare rhea server doing only $cbs, attach echo and an in-memory array (no Service Bus logic), same SDK client code.',
      'Memory: RSS of the broker process (in-memory mode) after 100k 1 KB messages were queued, versus their payload bytes.',
    ],
  };
}

async function measureMemory(pid: number, port: number, messages: number, log: (m: string) => void) {
  const client = new ServiceBusClient(connectionStringFor(port), {
    retryOptions: { maxRetries: 0, timeoutInMs: 60_000 },
  });
  const rssBefore = rssBytes(pid);
  const sender = client.createSender('bench');
  const body = Buffer.alloc(1024, 3);
  let sent = 0;
  while (sent < messages) {
    const batch = await sender.createMessageBatch();
    while (sent < messages && batch.tryAddMessage({ body })) sent++;
    await sender.sendMessages(batch);
  }
  await new Promise((r) => setTimeout(r, 500));
  const rssAfter = rssBytes(pid);
  log(`memory: ${messages} queued, RSS ${(rssBefore / 1e6).toFixed(0)} -> ${(rssAfter / 1e6).toFixed(0)} MB`);
  await client.close();
  return { messages, payloadBytes: messages * 1024, rssBefore, rssAfter };
}

export const serviceBusBench: Bench = {
  name: 'servicebus',
  title: 'Offline Service Bus: throughput vs a bare rhea floor, and memory per queued message',
  maxMs: 240_000,
  run: (ctx) => benchServiceBus({ root: ctx.root, tmpDir: ctx.tmpDir, log: ctx.log }),
};

/** `npx tsx bench/servicebusBench.ts`: runs this bench alone and prints its figures as JSON. */
if (require.main === module) {
  const tmpDir = mkdtempSync(join(tmpdir(), 'sb-bench-'));
  benchServiceBus({ root: join(__dirname, '..'), tmpDir, log: (m) => console.error(m) })
    .then((outcome) => console.log(JSON.stringify(outcome, null, 2)))
    .catch((err: unknown) => {
      console.error(err);
      process.exitCode = 1;
    })
    .finally(() => {
      void stopAllChildren();
      rmSync(tmpDir, { recursive: true, force: true });
    });
}
