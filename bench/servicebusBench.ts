import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkBudget, type BudgetCheck } from './budget';
import { stopAllChildren, stopChild } from './children';
import { measureMemory } from './servicebusMemory';
import { bundle, connectionStringFor, startProcess } from './servicebusProcesses';
import { measureThroughput, type ThroughputRun } from './servicebusThroughput';
import { median, summarize } from './stats';
import type { Bench, BenchOutcome, Figure } from './types';

export interface ServiceBusBenchOptions {
  root: string;
  tmpDir: string;
  /** Messages per throughput run. Default 5000. */
  messages?: number;
  /** Interleaved emulator/floor rounds per receiver count. Default 5. */
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
const BROKER_READY = /listening on 127\.0\.0\.1:(\d+)/;

/**
 * Offline Service Bus throughput and memory. Throughput: 1 KB messages sent by the SDK in full batches, then
 * received and completed with 1 and with 16 concurrent receivers; the floor is a bare rhea pass-through
 * (bench/servicebusFloorServer.ts) driven by the same SDK code in the same run, rounds interleaved.
 * Memory: RSS of a fresh broker process holding 100k queued 1 KB messages, with and without sender messageIds.
 */
export async function benchServiceBus(opts: ServiceBusBenchOptions): Promise<BenchOutcome> {
  const log = opts.log ?? (() => undefined);
  const count = opts.messages ?? 5000;
  const rounds = opts.rounds ?? 5;
  const configFile = join(opts.tmpDir, 'servicebus-bench-config.json');
  writeFileSync(configFile, JSON.stringify(benchConfig));
  const brokerArgs = ['--port', '0', '--config', configFile];
  const broker = await bundle(
    opts.root,
    'tools/servicebus/main.ts',
    join(opts.tmpDir, 'servicebus-broker.cjs'),
  );
  const floorScript = await bundle(
    opts.root,
    'bench/servicebusFloorServer.ts',
    join(opts.tmpDir, 'servicebus-floor.cjs'),
  );
  const figures: Figure[] = [];
  const budgets: BudgetCheck[] = [];
  const details: Record<string, unknown> = {};

  // Memory first, each case in a broker process of its own, so no earlier run's garbage counts.
  for (const withMessageIds of [true, false]) {
    const fresh = await startProcess(opts.root, broker, brokerArgs, BROKER_READY);
    try {
      const m = await measureMemory(
        fresh.child.pid!,
        fresh.port,
        opts.memoryMessages ?? 100_000,
        withMessageIds,
      );
      const label = withMessageIds ? 'sender sets messageIds' : 'broker stamps messageIds';
      log(`memory (${label}): RSS ${(m.rssBefore / 1e6).toFixed(0)} -> ${(m.rssAfter / 1e6).toFixed(0)} MB`);
      details[`memory ${label}`] = m;
      figures.push({
        name: `broker RSS, ${m.messages} queued 1 KB messages (${label})`,
        unit: 'MB',
        summary: summarize([m.rssAfter / 1e6]),
        note: `payload ${(m.payloadBytes / 1e6).toFixed(0)} MB; idle broker ${(m.rssBefore / 1e6).toFixed(0)} MB`,
      });
      budgets.push(
        checkBudget({
          statement: `broker RSS / queued payload (${label})`,
          actual: m.rssAfter / m.payloadBytes,
          op: '<',
          limit: 3,
          unit: 'x',
        }),
      );
    } finally {
      await stopChild(fresh.child);
    }
  }

  const emulator = await startProcess(opts.root, broker, brokerArgs, BROKER_READY);
  const floor = await startProcess(opts.root, floorScript, [], /listening (\d+)/);
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
        const e = emu.at(-1)!;
        const f = flo.at(-1)!;
        log(
          `${receivers} receiver(s), round ${round + 1}: send ${e.sendPerSec.toFixed(0)} vs ${f.sendPerSec.toFixed(0)}/s, receive ${e.receivePerSec.toFixed(0)} vs ${f.receivePerSec.toFixed(0)}/s`,
        );
      }
      for (const phase of ['send', 'receive'] as const) {
        const key = phase === 'send' ? 'sendPerSec' : 'receivePerSec';
        const ratio = median(emu.map((e, i) => e[key] / flo[i]![key]));
        figures.push({
          name:
            phase === 'send'
              ? `send 1 KB in SDK batches (${receivers}-receiver rounds)`
              : `receive + complete, ${receivers} receiver${receivers > 1 ? 's' : ''}`,
          unit: 'msg/s',
          summary: summarize(emu.map((e) => e[key])),
          floor: { name: 'bare rhea pass-through', summary: summarize(flo.map((f) => f[key])) },
          ratio,
        });
        budgets.push(
          checkBudget({
            statement: `${phase} (${receivers}-receiver rounds): emulator / rhea floor`,
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
      `Throughput: ${count} messages of 1 KB per run, ${rounds} interleaved rounds (ratio = median of per-round ratios); receive = receiveMessages(100) then completeMessage of each, peekLock.`,
      'Floor: a bare rhea server doing only $cbs, attach echo and an in-memory array (no Service Bus logic), driven by the same SDK code.',
      'Broker and floor run bundled on plain node (no TypeScript loader) in their own processes; RSS is read from /proc.',
    ],
  };
}

export const serviceBusBench: Bench = {
  name: 'servicebus',
  title: 'Offline Service Bus: throughput vs a bare rhea floor, and memory per queued message',
  maxMs: 300_000,
  run: (ctx) => benchServiceBus({ root: ctx.root, tmpDir: ctx.tmpDir, log: ctx.log }),
};

/** `npx tsx bench/servicebusBench.ts`: runs this bench alone and prints its outcome as JSON. */
if (typeof require !== 'undefined' && require.main === module) {
  const tmpDir = mkdtempSync(join(tmpdir(), 'sb-bench-'));
  benchServiceBus({ root: join(__dirname, '..'), tmpDir, log: (m) => console.error(m) })
    .then((outcome) => console.log(JSON.stringify(outcome, null, 2)))
    .catch((err: unknown) => {
      console.error(err);
      process.exitCode = 1;
    })
    .finally(() => {
      void stopAllChildren().then(() => rmSync(tmpDir, { recursive: true, force: true }));
    });
}
