import { compileLayout } from './rowLayout';

/**
 * HybridRow's system schemas that frame a RecordIO stream (SystemSchema.json in the HybridRow library):
 * a Segment header starts the stream and says its own length; each record is a Record header (the body's
 * length and CRC-32) followed by the body. Only the columns this codec reads or writes are declared: a
 * segment's sparse fields (comment, sdl) come after `length` and are skipped by that length.
 */
export const SEGMENT_SCHEMA_ID = 2147473648;
export const RECORD_SCHEMA_ID = 2147473649;

export const SEGMENT_LAYOUT = compileLayout('Segment', SEGMENT_SCHEMA_ID, [
  { path: 'length', type: 'int32', storage: 'fixed' },
]);

export const RECORD_LAYOUT = compileLayout('Record', RECORD_SCHEMA_ID, [
  { path: 'length', type: 'int32', storage: 'fixed', nullable: false },
  { path: 'crc32', type: 'uint32', storage: 'fixed', nullable: false },
]);
