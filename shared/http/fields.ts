import { z } from 'zod';
import { invisibleTextReason } from './invisibleText';

// A high surrogate not followed by a low one, or a low one not preceded by a high one.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
// C0/C1 controls, zero-width and bidi overrides: invisible in a UI, used for spoofing and log injection.
const INVISIBLE = /[\p{Cc}\u200B-\u200F\u2028-\u202E\u2060-\u2064\u2066-\u2069\uFEFF]/u;

export interface TextOptions {
  min?: number;
  /** Maximum length in UTF-16 code units. */
  max: number;
}

/**
 * A human-entered single-line string (names, cities...): well-formed Unicode with no control, zero-width
 * or bidi-override characters, NFC-normalised and trimmed before the length checks, with at least one
 * visible character and no invisible fillers (shared/http/invisibleText.ts).
 */
export function text(opts: TextOptions): z.ZodString {
  return (
    z
      .string()
      .refine((s) => !LONE_SURROGATE.test(s), {
        error: 'Contains invalid Unicode (an unpaired surrogate).',
        abort: true,
      })
      // One error per field: a string already refused for its characters is not judged again as blank.
      .refine((s) => !INVISIBLE.test(s), {
        error: 'Contains control or invisible formatting characters.',
        abort: true,
      })
      .overwrite((s) => s.normalize('NFC').trim())
      .min(opts.min ?? 1, opts.min === 0 ? undefined : 'Must not be empty.')
      .max(opts.max)
      .refine((s) => s === '' || !invisibleTextReason(s), {
        error: (issue) => `Renders blank: ${invisibleTextReason(String(issue.input))}.`,
      })
  );
}

/** An email address as typed; compare and store the normalised form (see shared/auth/normaliseEmail.ts). */
export const emailField = z.email().max(254);
