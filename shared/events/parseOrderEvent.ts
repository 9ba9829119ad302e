import { orderIntegrationEvent, type OrderIntegrationEvent } from './orderEvent';
import { parseMessageBody } from './parseMessageBody';

/** Decodes a message body (object, JSON text or bytes) into an event; anything unusable is poison. */
export function parseOrderEvent(body: unknown): OrderIntegrationEvent {
  return parseMessageBody(
    body,
    orderIntegrationEvent,
    'an order integration event this consumer understands',
  );
}
