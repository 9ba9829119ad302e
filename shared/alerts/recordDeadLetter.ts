import { createHash } from 'node:crypto';
import type { BodyEncoding, DeadLetterAlertDoc, DeadLetteredMessage } from './deadLetterDocs';
import type { DeadLetterAlertCommand } from '../email/commands';
import type { DocStore } from '../analytics/docStore';

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
 * new one. Characters Cosmos DB forbids in ids are replaced; long ids are hashed.
 */
export function alertIdFor(
  m: Pick<DeadLetteredMessage, 'messageId' | 'sequenceNumber' | 'enqueuedTime'>,
): string {
  const raw = `${m.messageId ?? 'no-message-id'}~${m.sequenceNumber ?? m.enqueuedTime ?? 'unknown'}`;
  const safe = raw.replace(/[/\\?#\s]/g, '_');
  return safe.length <= 100 ? safe : createHash('sha256').update(raw).digest('hex');
}

function encodeBody(body: unknown): { body: unknown; bodyEncoding: BodyEncoding } {
  if (body instanceof Uint8Array)
    return { body: Buffer.from(body).toString('base64'), bodyEncoding: 'base64' };
  if (typeof body === 'string') return { body, bodyEncoding: 'text' };
  return { body: body ?? null, bodyEncoding: 'json' };
}

/**
 * Stores the whole dead-lettered message once and asks for one operator email. The command id is derived
 * from the alert id, so a redelivery (or a retry after a crash between the two steps) repeats the same
 * command, which duplicate detection and the email service's sent record both drop.
 */
export async function recordDeadLetter(
  m: DeadLetteredMessage,
  init: RecordDeadLetterInit,
): Promise<{ alert: DeadLetterAlertDoc; created: boolean }> {
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
  const alert = created === 'exists' ? ((await init.store.read(id))?.doc ?? doc) : created.doc;
  await init.sendAlertCommand({
    id: `alert:${id}`.slice(0, 128),
    type: 'deadLetterAlert',
    to: init.alertTo,
    createdAt: alert.receivedAt,
    alertId: id,
    queue: m.queue,
    ...(m.messageId ? { messageId: m.messageId } : {}),
    ...(m.reason ? { reason: m.reason } : {}),
    ...(m.description ? { description: m.description.slice(0, 1000) } : {}),
    ...(m.correlationId ? { correlationId: m.correlationId.slice(0, 128) } : {}),
  });
  return { alert, created: created !== 'exists' };
}
