import { brokerErrors } from '../errors';

/** AMQP long as rhea decodes it: a number when it fits 53 bits, else 8 bytes big-endian. */
export function toSequenceNumber(value: unknown): number {
  if (typeof value === 'number') return value;
  if (Buffer.isBuffer(value) && value.length === 8) return Number(value.readBigInt64BE(0));
  throw brokerErrors.badRequest('A sequence number must be an AMQP long.');
}

export function toSequenceNumbers(value: unknown): number[] {
  if (!Array.isArray(value)) throw brokerErrors.badRequest("'sequence-numbers' must be an array of longs.");
  return value.map(toSequenceNumber);
}

export function optionalString(body: Record<string, unknown>, key: string): string | undefined {
  const v = body[key];
  return typeof v === 'string' ? v : undefined;
}

export function requiredString(body: Record<string, unknown>, key: string): string {
  const v = optionalString(body, key);
  if (v === undefined) throw brokerErrors.badRequest(`'${key}' is required.`);
  return v;
}
