import { crc32 } from 'node:zlib';
import type { StoredMessage } from '../../../../tools/servicebus/broker/StoredMessage';
import type { LogRecord } from '../../../../tools/servicebus/persistence/Persistence';
import { decodeRecords, encodeRecord } from '../../../../tools/servicebus/persistence/recordCodec';
import { replay } from '../../../../tools/servicebus/persistence/replay';

const message = (seq: number): StoredMessage => ({
  seq,
  bare: Buffer.from(`bare-${seq}`),
  annotations: { 'x-opt-partition-key': 'pk' },
  durable: true,
  priority: undefined,
  ttlMs: 5000,
  messageId: `m${seq}`,
  sessionId: undefined,
  enqueuedAt: 1000 + seq,
  expiresAt: Infinity,
  state: 0,
  scheduledAt: 0,
  deliveryCount: 0,
  lockToken: undefined,
  lockedUntil: 0,
  deadLetterSource: undefined,
});

describe('log records', () => {
  it('round-trip every record type', () => {
    const records: LogRecord[] = [
      { type: 'put', entity: 'q', message: message(1) },
      { type: 'put', entity: 'q', message: { ...message(2), firstAcquirer: false } },
      { type: 'update', entity: 'q', seq: 1, state: 1, deliveryCount: 2, scheduledAt: 0, expiresAt: 99 },
      { type: 'delete', entity: 'q', seq: 1 },
      { type: 'sessionState', entity: 'q', sessionId: 's', state: Buffer.from('state') },
      { type: 'sessionState', entity: 'q', sessionId: 's', state: undefined },
      { type: 'sequence', entity: 'q', seq: 42 },
    ];
    const bytes = Buffer.concat(records.map((r) => encodeRecord(r, crc32)));
    const { records: back, end } = decodeRecords(bytes, crc32);
    expect(end).toBe(bytes.length);
    expect(back).toEqual(records);
  });

  it('stop at a torn tail (a record cut by a crash) and keep everything before it', () => {
    const a = encodeRecord({ type: 'put', entity: 'q', message: message(1) }, crc32);
    const b = encodeRecord({ type: 'put', entity: 'q', message: message(2) }, crc32);
    const torn = Buffer.concat([a, b.subarray(0, b.length - 3)]);
    expect(decodeRecords(torn, crc32)).toMatchObject({ end: a.length, records: [{ type: 'put' }] });
    const corrupt = Buffer.concat([a, b]);
    corrupt.writeUInt8(corrupt.readUInt8(corrupt.length - 1) ^ 0xff, corrupt.length - 1);
    expect(decodeRecords(corrupt, crc32).records).toHaveLength(1);
  });

  it('replay to the live state: deleted messages gone, updates applied, the sequence high-water mark kept', () => {
    const state = replay([
      { type: 'put', entity: 'q', message: message(1) },
      { type: 'put', entity: 'q', message: message(2) },
      {
        type: 'update',
        entity: 'q',
        seq: 2,
        state: 1,
        deliveryCount: 3,
        scheduledAt: 0,
        expiresAt: Infinity,
      },
      { type: 'delete', entity: 'q', seq: 1 },
      { type: 'put', entity: 'q', message: message(3) },
      { type: 'delete', entity: 'q', seq: 3 },
    ]).get('q')!;
    expect([...state.messages.keys()]).toEqual([2]);
    expect(state.messages.get(2)).toMatchObject({ state: 1, deliveryCount: 3 });
    expect(state.lastSequence).toBe(3);
  });
});
