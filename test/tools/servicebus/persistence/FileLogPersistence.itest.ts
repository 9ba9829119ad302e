import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { StoredMessage } from '../../../../tools/servicebus/broker/StoredMessage';
import { FileLogPersistence } from '../../../../tools/servicebus/persistence/FileLogPersistence';
import type { EntitySnapshot } from '../../../../tools/servicebus/persistence/Persistence';

const message = (seq: number): StoredMessage => ({
  seq,
  bare: Buffer.alloc(100, seq % 256),
  annotations: undefined,
  durable: false,
  priority: undefined,
  ttlMs: undefined,
  messageId: `m${seq}`,
  sessionId: undefined,
  enqueuedAt: seq,
  expiresAt: Infinity,
  state: 0,
  scheduledAt: 0,
  deliveryCount: 0,
  lockToken: undefined,
  lockedUntil: 0,
  deadLetterSource: undefined,
});

describe('FileLogPersistence', () => {
  const dir = mkdtempSync(join(tmpdir(), 'sb-log-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('replays what was flushed, compacts at start and while running, and never loses a record', async () => {
    const log = new FileLogPersistence(dir, 10_000);
    await log.load();
    const live = new Map<number, StoredMessage>();
    for (let seq = 1; seq <= 200; seq++) {
      const m = message(seq);
      live.set(seq, m);
      log.append({ type: 'put', entity: 'q', message: m });
      if (seq % 2 === 0) {
        live.delete(seq);
        log.append({ type: 'delete', entity: 'q', seq });
      }
    }
    await log.flush();
    expect(log.wantsCompaction).toBe(true);
    const before = statSync(join(dir, 'servicebus.log')).size;
    const snapshot = (): Map<string, EntitySnapshot> =>
      new Map([['q', { messages: live, lastSequence: 200, sessionStates: new Map() }]]);
    const compaction = log.compactNow(snapshot);
    // Appended while compacting: must survive too.
    live.set(201, message(201));
    log.append({ type: 'put', entity: 'q', message: message(201) });
    await compaction;
    await log.flush();
    expect(statSync(join(dir, 'servicebus.log')).size).toBeLessThan(before);
    await log.close();

    const reopened = await new FileLogPersistence(dir).load();
    const q = reopened.get('q')!;
    expect([...q.messages.keys()].sort((a, b) => a - b)).toEqual([...live.keys()].sort((a, b) => a - b));
    expect(q.lastSequence).toBe(201);
    expect(q.messages.get(201)!.bare).toEqual(message(201).bare);
  });
});
