import { randomBytes } from 'node:crypto';

/**
 * Lock tokens travel as the delivery tag in .NET GUID byte order (the first three groups little-endian), because
 * the SDK reads the tag with that layout (it mirrors System.Guid.ToByteArray). Management responses use plain
 * RFC 4122 order. Internally a token is its canonical lower-case string.
 */
export function newLockToken(): string {
  return bytesToUuid(randomBytes(16));
}

export function bytesToUuid(b: Buffer): string {
  const h = b.toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

export function uuidToBytes(uuid: string): Buffer {
  return Buffer.from(uuid.replace(/-/g, ''), 'hex');
}

/** Swaps between RFC 4122 and .NET byte order (the operation is its own inverse). */
export function swapGuidByteOrder(b: Buffer): Buffer {
  const out = Buffer.from(b);
  out[0] = b[3]!;
  out[1] = b[2]!;
  out[2] = b[1]!;
  out[3] = b[0]!;
  out[4] = b[5]!;
  out[5] = b[4]!;
  out[6] = b[7]!;
  out[7] = b[6]!;
  return out;
}

export const lockTokenToDeliveryTag = (token: string): Buffer => swapGuidByteOrder(uuidToBytes(token));
export const deliveryTagToLockToken = (tag: Buffer): string => bytesToUuid(swapGuidByteOrder(tag));

/** Management requests carry lock tokens as AMQP uuids, which rhea decodes to a string or 16 bytes. */
export function managementLockToken(value: unknown): string {
  if (typeof value === 'string') return value.toLowerCase();
  if (Buffer.isBuffer(value) && value.length === 16) return bytesToUuid(value);
  throw new Error('lock token is not a uuid');
}
