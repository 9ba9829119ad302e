import type { ServiceBusMessage, ServiceBusSender } from '@azure/service-bus';
import type { DeadLetterAlertDoc, DeadLetterReplay } from './deadLetterDocs';
import { DeadLetterNotFoundError } from './errors';
import type { DocStore, Stored } from '../analytics/docStore';

export interface ReplayInit {
  store: DocStore<DeadLetterAlertDoc>;
  /** A sender on a queue: the replay goes to the queue the alert's message was dead-lettered from. */
  senderFor: (queue: string) => Promise<ServiceBusSender>;
  now?: () => Date;
  /** A replay claimed but still unsent after this long (a crashed or failed send) is sent again. Default 60 s. */
  staleClaimMs?: number;
}

// Properties the broker adds when dead-lettering; a replay must not carry them back.
const BROKER_PROPERTIES = new Set(['DeadLetterReason', 'DeadLetterErrorDescription']);
const MAX_ROUNDS = 10;

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
    // Deterministic: a resend of the same claimed replay is dropped as a duplicate.
    messageId: `${alert.messageId || alert.id}:replay-${attempt}`,
    ...(alert.subject ? { subject: alert.subject } : {}),
    ...(alert.correlationId ? { correlationId: alert.correlationId } : {}),
    ...(alert.contentType ? { contentType: alert.contentType } : {}),
    applicationProperties: { ...applicationProperties, replayOf: alert.messageId, replayAttempt: attempt },
  };
}

export interface ReplayResult {
  alert: DeadLetterAlertDoc;
  /** The replay's messageId: the same for every request about this dead letter. */
  messageId: string;
  /** False when an earlier request had already replayed (or is replaying) it. */
  replayedNow: boolean;
}

/**
 * Replays a dead letter exactly once. Invariant: the replay is claimed by a conditional write (If-Match) that
 * adds the one replay entry (`pending`) to the alert before anything is sent; only the request whose write
 * won sends, then marks the entry sent. Every other request, concurrent or later, finds the entry and answers
 * with the same replay messageId without sending. If the send fails the claim is withdrawn (If-Match) and the
 * error surfaces; a claim left pending by a crash is sent again after `staleClaimMs` by the next request, with
 * the same messageId, so duplicate detection drops it if the first send did arrive. A message that
 * dead-letters again after its replay is a new dead letter (new sequence number, new alert id).
 */
export async function replayDeadLetter(id: string, by: string, init: ReplayInit): Promise<ReplayResult> {
  const now = init.now ?? (() => new Date());
  for (let round = 0; round < MAX_ROUNDS; round++) {
    const current = await init.store.read(id);
    if (!current) throw new DeadLetterNotFoundError(`dead letter ${id} not found`);
    const existing = current.doc.replays[0];
    const stale =
      existing?.pending && now().getTime() - Date.parse(existing.at) > (init.staleClaimMs ?? 60_000);
    if (existing && !stale) return { alert: current.doc, messageId: existing.messageId, replayedNow: false };
    const at = now().toISOString();
    const message = replayMessage(current.doc, 1);
    const claim: DeadLetterReplay = { at, by, messageId: String(message.messageId), pending: true };
    const claimed = await init.store.replace({ ...current.doc, replays: [claim] }, current.etag);
    if (claimed === 'stale') continue; // another request claimed it (or changed the alert): look again
    try {
      await (await init.senderFor(current.doc.queue)).sendMessages(message);
    } catch (err) {
      await withdraw(init.store, claimed);
      throw err;
    }
    return { alert: await markSent(init.store, claimed), messageId: claim.messageId, replayedNow: true };
  }
  throw new Error(`dead letter ${id} kept changing; could not replay it`);
}

async function withdraw(
  store: DocStore<DeadLetterAlertDoc>,
  claimed: Stored<DeadLetterAlertDoc>,
): Promise<void> {
  await store.replace({ ...claimed.doc, replays: [] }, claimed.etag).catch(() => undefined);
}

async function markSent(
  store: DocStore<DeadLetterAlertDoc>,
  claimed: Stored<DeadLetterAlertDoc>,
): Promise<DeadLetterAlertDoc> {
  let current: Stored<DeadLetterAlertDoc> | undefined = claimed;
  for (let round = 0; round < MAX_ROUNDS && current; round++) {
    const [entry] = current.doc.replays;
    if (!entry?.pending) return current.doc;
    const { pending: _pending, ...sent } = entry;
    const doc: DeadLetterAlertDoc = {
      ...current.doc,
      replays: [sent],
      replayedAt: sent.at,
      replayedBy: sent.by,
    };
    const written = await store.replace(doc, current.etag);
    if (written !== 'stale') return written.doc;
    current = await store.read(claimed.doc.id);
  }
  // Sent; only the record lost every race. The entry stays pending and is harmless (same messageId).
  return current?.doc ?? claimed.doc;
}
