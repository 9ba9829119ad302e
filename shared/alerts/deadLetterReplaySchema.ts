import { z } from 'zod';

/** The 202 body of `POST /api/admin/deadletters/{id}/replay` (functions/alerts/replayDeadLetter.ts). */
export const deadLetterReplaySchema = z
  .strictObject({
    id: z.string().meta({ description: 'The alert id' }),
    messageId: z
      .string()
      .meta({ description: 'messageId of the message sent back to the queue: `<original>:replay-<n>`' }),
    // Absent only when the message was sent but recording the replay lost every concurrency retry.
    replayedAt: z.iso.datetime().optional(),
    replayedBy: z.string().optional().meta({ description: 'Email of the admin who replayed it' }),
  })
  .meta({ id: 'DeadLetterReplay' });
