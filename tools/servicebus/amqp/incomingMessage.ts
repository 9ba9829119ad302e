import { randomUUID } from 'node:crypto';
import type { Message } from 'rhea';
import { keepBytes } from '../broker/bufferArena';
import { sectionOffsets } from './sectionOffsets';
import {
  bareMessageOffset,
  decodeMessage,
  encodeMessage,
  encodePropertiesSection,
  SECTION_DELIVERY_ANNOTATIONS,
  SECTION_HEADER,
  SECTION_MESSAGE_ANNOTATIONS,
  SECTION_PROPERTIES,
} from './rheaCodec';

/** A message as it arrives from a sender, before the broker assigns a sequence number. */
export interface IncomingMessage {
  bare: Buffer;
  annotations: Record<string, unknown> | undefined;
  durable: boolean;
  priority: number | undefined;
  /** header.first-acquirer as the sender set it (undefined: not set). */
  firstAcquirer: boolean | undefined;
  ttlMs: number | undefined;
  messageId: string | undefined;
  sessionId: string | undefined;
  scheduledAt: number | undefined;
  /** Fully decoded message when rhea already decoded it (single sends); topics decode the bare bytes otherwise. */
  decoded: Message | undefined;
  /** Encoded size as sent, for the 256 KB limit. */
  size: number;
}

/** Annotations the broker owns: a sender's values are dropped rather than echoed back. */
const brokerAnnotations = new Set([
  'x-opt-sequence-number',
  'x-opt-enqueued-time',
  'x-opt-locked-until',
  'x-opt-message-state',
  'x-opt-deadletter-source',
  'x-opt-enqueue-sequence-number',
]);

function toMillis(v: unknown): number | undefined {
  if (v instanceof Date) return v.getTime();
  if (typeof v === 'number') return v;
  return undefined;
}

function idToString(v: unknown): string | undefined {
  if (v === undefined || v === null) return undefined;
  if (typeof v === 'string') return v;
  if (Buffer.isBuffer(v)) return v.toString('hex');
  return typeof v === 'number' || typeof v === 'bigint' ? String(v) : JSON.stringify(v);
}

/**
 * Reads a message as sent. `raw` is the encoded message: a batch's data section, or the bytes rhea decoded a single
 * message from (rawTransfer.ts); only without it is the decoded message re-encoded, which would lose the AMQP types
 * of application properties. A missing messageId is stamped, as Azure does.
 */
export function parseIncoming(decodedIn: Message | undefined, rawIn: Buffer | undefined): IncomingMessage {
  const raw = rawIn ?? encodeMessage(decodedIn!);
  const sections = sectionOffsets(raw);
  // Batches: decode only header, annotations and properties; application properties and body stay bytes.
  const decoded = decodedIn ?? decodeMessage(raw.subarray(0, metadataEnd(sections)));
  const first = sections.find(
    (s) =>
      s.code !== SECTION_HEADER &&
      s.code !== SECTION_DELIVERY_ANNOTATIONS &&
      s.code !== SECTION_MESSAGE_ANNOTATIONS,
  );
  const offset = first?.start ?? raw.length;
  let bare: Buffer;
  if (decoded.message_id === undefined || decoded.message_id === null) {
    // Stamp a messageId: a new properties section, followed by the rest of the bare message as sent.
    decoded.message_id = randomUUID().replace(/-/g, '');
    const props = sections.find((s) => s.code === SECTION_PROPERTIES);
    bare = keepBytes(
      encodePropertiesSection(decoded as unknown as Record<string, unknown>),
      raw.subarray(props ? props.end : offset),
    );
  } else if (rawIn) {
    // A batch's bytes are the messages themselves: the bare message stays a view into them (retaining about
    // the payload, one allocation per batch).
    bare = raw.subarray(offset);
  } else {
    // Bytes rhea encoded here live in its scratch buffers: copy them out.
    bare = keepBytes(raw.subarray(offset));
  }
  const rawAnnotations = decoded.message_annotations;
  let annotations: Record<string, unknown> | undefined;
  if (rawAnnotations) {
    for (const [k, v] of Object.entries(rawAnnotations)) {
      if (brokerAnnotations.has(k)) continue;
      (annotations ??= {})[k] = v;
    }
  }
  return {
    bare,
    annotations,
    durable: decoded.durable === true,
    priority: typeof decoded.priority === 'number' ? decoded.priority : undefined,
    firstAcquirer: typeof decoded.first_acquirer === 'boolean' ? decoded.first_acquirer : undefined,
    ttlMs: typeof decoded.ttl === 'number' && decoded.ttl > 0 ? decoded.ttl : undefined,
    messageId: idToString(decoded.message_id),
    sessionId: typeof decoded.group_id === 'string' ? decoded.group_id : undefined,
    scheduledAt: toMillis(rawAnnotations?.['x-opt-scheduled-enqueue-time']),
    decoded: decodedIn,
    size: raw.length,
  };
}

const METADATA_SECTIONS = new Set([
  SECTION_HEADER,
  SECTION_DELIVERY_ANNOTATIONS,
  SECTION_MESSAGE_ANNOTATIONS,
  SECTION_PROPERTIES,
]);

function metadataEnd(sections: Array<{ code: number | undefined; end: number }>): number {
  let end = 0;
  for (const s of sections) if (s.code !== undefined && METADATA_SECTIONS.has(s.code)) end = s.end;
  return end;
}

/** Re-encodes the bare message of a decoded message (after a rule action or a dead-letter changed properties). */
export function encodeBare(decoded: Message | Record<string, unknown>): Buffer {
  const raw = encodeMessage({ ...decoded, message_annotations: undefined, delivery_annotations: undefined });
  return keepBytes(raw.subarray(bareMessageOffset(raw)));
}

/** Decodes a stored bare message (for property changes and the visibility endpoint). */
export function decodeBare(bare: Buffer): Message {
  return decodeMessage(bare);
}
