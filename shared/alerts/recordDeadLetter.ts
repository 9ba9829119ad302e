import { createHash } from 'node:crypto';
import type { BodyEncoding, DeadLetterAlertDoc, DeadLetteredMessage } from './deadLetterDocs';
import type { DeadLetterAlertCommand } from '../email/commands';
import type { DocStore } from '../analytics/docStore';
import { redactSecrets } from './redactSecrets';
import { appMetrics } from '../telemetry/appMetrics';

export interface RecordDeadLetterInit {
  store: DocStore<DeadLetterAlertDoc>;
  /** Sends the operators' email command (to `emails`, messageId = command id). */
  sendAlertCommand: (command: DeadLetterAlertCommand) => Promise<void>;
  /** ALERT_EMAIL_TO. */
  alertTo: string;
  now?: () => Date;
}

/**
 * The alert id of a dead letter: its messageId plus its sequence number, so a redelivery of the same dead
 * letter maps to the same alert while the same messageId dead-lettered again later (after a replay) is a
 * new one. Sequence numbers are per queue, so a queue other than `orders` prefixes its name (`orders` ids
 * keep their original form, so a redelivery of an older `orders` dead letter still finds its alert).
 * Characters Cosmos DB forbids in ids, whitespace and control characters are replaced; long ids are hashed.
 */
export function alertIdFor(
  m: Pick<DeadLetteredMessage, 'queue' | 'messageId' | 'sequenceNumber' | 'enqueuedTime'>,
): string {
  const own = `${m.messageId ?? 'no-message-id'}~${m.sequenceNumber ?? m.enqueuedTime ?? 'unknown'}`;
  const raw = m.queue === 'orders' ? own : `${m.queue}~${own}`;
  const safe = raw.replace(/[/\\?#\s\p{Cc}]/gu, '_');
  return safe.length <= 100 ? safe : createHash('sha256').update(raw).digest('hex');
}

function encodeBody(body: unknown): { body: unknown; bodyEncoding: BodyEncoding } {
  if (body instanceof Uint8Array)
    return { body: Buffer.from(body).toString('base64'), bodyEncoding: 'base64' };
  if (typeof body === 'string') return { body, bodyEncoding: 'text' };
  return { body: body ?? null, bodyEncoding: 'json' };
}

/**
 * A dead-lettered operator alert (its own mail could not be sent): alerting on it by mail would queue a new
 * alert mail that fails the same way, one more dead letter per round, for as long as mail is down. It is
 * stored and logged (Azure Monitor's dead-letter alert still fires), but no mail is asked for.
 */
function isAlertMail(m: DeadLetteredMessage): boolean {
  const type = (m.body as { type?: unknown } | null)?.type;
  return m.queue === 'emails' && (m.subject === 'deadLetterAlert' || type === 'deadLetterAlert');
}

/**
 * Stores the whole dead-lettered message once and asks for one operator email. The command id is derived
 * from the alert id, so a redelivery (or a retry after a crash between the two steps) repeats the same
 * command, which duplicate detection and the email service's sent record both drop.
 */
export async function recordDeadLetter(
  m: DeadLetteredMessage,
  init: RecordDeadLetterInit,
): Promise<{ alert: DeadLetterAlertDoc; created: boolean; emailed: boolean }> {
  const now = init.now?.() ?? new Date();
  const id = alertIdFor(m);
  const doc: DeadLetterAlertDoc = {
    id,
    queue: m.queue,
    messageId: m.messageId ?? '',
    ...(m.sequenceNumber !== undefined ? { sequenceNumber: m.sequenceNumber } : {}),
    ...(m.reason !== undefined ? { reason: m.reason } : {}),
    ...(m.description !== undefined ? { description: m.description } : {}),
    ...(m.deliveryCount !== undefined ? { deliveryCount: m.deliveryCount } : {}),
    ...(m.enqueuedTime !== undefined ? { enqueuedTime: m.enqueuedTime } : {}),
    ...(m.subject !== undefined ? { subject: m.subject } : {}),
    ...(m.correlationId !== undefined ? { correlationId: m.correlationId } : {}),
    ...(m.contentType !== undefined ? { contentType: m.contentType } : {}),
    receivedAt: now.toISOString(),
    ...encodeBody(m.body),
    applicationProperties: m.applicationProperties,
    replays: [],
  };
  const created = await init.store.create(doc);
  // The queue comes from the topology (the trigger's own queue), so the attribute stays a closed set.
  appMetrics.deadLetterReceived(m.queue, created === 'exists');
  const alert = created === 'exists' ? ((await init.store.read(id))?.doc ?? doc) : created.doc;
  if (isAlertMail(m)) return { alert, created: created !== 'exists', emailed: false };
  await init.sendAlertCommand({
    id: `alert:${id}`.slice(0, 128),
    type: 'deadLetterAlert',
    to: init.alertTo,
    createdAt: alert.receivedAt,
    alertId: id,
    queue: m.queue,
    ...(m.messageId ? { messageId: m.messageId } : {}),
    ...(m.reason ? { reason: m.reason } : {}),
    ...(m.description ? { description: (redactSecrets(m.description) as string).slice(0, 1000) } : {}),
    ...(m.correlationId ? { correlationId: m.correlationId.slice(0, 128) } : {}),
  });
  return { alert, created: created !== 'exists', emailed: true };
}
