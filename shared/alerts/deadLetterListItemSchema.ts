import { z } from 'zod';

/** One item of `GET /api/admin/deadletters` (the `DeadLetterListItem` interface; see toListItem). */
export const deadLetterListItemSchema = z
  .strictObject({
    id: z.string().meta({ description: 'Alert id: messageId and sequence number; use it to replay' }),
    queue: z.string().meta({ description: 'The queue the message was dead-lettered from' }),
    messageId: z.string().meta({ description: 'Empty when the message had none' }),
    reason: z.string().nullable().meta({ description: 'DeadLetterReason set by the broker or the consumer' }),
    description: z.string().nullable().meta({ description: 'DeadLetterErrorDescription' }),
    deliveryCount: z.int().min(0).nullable(),
    enqueuedTime: z.iso.datetime().nullable(),
    receivedAt: z.iso.datetime().meta({ description: 'When the alerts service stored it' }),
    subject: z.string().nullable(),
    body: z.unknown().meta({
      description:
        'The message body as received (the JSON value, a string for a text body, base64 for a binary body), ' +
        'with secrets (fields named like token, password or secret; `token=...` in text) as `[redacted]`',
    }),
    applicationProperties: z
      .record(z.string(), z.unknown())
      .meta({ description: 'As received, secrets redacted like the body' }),
    replayedAt: z.iso
      .datetime()
      .nullable()
      .meta({ description: 'The latest replay; null if never replayed' }),
    replayedBy: z.string().nullable().meta({ description: 'Email of the admin who replayed it last' }),
    replayCount: z.int().min(0),
  })
  .meta({ id: 'DeadLetter' });
