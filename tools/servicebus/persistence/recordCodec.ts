import { decodeAnnotationMap, encodeAnnotationMap } from '../amqp/rheaCodec';
import { keepBytes } from '../broker/bufferArena';
import type { MessageState, StoredMessage } from '../broker/StoredMessage';
import type { LogRecord } from './Persistence';

/**
 * One log record on disk: [u32 length][u32 crc32][u8 type][u16 json length][json][bytes]. The CRC makes a torn
 * write at the tail (the process killed mid-write) detectable: replay stops at the first record that fails it.
 */
/** The JSON part of a record; which fields are present depends on the record type. */
interface RecordJson {
  e: string;
  s: number;
  ea: number;
  x: number;
  st: MessageState;
  sa: number;
  dc: number;
  mid?: string;
  sid: string;
  ttl?: number;
  du?: boolean;
  pr?: number;
  /** header.first-acquirer as sent (absent: not set). */
  fa?: boolean;
  dls?: string;
  al: number;
  n?: boolean;
}

const TYPES = ['put', 'update', 'delete', 'sessionState', 'sequence'] as const;
const num = (n: number): number => (n === Infinity ? -1 : n);
const inf = (n: number): number => (n === -1 ? Infinity : n);

export function encodeRecord(rec: LogRecord, crc32: (b: Buffer) => number): Buffer {
  let json: Record<string, unknown>;
  let bytes: Buffer[] = [];
  switch (rec.type) {
    case 'put': {
      const m = rec.message;
      const ann = m.annotations ? encodeAnnotationMap(m.annotations) : Buffer.alloc(0);
      json = {
        e: rec.entity,
        s: m.seq,
        ea: m.enqueuedAt,
        x: num(m.expiresAt),
        st: m.state,
        sa: m.scheduledAt,
        dc: m.deliveryCount,
        mid: m.messageId,
        sid: m.sessionId,
        ttl: m.ttlMs,
        du: m.durable,
        pr: m.priority,
        fa: m.firstAcquirer,
        dls: m.deadLetterSource,
        al: ann.length,
      };
      bytes = [ann, m.bare];
      break;
    }
    case 'update':
      json = {
        e: rec.entity,
        s: rec.seq,
        st: rec.state,
        dc: rec.deliveryCount,
        sa: rec.scheduledAt,
        x: num(rec.expiresAt),
      };
      break;
    case 'delete':
      json = { e: rec.entity, s: rec.seq };
      break;
    case 'sessionState':
      json = { e: rec.entity, sid: rec.sessionId, n: rec.state === undefined };
      bytes = rec.state ? [rec.state] : [];
      break;
    case 'sequence':
      json = { e: rec.entity, s: rec.seq };
      break;
  }
  const jsonBytes = Buffer.from(JSON.stringify(json));
  const head = Buffer.alloc(3);
  head.writeUInt8(TYPES.indexOf(rec.type), 0);
  head.writeUInt16BE(jsonBytes.length, 1);
  const payload = Buffer.concat([head, jsonBytes, ...bytes]);
  const frame = Buffer.alloc(8);
  frame.writeUInt32BE(payload.length, 0);
  frame.writeUInt32BE(crc32(payload), 4);
  return Buffer.concat([frame, payload]);
}

/** Decodes records from `data`; `end` is where the last intact record ends (the rest is a torn tail). */
export function decodeRecords(
  data: Buffer,
  crc32: (b: Buffer) => number,
): { records: LogRecord[]; end: number } {
  const records: LogRecord[] = [];
  let at = 0;
  while (at + 8 <= data.length) {
    const length = data.readUInt32BE(at);
    if (at + 8 + length > data.length) break;
    const payload = data.subarray(at + 8, at + 8 + length);
    if (crc32(payload) !== data.readUInt32BE(at + 4)) break;
    records.push(decodePayload(payload));
    at += 8 + length;
  }
  return { records, end: at };
}

function decodePayload(payload: Buffer): LogRecord {
  const type = TYPES[payload.readUInt8(0)];
  const jsonLength = payload.readUInt16BE(1);
  const j = JSON.parse(payload.subarray(3, 3 + jsonLength).toString()) as RecordJson;
  const rest = payload.subarray(3 + jsonLength);
  switch (type) {
    case 'put': {
      const al = j.al;
      const message: StoredMessage = {
        seq: j.s,
        bare: keepBytes(rest.subarray(al)),
        annotations: al ? decodeAnnotationMap(rest.subarray(0, al)) : undefined,
        durable: j.du ?? false,
        priority: j.pr ?? undefined,
        firstAcquirer: j.fa ?? undefined,
        ttlMs: j.ttl ?? undefined,
        messageId: j.mid ?? undefined,
        sessionId: j.sid ?? undefined,
        enqueuedAt: j.ea,
        expiresAt: inf(j.x),
        state: j.st,
        scheduledAt: j.sa,
        deliveryCount: j.dc,
        lockToken: undefined,
        lockedUntil: 0,
        deadLetterSource: j.dls ?? undefined,
      };
      return { type, entity: j.e, message };
    }
    case 'update':
      return {
        type,
        entity: j.e,
        seq: j.s,
        state: j.st,
        deliveryCount: j.dc,
        scheduledAt: j.sa,
        expiresAt: inf(j.x),
      };
    case 'delete':
      return { type, entity: j.e, seq: j.s };
    case 'sessionState':
      return { type, entity: j.e, sessionId: j.sid, state: j.n ? undefined : Buffer.from(rest) };
    case 'sequence':
      return { type, entity: j.e, seq: j.s };
    default:
      throw new Error(`Unknown log record type ${payload.readUInt8(0)}`);
  }
}
