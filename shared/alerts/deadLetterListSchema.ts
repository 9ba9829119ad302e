import { z } from 'zod';
import { deadLetterListItemSchema } from './deadLetterListItemSchema';

/** The body of `GET /api/admin/deadletters` (see listDeadLetters). */
export const deadLetterListSchema = z
  .strictObject({
    items: z
      .array(deadLetterListItemSchema)
      .max(100)
      .meta({ description: 'The latest 100 dead letters, newest received first' }),
  })
  .meta({ id: 'DeadLetterList' });
