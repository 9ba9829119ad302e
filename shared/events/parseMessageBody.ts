import type { z } from 'zod';
import { PoisonMessageError } from './errors';

/**
 * Decodes a Service Bus message body (an object, JSON text or bytes) and validates it against `schema`.
 * Anything unusable is poison: the consumer throws, Service Bus retries and finally dead-letters it.
 * `what` names the expected content in the error, e.g. 'an order integration event'.
 */
export function parseMessageBody<S extends z.ZodType>(body: unknown, schema: S, what: string): z.output<S> {
  let value = body;
  if (value instanceof Uint8Array) value = Buffer.from(value).toString('utf8');
  if (typeof value === 'string') {
    try {
      value = JSON.parse(value) as unknown;
    } catch {
      throw new PoisonMessageError(`body is not JSON (expected ${what})`);
    }
  }
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    throw new PoisonMessageError(
      `not ${what}`,
      parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`),
    );
  }
  return parsed.data;
}
