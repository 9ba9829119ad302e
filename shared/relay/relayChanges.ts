import type { ServiceBusMessage, ServiceBusSender } from '@azure/service-bus';
import { emailCommandsForEvent } from './emailCommandsForEvent';
import { eventFromOrderDocument } from './eventFromOrderDocument';
import { emailCommandMessage, orderEventMessage } from './relayMessages';
import { sendInBatches } from './sendInBatches';
import { ensureError, InvalidOrderDocumentError } from '../events/errors';
import { appMetrics } from '../telemetry/appMetrics';
import { startRelayEventSpan, type RelayEventSpan } from '../telemetry/relaySpans';

export interface RelayChangesInit {
  orders: ServiceBusSender;
  emails: ServiceBusSender;
  reminderDelayMs: number;
  now?: () => Date;
  /** Called for each change-feed document that is not a publishable order (logged, then skipped). */
  onInvalid?: (err: InvalidOrderDocumentError) => void;
  /** The delivery attempt of this batch (1 = first; the trigger's retry count + 1), recorded on its spans. */
  attempt?: number;
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
  // One span per event, and each message sent in its event's context (a no-op with tracing off).
  const spans: RelayEventSpan[] = [];
  const orderSpans: RelayEventSpan[] = [];
  const emailSpans: RelayEventSpan[] = [];
  const eventTypes: string[] = [];
  let invalid = 0;
  for (const doc of documents) {
    try {
      const event = eventFromOrderDocument(doc);
      eventTypes.push(event.type);
      const span = startRelayEventSpan(doc, init.attempt ?? 1);
      spans.push(span);
      orderMessages.push(orderEventMessage(event));
      orderSpans.push(span);
      for (const out of emailCommandsForEvent(event, { reminderDelayMs: init.reminderDelayMs, now })) {
        emailMessages.push(emailCommandMessage(out));
        emailSpans.push(span);
      }
    } catch (err) {
      const e = ensureError(err);
      if (!(e instanceof InvalidOrderDocumentError)) throw e;
      invalid += 1;
      init.onInvalid?.(e);
    }
  }
  const traced = (of: RelayEventSpan[]) => (i: number) => ({
    tracingOptions: { tracingContext: of[i]!.context },
  });
  let failure: unknown;
  try {
    const batches =
      (await sendInBatches(init.orders, orderMessages, traced(orderSpans))) +
      (await sendInBatches(init.emails, emailMessages, traced(emailSpans)));
    return { events: orderMessages.length, emailCommands: emailMessages.length, invalid, batches };
  } catch (err) {
    failure = err;
    throw err;
  } finally {
    for (const span of spans) span.end(failure);
    // A failed batch is retried whole: its events count as failed now and as sent on the attempt that succeeds.
    for (const type of eventTypes) appMetrics.eventRelayed(type, failure === undefined ? 'sent' : 'failed');
  }
}
