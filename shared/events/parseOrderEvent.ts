import { PoisonMessageError } from './errors';
import { orderIntegrationEvent, type OrderIntegrationEvent } from './orderEvent';

/** Decodes a message body (object, JSON text or bytes) into an event; anything unusable is poison. */
export function parseOrderEvent(body: unknown): OrderIntegrationEvent {
  let value = body;
  if (value instanceof Uint8Array) value = Buffer.from(value).toString('utf8');
  if (typeof value === 'string') {
    try {
      value = JSON.parse(value) as unknown;
    } catch {
      throw new PoisonMessageError('order event body is not JSON');
    }
  }
  const parsed = orderIntegrationEvent.safeParse(value);
  if (!parsed.success) {
    throw new PoisonMessageError(
      'not an order integration event this consumer understands',
      parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`),
    );
  }
  return parsed.data;
}
