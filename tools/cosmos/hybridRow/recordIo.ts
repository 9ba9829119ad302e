import { crc32 } from 'node:zlib';
import { HybridRowError } from '../errors';
import { HYBRID_ROW_HEADER_SIZE, HYBRID_ROW_V1 } from './layoutCode';
import { RECORD_LAYOUT, RECORD_SCHEMA_ID, SEGMENT_LAYOUT, SEGMENT_SCHEMA_ID } from './recordIoSchemas';
import { readRow } from './readRow';
import { writeRow } from './writeRow';

const SEGMENT_MIN = HYBRID_ROW_HEADER_SIZE + SEGMENT_LAYOUT.size;
const RECORD_HEADER = HYBRID_ROW_HEADER_SIZE + RECORD_LAYOUT.size;

/**
 * Splits a HybridRow RecordIO stream into its record bodies: a Segment header first (its `length` says how
 * long it is), then Record headers each followed by that many body bytes, whose CRC-32 (ISO 3309, zlib's)
 * must match, as the SDK's RecordIOParser checks. A later Segment header starts a new segment.
 */
export function readRecordIo(bytes: Buffer): Buffer[] {
  const records: Buffer[] = [];
  let at = 0;
  let segments = 0;
  while (at < bytes.length) {
    if (bytes.length - at < HYBRID_ROW_HEADER_SIZE) throw new HybridRowError('truncated RecordIO header');
    if (bytes[at] !== HYBRID_ROW_V1) throw new HybridRowError(`not a HybridRow at byte ${at}`);
    const schemaId = bytes.readInt32LE(at + 1);
    if (schemaId === SEGMENT_SCHEMA_ID) {
      if (bytes.length - at < SEGMENT_MIN) throw new HybridRowError('truncated RecordIO segment');
      const length = readRow(bytes.subarray(at, at + SEGMENT_MIN), SEGMENT_LAYOUT).get('length');
      if (typeof length !== 'number' || length < SEGMENT_MIN || at + length > bytes.length)
        throw new HybridRowError(`bad RecordIO segment length ${String(length)}`);
      at += length;
      segments += 1;
    } else if (schemaId === RECORD_SCHEMA_ID) {
      if (segments === 0) throw new HybridRowError('RecordIO record before any segment');
      if (bytes.length - at < RECORD_HEADER) throw new HybridRowError('truncated RecordIO record header');
      const header = readRow(bytes.subarray(at, at + RECORD_HEADER), RECORD_LAYOUT);
      const length = header.get('length') as number;
      const start = at + RECORD_HEADER;
      if (length < 0 || start + length > bytes.length)
        throw new HybridRowError(`RecordIO record of ${length} bytes runs past the end`);
      const body = bytes.subarray(start, start + length);
      if (crc32(body) !== header.get('crc32')) throw new HybridRowError('RecordIO record fails its CRC-32');
      records.push(body);
      at = start + length;
    } else throw new HybridRowError(`unexpected schema ${schemaId} in a RecordIO stream`);
  }
  if (segments === 0) throw new HybridRowError('empty RecordIO stream');
  return records;
}

/** Frames record bodies as a RecordIO stream: one Segment header (no comment, no SDL), then each record. */
export function writeRecordIo(bodies: readonly Buffer[]): Buffer {
  const parts = [writeRow(SEGMENT_LAYOUT, new Map([['length', SEGMENT_MIN]]))];
  for (const body of bodies) {
    parts.push(
      writeRow(
        RECORD_LAYOUT,
        new Map([
          ['length', body.length],
          ['crc32', crc32(body)],
        ]),
      ),
      body,
    );
  }
  return Buffer.concat(parts);
}
