import { emailCommand, type EmailCommand } from '../email/commands';
import type { OrderIntegrationEvent } from '../events/orderEvent';

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
 * A customer address that is not a valid email gives no commands rather than blocking the relay.
 */
export function emailCommandsForEvent(
  event: OrderIntegrationEvent,
  init: EmailCommandsInit,
): OutgoingEmailCommand[] {
  const { order } = event;
  const base = {
    to: order.customerEmail,
    createdAt: init.now.toISOString(),
    ...(event.correlationId ? { correlationId: event.correlationId } : {}),
    orderId: order.id,
  };
  const id = (type: string): string => `${order.id}:${order.version}:${type}`;
  const out: OutgoingEmailCommand[] = [];
  if (event.type === 'OrderCreated') {
    out.push({
      command: {
        ...base,
        id: id('orderConfirmation'),
        type: 'orderConfirmation',
        version: order.version,
        total: order.pricing.total,
        currency: order.currency,
      },
    });
    out.push({
      command: {
        ...base,
        id: id('pendingOrderReminder'),
        type: 'pendingOrderReminder',
        orderCreatedAt: order.createdAt,
      },
      scheduledAt: new Date(Date.parse(order.createdAt) + init.reminderDelayMs),
    });
  } else if (event.type === 'OrderStatusChanged' || event.type === 'OrderCancelled') {
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
