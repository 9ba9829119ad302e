import { CosmosClient } from '@azure/cosmos';
import {
  ServiceBusClient,
  type ServiceBusReceivedMessage,
  type ServiceBusReceiver,
  type ServiceBusSender,
} from '@azure/service-bus';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { cosmosDocStore } from '../../../shared/analytics/cosmosDocStore';
import type { DocStore } from '../../../shared/analytics/docStore';
import { withTransientRetry } from '../../../shared/events/retryTransient';
import { freePorts } from '../../../tools/dev/ports';
import { ChildService } from '../../../tools/soak/childService';

// The transient-retry policy against the real broker (the `orders` queue: duplicate detection, maxDeliveryCount
// 10) and a Cosmos DB emulator killed with SIGKILL and restarted on its data dir while 16 deliveries run at once.
// Invariant under test: every message is handled exactly once in effect (its document exists; no message lost)
// and none dead-letters, however long the outage; a control without the policy dead-letters in the same outage.
const ROOT = resolve(__dirname, '..', '..', '..');
const PER_ROUND = 200;
const ROUNDS = 3;

interface Doc {
  id: string;
  round: number;
}

let dataDir: string;
let cosmosProc: ChildService;
let brokerProc: ChildService;
let cosmos: CosmosClient;
let bus: ServiceBusClient;
let store: DocStore<Doc>;

const line = (out: string, prefix: string) =>
  out
    .split('\n')
    .find((l) => l.startsWith(prefix))
    ?.slice(prefix.length)
    .trim() ?? '';

async function waitFor(what: string, cond: () => boolean | Promise<boolean>, timeoutMs = 240_000) {
  const end = performance.now() + timeoutMs;
  while (!(await cond())) {
    if (performance.now() > end) throw new Error(`timed out waiting for ${what}`);
    await delay(100);
  }
}

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'orderflow-retry-'));
  const [cosmosPort, sbPort, sbHttp] = (await freePorts(3)) as [number, number, number];
  const topology = join(ROOT, 'infra', 'topology.json');
  cosmosProc = new ChildService({
    name: 'cosmos',
    root: ROOT,
    script: 'tools/cosmos/main.ts',
    args: ['--port', String(cosmosPort), '--data-dir', join(dataDir, 'cosmos'), '--topology', topology],
    ready: (out) => Promise.resolve(line(out, 'CosmosDB=') !== ''),
  });
  brokerProc = new ChildService({
    name: 'servicebus',
    root: ROOT,
    script: 'tools/servicebus/main.ts',
    args: ['--port', String(sbPort), '--http-port', String(sbHttp), '--topology', topology],
    ready: (out) => Promise.resolve(line(out, 'ServiceBusConnection=') !== ''),
  });
  await Promise.all([cosmosProc.start(120_000), brokerProc.start(120_000)]);
  cosmos = new CosmosClient(line(cosmosProc.output, 'CosmosDB='));
  store = cosmosDocStore<Doc>(cosmos.database('analytics').container('dashboards'));
  bus = new ServiceBusClient(line(brokerProc.output, 'ServiceBusConnection='));
}, 180_000);

afterAll(async () => {
  await bus?.close();
  cosmos?.dispose();
  await cosmosProc?.stop();
  await brokerProc?.stop();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

/** A consumer as the Functions trigger runs one: complete on success, abandon on a thrown error. */
function consume(
  receiver: ServiceBusReceiver,
  sender: ServiceBusSender,
  withPolicy: boolean,
  effects: Map<string, number>,
  stats: { copies: number; maxAttempt: number; done: Set<string> },
) {
  // The side effect is a create; 'exists' is a repeat finding it done (a copy, or a create whose answer was lost).
  const work = async (m: ServiceBusReceivedMessage) => {
    const doc = m.body as Doc;
    const created = await store.create(doc);
    if (created !== 'exists') effects.set(doc.id, (effects.get(doc.id) ?? 0) + 1);
    stats.done.add(doc.id);
  };
  return receiver.subscribe(
    {
      processMessage: async (m) => {
        try {
          if (!withPolicy) await work(m);
          else {
            const outcome = await withTransientRetry(
              {
                body: m.body,
                messageId: String(m.messageId),
                applicationProperties: m.applicationProperties ?? {},
              },
              () => work(m),
              {
                schedule: async (copy, at) => void (await sender.scheduleMessages(copy, at)),
                // Short waits, so an outage of a few seconds spans several re-scheduled attempts.
                inProcessDelaysMs: [100, 300],
                rescheduleBaseMs: 500,
                rescheduleMaxMs: 4000,
              },
            );
            if (outcome.kind === 'rescheduled') {
              stats.copies += 1;
              stats.maxAttempt = Math.max(stats.maxAttempt, outcome.attempt);
            }
          }
          await receiver.completeMessage(m);
        } catch {
          await receiver.abandonMessage(m).catch(() => undefined);
        }
      },
      processError: () => Promise.resolve(),
    },
    { autoCompleteMessages: false, maxConcurrentCalls: 16 },
  );
}

async function deadLetters(): Promise<number> {
  const dlq = bus.createReceiver('orders', { subQueueType: 'deadLetter' });
  try {
    return (await dlq.peekMessages(1000)).length;
  } finally {
    await dlq.close();
  }
}

async function round(n: number, withPolicy: boolean) {
  const sender = bus.createSender('orders');
  const receiver = bus.createReceiver('orders');
  const effects = new Map<string, number>();
  const stats = { copies: 0, maxAttempt: 0, done: new Set<string>() };
  const ids = Array.from({ length: PER_ROUND }, (_, i) => `r${n}-${withPolicy ? 'p' : 'c'}-${i}`);
  const sub = consume(receiver, sender, withPolicy, effects, stats);
  try {
    await sender.sendMessages(ids.slice(0, 40).map((id) => ({ body: { id, round: n }, messageId: id })));
    await waitFor('the first effects', () => stats.done.size >= 20);
    await cosmosProc.kill9();
    // Everything else arrives while Cosmos DB is down.
    await sender.sendMessages(ids.slice(40).map((id) => ({ body: { id, round: n }, messageId: id })));
    // Down long enough to matter: with the policy, until copies reached their third attempt (the outage
    // spans several re-schedules); without it, until the first message dead-lettered.
    if (withPolicy) await waitFor('a third re-scheduled attempt', () => stats.maxAttempt >= 3);
    else await waitFor('a dead letter', async () => (await deadLetters()) > 0);
    await cosmosProc.crashAndRestart();
    if (withPolicy) await waitFor('every message applied', () => stats.done.size === PER_ROUND);
    return { effects, stats, ids };
  } finally {
    await sub.close();
    await receiver.close();
    await sender.close();
  }
}

describe('withTransientRetry with the real broker and a killed Cosmos DB emulator', () => {
  it(`applies every message exactly once and dead-letters none, over ${ROUNDS} outages`, async () => {
    for (let n = 0; n < ROUNDS; n++) {
      const { effects, stats, ids } = await round(n, true);
      expect(stats.copies).toBeGreaterThan(0);
      expect(ids.filter((id) => (effects.get(id) ?? 0) > 1)).toEqual([]);
      const stored = await Promise.all(ids.map(async (id) => (await store.read(id))?.doc.id));
      expect(stored).toEqual(ids);
    }
    expect(await deadLetters()).toBe(0);
  }, 900_000);

  it('the control: without the policy the same outage dead-letters good messages', async () => {
    await round(ROUNDS, false);
    expect(await deadLetters()).toBeGreaterThan(0);
  }, 600_000);
});
