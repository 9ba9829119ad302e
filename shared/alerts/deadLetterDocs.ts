import { redactBase64, redactSecrets } from './redactSecrets';

/** How a message body was stored, so a replay sends back exactly what was received. */
export type BodyEncoding = 'json' | 'text' | 'base64';

/** A dead-lettered message as the alerts function receives it (normalised from the trigger metadata). */
export interface DeadLetteredMessage {
  queue: string;
  body: unknown;
  messageId?: string;
  sequenceNumber?: string;
  deliveryCount?: number;
  enqueuedTime?: string;
  reason?: string;
  description?: string;
  subject?: string;
  correlationId?: string;
  contentType?: string;
  applicationProperties: Record<string, unknown>;
}

/** A replay of a dead letter; `pending` while claimed and not yet sent. */
export interface DeadLetterReplay {
  at: string;
  by: string;
  messageId: string;
  pending?: true;
}

/** Container `deadLetters` (database `alerts`): one document per dead-lettered message. */
export interface DeadLetterAlertDoc {
  id: string;
  queue: string;
  messageId: string;
  sequenceNumber?: string;
  reason?: string;
  description?: string;
  deliveryCount?: number;
  enqueuedTime?: string;
  receivedAt: string;
  subject?: string;
  correlationId?: string;
  contentType?: string;
  body: unknown;
  bodyEncoding: BodyEncoding;
  applicationProperties: Record<string, unknown>;
  /** At most one entry since replays are exactly once (older documents may hold more). */
  replays: DeadLetterReplay[];
  replayedAt?: string;
  replayedBy?: string;
}

/** The shape `GET /api/admin/deadletters` returns per item. */
export interface DeadLetterListItem {
  id: string;
  queue: string;
  messageId: string;
  reason: string | null;
  description: string | null;
  deliveryCount: number | null;
  enqueuedTime: string | null;
  receivedAt: string;
  subject: string | null;
  body: unknown;
  applicationProperties: Record<string, unknown>;
  replayedAt: string | null;
  replayedBy: string | null;
  replayCount: number;
}

/**
 * The listed form of a stored dead letter. Secrets are redacted (reset and verification tokens in `emails`
 * commands, see redactSecrets): the listing is for judging a message, the replay sends the stored original.
 */
export function toListItem(d: DeadLetterAlertDoc): DeadLetterListItem {
  return {
    id: d.id,
    queue: d.queue,
    messageId: d.messageId,
    reason: d.reason ?? null,
    description: d.description === undefined ? null : (redactSecrets(d.description) as string),
    deliveryCount: d.deliveryCount ?? null,
    enqueuedTime: d.enqueuedTime ?? null,
    receivedAt: d.receivedAt,
    subject: d.subject ?? null,
    body:
      d.bodyEncoding === 'base64' && typeof d.body === 'string'
        ? redactBase64(d.body)
        : redactSecrets(d.body),
    applicationProperties: redactSecrets(d.applicationProperties) as Record<string, unknown>,
    replayedAt: d.replayedAt ?? null,
    replayedBy: d.replayedBy ?? null,
    replayCount: d.replays.length,
  };
}
