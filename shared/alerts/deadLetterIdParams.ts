import { z } from 'zod';

/**
 * Route parameters of `/api/admin/deadletters/{id}/...`: an alert id (see alertIdFor), which never holds the
 * characters Cosmos DB forbids in ids (`/`, `\\`, `?`, `#`), whitespace or control characters, and is at most
 * 100 characters; anything else is a 400, not a failed database call.
 */
export const deadLetterIdParams = z.strictObject({
  id: z
    .string()
    .min(1)
    .max(100)
    .regex(/^[^/\\?#\s\p{Cc}]+$/u, 'Not an alert id: no /, \\, ?, #, whitespace or control characters.')
    .meta({ description: 'The alert id from the list' }),
});
