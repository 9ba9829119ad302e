import {
  type ServiceBusReceivedMessage,
  type ServiceBusReceiver,
  type ServiceBusSender,
} from '@azure/service-bus';
import { join } from 'node:path';
import { startHarness, type Harness } from './harness';

/**
 * Volume through one link for every receive style (issue 11, issue 18.1). rhea keeps 2,048 deliveries per session
 * (DEFAULT_BUFFER_SIZE), so every count here is about 10x that: a broker that leaves deliveries unreclaimed
 * stops at 2,048 on each of these links (see tools/servicebus/amqp/deliveryBook.ts).
 */
const N = 20_000;
/** Management requests on one link: 10x rhea's per-session 2,048. */
const REQUESTS = 20_480;

/** Fills SDK batches with `count` small messages (`extra` adds properties) and sends them on one sender link. */
async function sendMany(
  sender: ServiceBusSender,
  count: number,
  extra: (i: number) => Record<string, unknown> = () => ({}),
): Promise<void> {
  let batch = await sender.createMessageBatch();
  for (let i = 0; i < count; i++) {
    const m = { body: i, ...extra(i) };
    if (!batch.tryAddMessage(m)) {
      await sender.sendMessages(batch);
      batch = await sender.createMessageBatch();
      batch.tryAddMessage(m);
    }
  }
  if (batch.count > 0) await sender.sendMessages(batch);
}

/** receiveMessages + settle in a loop on one receiver until `count` distinct messages were seen. */
async function drain(
  receiver: ServiceBusReceiver,
  count: number,
  settle: (m: ServiceBusReceivedMessage) => Promise<void>,
): Promise<ServiceBusReceivedMessage[]> {
  const seen = new Map<string, ServiceBusReceivedMessage>();
  let empty = 0;
  // Bounded: 20 consecutive empty receives (about 20 s) mean the link stalled.
  while (seen.size < count && empty < 20) {
    const got = await receiver.receiveMessages(1000, { maxWaitTimeInMs: 1000 });
    empty = got.length === 0 ? empty + 1 : 0;
    for (const m of got) seen.set(String(m.sequenceNumber), m);
    await Promise.all(got.map(settle));
  }
  expect(seen.size).toBe(count);
  return [...seen.values()];
}

/** Runs `task(i)` for i < total with at most `width` in flight. */
async function inParallel(total: number, width: number, task: (i: number) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < total) await task(next++);
  };
  await Promise.all(Array.from({ length: width }, worker));
}

describe('Service Bus emulator: 20,000 messages through one link, every receive style', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ config: join(__dirname, 'fixtures', 'Volume.json') });
  });
  afterAll(async () => {
    await h.close();
  });

  it('subscribe() receives and completes every message on one link', async () => {
    await sendMany(h.client.createSender('vol-subscribe'), N);
    const receiver = h.client.createReceiver('vol-subscribe');
    const seen = new Set<string>();
    let watchdog: NodeJS.Timeout | undefined;
    await new Promise<void>((resolve, reject) => {
      // Bounded: a link that makes no progress for 10 s has stalled.
      let last = -1;
      watchdog = setInterval(() => {
        if (seen.size === last) reject(new Error(`stalled after ${seen.size} of ${N} messages`));
        last = seen.size;
      }, 10_000);
      receiver.subscribe(
        {
          processMessage: async (m) => {
            seen.add(String(m.sequenceNumber));
            if (seen.size === N) resolve();
            return Promise.resolve();
          },
          processError: async (args) => {
            reject(args.error);
            return Promise.resolve();
          },
        },
        { maxConcurrentCalls: 200 },
      );
    }).finally(() => clearInterval(watchdog));
    await receiver.close();
    expect(seen.size).toBe(N);
  });

  it('receiveMessages + completeMessage in a loop, on one link', async () => {
    await sendMany(h.client.createSender('vol-loop'), N);
    const receiver = h.client.createReceiver('vol-loop');
    await drain(receiver, N, (m) => receiver.completeMessage(m));
    expect(await receiver.peekMessages(1)).toHaveLength(0);
    await receiver.close();
  });

  it('receiveAndDelete, after as many single-message transfers on one sender link', async () => {
    const sender = h.client.createSender('vol-delete');
    // One transfer per message: the broker's incoming side of the session sees N deliveries too.
    await inParallel(N, 500, (i) => sender.sendMessages({ body: i }));
    const receiver = h.client.createReceiver('vol-delete', { receiveMode: 'receiveAndDelete' });
    await drain(receiver, N, () => Promise.resolve());
    await receiver.close();
  });

  it('two topic subscriptions each receive every message on their own link', async () => {
    await sendMany(h.client.createSender('vol-topic'), N);
    await Promise.all(
      ['one', 'two'].map(async (name) => {
        const receiver = h.client.createReceiver('vol-topic', name);
        await drain(receiver, N, (m) => receiver.completeMessage(m));
        await receiver.close();
      }),
    );
  });

  it('one session receiver receives a whole session', async () => {
    await sendMany(h.client.createSender('vol-sessions'), N, () => ({ sessionId: 'big' }));
    const receiver = await h.client.acceptSession('vol-sessions', 'big');
    const got = await drain(receiver, N, (m) => receiver.completeMessage(m));
    const bodies = got.map((m) => m.body as number);
    expect(bodies).toEqual([...bodies].sort((a, b) => a - b));
    await receiver.close();
  });

  it('answers 20,480 peeks on one management link', async () => {
    await sendMany(h.client.createSender('vol-peek'), REQUESTS);
    const receiver = h.client.createReceiver('vol-peek');
    const [first] = await receiver.peekMessages(1);
    const base = first!.sequenceNumber!;
    const peeked = new Set<number>();
    await inParallel(REQUESTS, 64, async (i) => {
      const [m] = await receiver.peekMessages(1, { fromSequenceNumber: base.add(i) });
      peeked.add(m!.body as number);
    });
    expect(peeked.size).toBe(REQUESTS);
    await receiver.close();
  });

  it('defers every message on one link, then receives them all back in bulk', async () => {
    await sendMany(h.client.createSender('vol-defer'), N);
    const receiver = h.client.createReceiver('vol-defer');
    const deferred = await drain(receiver, N, (m) => receiver.deferMessage(m));
    expect(deferred.every((m) => m.deliveryCount === 0)).toBe(true);
    const seqs = deferred.map((m) => m.sequenceNumber!);
    // receiveAndDelete: the bulk receive removes them, no per-message settlement (the peek test covers volume on
    // the management link).
    const taker = h.client.createReceiver('vol-defer', { receiveMode: 'receiveAndDelete' });
    const back: ServiceBusReceivedMessage[] = [];
    for (let i = 0; i < seqs.length; i += 2000) {
      back.push(...(await taker.receiveDeferredMessages(seqs.slice(i, i + 2000))));
    }
    expect(new Set(back.map((m) => m.body as number)).size).toBe(N);
    expect(await receiver.peekMessages(1)).toHaveLength(0);
    await Promise.all([receiver.close(), taker.close()]);
  });

  it('renews one lock 4,096 times on one management link, and the lock still completes', async () => {
    await h.client.createSender('vol-renew').sendMessages({ body: 'renew me' });
    const receiver = h.client.createReceiver('vol-renew');
    const [m] = await receiver.receiveMessages(1, { maxWaitTimeInMs: 5000 });
    await inParallel(4096, 32, async () => {
      await receiver.renewMessageLock(m!);
    });
    await receiver.completeMessage(m!);
    expect(await receiver.peekMessages(1)).toHaveLength(0);
    await receiver.close();
  });
});
