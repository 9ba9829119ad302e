import { encodeBare } from '../../../../tools/servicebus/amqp/incomingMessage';
import type { Consumer } from '../../../../tools/servicebus/broker/Consumer';
import { MessageQueue } from '../../../../tools/servicebus/broker/MessageQueue';
import {
  abandon,
  complete,
  deadLetterLocked,
  defer,
  receiveDeferred,
} from '../../../../tools/servicebus/broker/settlement';
import { MessageState, type StoredMessage } from '../../../../tools/servicebus/broker/StoredMessage';
import {
  defaultEntityProperties,
  type EntityProperties,
} from '../../../../tools/servicebus/config/NamespaceConfig';
import { MemoryPersistence } from '../../../../tools/servicebus/persistence/MemoryPersistence';

function setup(props: Partial<EntityProperties> = {}) {
  let now = 1_000_000;
  const ctx = { now: () => now, journal: new MemoryPersistence(), forward: () => undefined };
  const p = { ...defaultEntityProperties, lockDurationMs: 1000, maxDeliveryCount: 2, ...props };
  const dlq = new MessageQueue('q/$DeadLetterQueue', p, ctx, undefined);
  const q = new MessageQueue('q', p, ctx, dlq);
  return { q, dlq, advance: (ms: number) => (now += ms), now: () => now };
}

function consumer(credit = 100, receiveAndDelete = false): Consumer & { got: StoredMessage[] } {
  const got: StoredMessage[] = [];
  return {
    got,
    receiveAndDelete,
    sessionId: undefined,
    credit: () => credit - got.length,
    deliver: (m) => got.push({ ...m }),
    sessionLost: () => undefined,
  };
}

const message = (body: string): StoredMessage => ({
  seq: 0,
  bare: encodeBare({ message_id: body, body }),
  annotations: undefined,
  durable: false,
  priority: undefined,
  ttlMs: undefined,
  messageId: body,
  sessionId: undefined,
  enqueuedAt: 0,
  expiresAt: Infinity,
  state: MessageState.Active,
  scheduledAt: 0,
  deliveryCount: 0,
  lockToken: undefined,
  lockedUntil: 0,
  deadLetterSource: undefined,
});

describe('MessageQueue', () => {
  it('gives each message to one consumer only, spreading them round-robin within credit', () => {
    const { q } = setup();
    for (let i = 0; i < 10; i++) q.accept(message(`m${i}`));
    const a = consumer(3);
    const b = consumer(100);
    q.addConsumer(a);
    q.addConsumer(b);
    q.pump();
    expect(a.got).toHaveLength(3);
    expect(b.got).toHaveLength(7);
    const seqs = [...a.got, ...b.got].map((m) => m.seq);
    expect(new Set(seqs).size).toBe(10);
    expect(q.locks.size).toBe(10);
  });

  it('releases an expired lock with the attempt counted, then dead-letters at maxDeliveryCount', () => {
    const { q, dlq, advance, now } = setup();
    q.accept(message('m'));
    const c = consumer();
    q.addConsumer(c);
    q.pump();
    advance(1001);
    q.tick(now());
    q.pump();
    expect(c.got.map((m) => m.deliveryCount)).toEqual([0, 1]);
    advance(1001);
    q.tick(now());
    expect(q.messages.size).toBe(0);
    expect(dlq.messages.size).toBe(1);
  });

  it('settles by lock token: abandon redelivers, defer hides until received by sequence number, complete removes', () => {
    const { q } = setup({ maxDeliveryCount: 10 });
    q.accept(message('m'));
    const c = consumer();
    q.addConsumer(c);
    q.pump();
    abandon(q, c.got[0]!.lockToken!);
    q.pump();
    expect(c.got).toHaveLength(2);
    defer(q, c.got[1]!.lockToken!);
    q.pump();
    expect(c.got).toHaveLength(2);
    const [deferred] = receiveDeferred(q, [c.got[1]!.seq], false);
    complete(q, deferred!.lockToken!);
    expect(q.messages.size).toBe(0);
    expect(() => complete(q, deferred!.lockToken!)).toThrow(/lock supplied is invalid/);
  });

  it('activates scheduled messages when due and expires by TTL', () => {
    const { q, advance, now } = setup({ defaultMessageTimeToLiveMs: 500 });
    q.accept({ ...message('later'), scheduledAt: now() + 200 });
    q.accept(message('expires'));
    expect(q.counts()).toMatchObject({ active: 1, scheduled: 1 });
    advance(300);
    q.tick(now());
    expect(q.counts()).toMatchObject({ active: 2, scheduled: 0 });
    advance(300);
    q.tick(now());
    expect([...q.messages.values()].map((m) => m.messageId)).toEqual(['later']);
  });

  it('refuses what would pass maxSizeInMegabytes', () => {
    const { q } = setup({ maxSizeBytes: 1000 });
    q.accept({ ...message('x'), bare: Buffer.alloc(800) });
    expect(() => q.assertRoom(200)).toThrow(/maximum entity size/);
  });
});

describe('Broker configuration checks', () => {
  it('refuses a forwardTo target that is not defined', async () => {
    const { Broker } = await import('../../../../tools/servicebus/broker/Broker');
    const props = { ...defaultEntityProperties, forwardTo: 'missing' };
    expect(
      () => new Broker({ queues: [{ name: 'a', properties: props }], topics: [] }, new MemoryPersistence()),
    ).toThrow(/forwards to 'missing'/);
  });

  it('does not dead-letter from a dead-letter queue', () => {
    const { dlq } = setup();
    dlq.add({ ...message('dead'), seq: 1 });
    const c = consumer();
    dlq.addConsumer(c);
    dlq.pump();
    expect(() => deadLetterLocked(dlq, c.got[0]!.lockToken!, 'again', undefined)).toThrow(
      /dead-letter queue/,
    );
    expect(dlq.messages.size).toBe(1);
  });
});
