import { emailCommand, type EmailCommand } from '../email/commands';
import type { OrderIntegrationEvent } from '../events/orderEvent';

/** The queues' duplicate-detection window: a creation command re-sent within it is dropped by the broker. */
export const CREATION_COMMAND_WINDOW_MS = 10 * 60_000;

export interface EmailCommandsInit {
  /** REMINDER_DELAY in milliseconds. */
  reminderDelayMs: number;
  now: Date;
}

/** An email command and, for reminders, when Service Bus should make it visible. */
export interface OutgoingEmailCommand {
  command: EmailCommand;
  scheduledAt?: Date;
}

/**
 * The email commands an order event causes. Ids are `<orderId>:<version>:<type>`, so a retried relay batch
 * produces the same ids (dropped by duplicate detection, and by the email service's sent record).
 * A customer address that is not a valid email, or was not verified, gives no commands rather than
 * blocking the relay.
 *
 * The change feed (latest-version mode) may fold an order's creation and its first changes into one
 * version, so the relay never sees OrderCreated for that order. The creation commands (confirmation and
 * reminder, ids with version 1) are therefore also sent for any event of an order created within the
 * duplicate-detection window: if they were sent before, the broker drops them, and the email service's
 * sent record drops whatever gets through.
 */
export function emailCommandsForEvent(
  event: OrderIntegrationEvent,
  init: EmailCommandsInit,
): OutgoingEmailCommand[] {
  const { order } = event;
  // Order mail goes only to an address its owner verified (at registration): otherwise anyone could make us
  // mail a stranger by registering their address.
  if (order.customerEmailVerified !== true) return [];
  const base = {
    to: order.customerEmail,
    createdAt: init.now.toISOString(),
    ...(event.correlationId ? { correlationId: event.correlationId } : {}),
    orderId: order.id,
  };
  const id = (type: string): string => `${order.id}:${order.version}:${type}`;
  const out: OutgoingEmailCommand[] = [];
  const recent = init.now.getTime() - Date.parse(order.createdAt) < CREATION_COMMAND_WINDOW_MS;
  if (event.type === 'OrderCreated' || (recent && order.status !== 'cancelled')) {
    const created = (type: string): string => `${order.id}:1:${type}`;
    out.push({
      command: {
        ...base,
        id: created('orderConfirmation'),
        type: 'orderConfirmation',
        version: order.version,
        total: order.pricing.total,
        currency: order.currency,
      },
    });
    out.push({
      command: {
        ...base,
        id: created('pendingOrderReminder'),
        type: 'pendingOrderReminder',
        orderCreatedAt: order.createdAt,
      },
      scheduledAt: new Date(Date.parse(order.createdAt) + init.reminderDelayMs),
    });
  }
  if (event.type === 'OrderStatusChanged' || event.type === 'OrderCancelled') {
    out.push({
      command: {
        ...base,
        id: id('orderStatusChanged'),
        type: 'orderStatusChanged',
        version: order.version,
        status: order.status,
      },
    });
  }
  return out.filter((o) => emailCommand.safeParse(o.command).success);
}
