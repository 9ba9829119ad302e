import type { EmailCommand } from './commands';
import type { OrderStatusDoc, SentEmailDoc } from './emailDocs';
import type { EmailTransport } from './emailTransport';
import { EmailClaimBusyError } from './errors';
import { recordOrderStatus } from './recordOrderStatus';
import { renderEmail } from './renderEmail';
import type { DocStore, Stored } from '../analytics/docStore';
import { appMetrics } from '../telemetry/appMetrics';

export interface EmailServiceInit {
  sent: DocStore<SentEmailDoc>;
  statuses: DocStore<OrderStatusDoc>;
  transport: EmailTransport;
  /** EMAIL_SENDER. */
  from: string;
  /** APP_BASE_URL. */
  appBaseUrl: string;
  now?: () => Date;
  /**
   * A claim still `sending` after this is taken over and sent again (its sender crashed before the message was
   * completed). Default 30 s, below the queue's lock duration.
   */
  claimTimeoutMs?: number;
}

export type EmailOutcome = 'sent' | 'duplicate' | 'skipped';

/** Creates the command's record (`sending`, or directly final for a skipped reminder), or finds it. */
async function claim(
  cmd: EmailCommand,
  init: EmailServiceInit,
  now: Date,
  skipped?: string,
): Promise<Stored<SentEmailDoc> | 'done'> {
  const doc: SentEmailDoc = skipped
    ? { id: cmd.id, type: cmd.type, state: 'skipped', claimedAt: now.toISOString(), reason: skipped }
    : { id: cmd.id, type: cmd.type, state: 'sending', claimedAt: now.toISOString() };
  const created = await init.sent.create(doc);
  if (created !== 'exists') return created;
  const existing = await init.sent.read(cmd.id);
  if (!existing) throw new EmailClaimBusyError(`claim ${cmd.id} vanished; retry`);
  if (existing.doc.state === 'sent' || existing.doc.state === 'skipped') return 'done';
  const age = now.getTime() - Date.parse(existing.doc.claimedAt);
  if (existing.doc.state === 'sending' && age < (init.claimTimeoutMs ?? 30_000)) {
    throw new EmailClaimBusyError(`command ${cmd.id} is being sent by another delivery`);
  }
  const taken = await init.sent.replace(doc, existing.etag);
  if (taken === 'stale') throw new EmailClaimBusyError(`command ${cmd.id} was claimed concurrently`);
  return taken;
}

async function settle(
  init: EmailServiceInit,
  claimed: Stored<SentEmailDoc>,
  patch: Partial<SentEmailDoc>,
): Promise<void> {
  const result = await init.sent.replace({ ...claimed.doc, ...patch }, claimed.etag);
  if (result === 'stale')
    throw new EmailClaimBusyError(`claim ${claimed.doc.id} was taken over while sending`);
}

/**
 * Sends the email of one command at most once per command id in the normal case, with one Cosmos DB request:
 * claim (create the id), send. The claim is the record: a later delivery of the same command finds it and does
 * nothing while it is fresh (EmailClaimBusyError: the consumer retries it later) and once it says `sent`,
 * `skipped` or (never) anything final. A claim still `sending` after `claimTimeoutMs` is taken over and the email
 * sent again: that is the documented crash window, now from the provider accepting the email until Service Bus
 * records the completion (a host or broker crash in between redelivers the message; the producer's duplicate
 * detection window and the claim keep every other repeat out). ACS also gets the command id as its operation id,
 * which makes that resend a no-op there. Recording `sent` after every email would close the window only up to
 * the same crash point one request later, at the cost of a second request per email, which made the sender the
 * pipeline's slowest stage offline. A failed send releases the claim (`failed`) so the retry sends at once.
 * Status commands first update this service's own order status, which reminders consult.
 */
export async function processEmailCommand(cmd: EmailCommand, init: EmailServiceInit): Promise<EmailOutcome> {
  const now = init.now?.() ?? new Date();
  if (cmd.type === 'orderStatusChanged') {
    await recordOrderStatus(init.statuses, {
      orderId: cmd.orderId,
      status: cmd.status,
      version: cmd.version,
      now,
    });
  }
  let skipped: string | undefined;
  if (cmd.type === 'pendingOrderReminder') {
    const status = await init.statuses.read(cmd.orderId);
    // No record: no status change was ever seen, so the order is still pending.
    if (status && status.doc.status !== 'pending') skipped = `order is ${status.doc.status}`;
  }
  const claimed = await claim(cmd, init, now, skipped);
  if (claimed === 'done') return 'duplicate';
  if (skipped) return 'skipped';
  const rendered = renderEmail(cmd, { appBaseUrl: init.appBaseUrl });
  try {
    await init.transport.send({ id: cmd.id, from: init.from, to: cmd.to, ...rendered });
  } catch (err) {
    appMetrics.emailSent(cmd.type, 'failed');
    // Release the claim so the redelivery sends at once; the original error decides the retry.
    await settle(init, claimed, { state: 'failed' }).catch(() => undefined);
    throw err;
  }
  appMetrics.emailSent(cmd.type, 'sent');
  return 'sent';
}
