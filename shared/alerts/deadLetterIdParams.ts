import { z } from 'zod';

/** Route parameters of `/api/admin/deadletters/{id}/...`: an alert id (see alertIdFor). */
export const deadLetterIdParams = z.strictObject({
  id: z.string().min(1).max(100).meta({ description: 'The alert id from the list' }),
});
