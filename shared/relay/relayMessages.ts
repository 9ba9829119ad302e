import type { ServiceBusMessage } from '@azure/service-bus';
import type { OutgoingEmailCommand } from './emailCommandsForEvent';
import type { OrderIntegrationEvent } from '../events/orderEvent';

/** The `orders` queue message of an event: messageId = event id, subject = event type. */
export function orderEventMessage(event: OrderIntegrationEvent): ServiceBusMessage {
  return {
    body: event,
    messageId: event.id,
    subject: event.type,
    contentType: 'application/json',
    ...(event.correlationId ? { correlationId: event.correlationId } : {}),
    applicationProperties: {
      eventType: event.type,
      schemaVersion: event.schemaVersion,
      orderId: event.orderId,
    },
  };
}

/** The `emails` queue message of a command: messageId = command id, scheduled when a time is given. */
export function emailCommandMessage(out: OutgoingEmailCommand): ServiceBusMessage {
  const { command } = out;
  return {
    body: command,
    messageId: command.id,
    subject: command.type,
    contentType: 'application/json',
    ...(command.correlationId ? { correlationId: command.correlationId } : {}),
    ...(out.scheduledAt ? { scheduledEnqueueTimeUtc: out.scheduledAt } : {}),
  };
}
