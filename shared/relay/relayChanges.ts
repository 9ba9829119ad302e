import type { ServiceBusMessage, ServiceBusSender } from '@azure/service-bus';
import { emailCommandsForEvent } from './emailCommandsForEvent';
import { eventFromOrderDocument } from './eventFromOrderDocument';
import { emailCommandMessage, orderEventMessage } from './relayMessages';
import { sendInBatches } from './sendInBatches';
import { ensureError, InvalidOrderDocumentError } from '../events/errors';

export interface RelayChangesInit {
  orders: ServiceBusSender;
  emails: ServiceBusSender;
  reminderDelayMs: number;
  now?: () => Date;
  /** Called for each change-feed document that is not a publishable order (logged, then skipped). */
  onInvalid?: (err: InvalidOrderDocumentError) => void;
}

export interface RelayResult {
  events: number;
  emailCommands: number;
  invalid: number;
  batches: number;
}

/**
 * Publishes one integration event per changed order, then the email commands the events cause.
 * Events go first: the pipeline's facts matter more than a customer email. Both sends are awaited, and any
 * failure rejects, so the Cosmos DB trigger's retry policy re-runs the same batch (ids are deterministic,
 * so messages already sent are dropped by duplicate detection). A document that can never be an event is
 * reported and skipped: retrying it forever would stall every later change.
 */
export async function relayChanges(
  documents: readonly unknown[],
  init: RelayChangesInit,
): Promise<RelayResult> {
  const now = (init.now ?? (() => new Date()))();
  const orderMessages: ServiceBusMessage[] = [];
  const emailMessages: ServiceBusMessage[] = [];
  let invalid = 0;
  for (const doc of documents) {
    try {
      const event = eventFromOrderDocument(doc);
      orderMessages.push(orderEventMessage(event));
      for (const out of emailCommandsForEvent(event, { reminderDelayMs: init.reminderDelayMs, now })) {
        emailMessages.push(emailCommandMessage(out));
      }
    } catch (err) {
      const e = ensureError(err);
      if (!(e instanceof InvalidOrderDocumentError)) throw e;
      invalid += 1;
      init.onInvalid?.(e);
    }
  }
  const batches =
    (await sendInBatches(init.orders, orderMessages)) + (await sendInBatches(init.emails, emailMessages));
  return { events: orderMessages.length, emailCommands: emailMessages.length, invalid, batches };
}
