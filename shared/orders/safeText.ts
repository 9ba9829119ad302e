import { z } from 'zod';
import { invisibleTextReason } from '../http/invisibleText';

/**
 * Characters never accepted in free text: control characters (Cc), invisible format characters (Cf:
 * zero-width joiners, bidi overrides that can make "abc" display as "cba", BOM, soft hyphen), lone
 * surrogates (Cs), private use (Co), unassigned code points and noncharacters (Cn), and line/paragraph
 * separators. They have no place in a product name or an address and are the usual tools of spoofing and of
 * breaking downstream systems (CSV exports, label printers, emails).
 */
const forbidden = /[\p{Cc}\p{Cf}\p{Cs}\p{Co}\p{Cn}\p{Zl}\p{Zp}]/u;
/** More than three stacked combining marks is "zalgo" text; NFC text in real scripts stays below that. */
const stackedMarks = /\p{M}{4,}/u;

/** Why a string is unacceptable as free text, or undefined when it is fine. Checks the NFC form. */
export function unsafeTextReason(value: string): string | undefined {
  if (forbidden.test(value)) return 'contains control, invisible, private-use or unassigned characters';
  if (stackedMarks.test(value)) return 'contains too many stacked combining marks';
  if (value !== value.trim()) return 'must not start or end with whitespace';
  return invisibleTextReason(value);
}

/**
 * Free text of 1..max code points, normalised to NFC (so "é" typed two ways is one value, which also keeps
 * idempotency hashes stable), without odd unicode.
 */
export function safeText(max: number) {
  return z
    .string()
    .overwrite((s) => s.normalize('NFC'))
    .check((ctx) => {
      const length = [...ctx.value].length;
      if (length < 1 || length > max) {
        ctx.issues.push({
          code: 'custom',
          input: ctx.value,
          message: `must be 1 to ${max} characters long`,
        });
        return;
      }
      const reason = unsafeTextReason(ctx.value);
      if (reason) ctx.issues.push({ code: 'custom', input: ctx.value, message: reason });
    })
    .meta({
      minLength: 1,
      maxLength: max,
      description: `${max} characters at most, no control or invisible characters`,
    });
}
