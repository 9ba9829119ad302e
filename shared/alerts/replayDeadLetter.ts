import type { ServiceBusMessage, ServiceBusSender } from '@azure/service-bus';
import type { DeadLetterAlertDoc } from './deadLetterDocs';
import { DeadLetterNotFoundError } from './errors';
import type { DocStore, Stored } from '../analytics/docStore';

export interface ReplayInit {
  store: DocStore<DeadLetterAlertDoc>;
  /** A sender on the alert's queue (`orders`). */
  sender: ServiceBusSender;
  now?: () => Date;
}

// Properties the broker adds when dead-lettering; a replay must not carry them back.
const BROKER_PROPERTIES = new Set(['DeadLetterReason', 'DeadLetterErrorDescription']);

export function replayMessage(alert: DeadLetterAlertDoc, attempt: number): ServiceBusMessage {
  const applicationProperties = Object.fromEntries(
    Object.entries(alert.applicationProperties).filter(([k]) => !BROKER_PROPERTIES.has(k)),
  ) as ServiceBusMessage['applicationProperties'];
  const body =
    alert.bodyEncoding === 'base64' && typeof alert.body === 'string'
      ? Buffer.from(alert.body, 'base64')
      : alert.body;
  return {
    body,
    // A new messageId, or duplicate detection would drop the replay as the original within its window.
    // Deterministic per attempt: a replay whose record failed is dropped as a duplicate if retried.
    messageId: `${alert.messageId || alert.id}:replay-${attempt}`,
    ...(alert.subject ? { subject: alert.subject } : {}),
    ...(alert.correlationId ? { correlationId: alert.correlationId } : {}),
    ...(alert.contentType ? { contentType: alert.contentType } : {}),
    applicationProperties: { ...applicationProperties, replayOf: alert.messageId, replayAttempt: attempt },
  };
}

/**
 * Sends the original message back to its queue, then records who replayed it and when. The send comes first
 * and is awaited: if it fails nothing is recorded and the caller sees the error (the dead letter stays
 * listed, nothing is lost). If the record fails after a successful send, the message is already back and
 * consumers are idempotent, so a second replay is harmless.
 */
export async function replayDeadLetter(
  id: string,
  by: string,
  init: ReplayInit,
): Promise<{ alert: DeadLetterAlertDoc; messageId: string }> {
  let current: Stored<DeadLetterAlertDoc> | undefined = await init.store.read(id);
  if (!current) throw new DeadLetterNotFoundError(`dead letter ${id} not found`);
  const message = replayMessage(current.doc, current.doc.replays.length + 1);
  await init.sender.sendMessages(message);
  const at = (init.now?.() ?? new Date()).toISOString();
  const messageId = String(message.messageId);
  const sent = current.doc;
  for (let attempt = 0; attempt < 10 && current; attempt += 1) {
    const doc: DeadLetterAlertDoc = {
      ...current.doc,
      replays: [...current.doc.replays, { at, by, messageId }],
      replayedAt: at,
      replayedBy: by,
    };
    const written = await init.store.replace(doc, current.etag);
    if (written !== 'stale') return { alert: written.doc, messageId };
    current = await init.store.read(id);
  }
  // The message is back on its queue; only the record lost every race. Report the send, not a failure.
  return { alert: current?.doc ?? sent, messageId };
}
