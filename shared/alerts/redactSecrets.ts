/** What a secret-bearing value is shown as in listings. */
export const REDACTED = '[redacted]';

// Field names whose values are credentials: the one-time tokens of password-reset and verification mails
// (`emails` queue), and anything named like a password or secret that a future message might carry.
const SECRET_KEY = /token|password|secret|authorization|credential/i;
// The same fields inside a text body (JSON text or a query string such as `?token=...`).
const SECRET_IN_TEXT =
  /((?:token|password|secret|authorization|credential)[A-Za-z_]*["']?\s*[:=]\s*["']?)[^"'&\s,;}]+/gi;

function redactText(text: string): string {
  return text.replace(SECRET_IN_TEXT, `$1${REDACTED}`);
}

/**
 * A copy of a dead letter's body or application properties with every secret replaced by `[redacted]`:
 * values of fields whose name says token/password/secret (at any depth), and `token=...` inside text.
 * Listings (API and dashboard) show only this; the stored message stays whole so a replay sends it as is.
 */
export function redactSecrets(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return redactText(value);
  if (depth > 32 || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((v) => redactSecrets(v, depth + 1));
  return Object.fromEntries(
    Object.entries(value as Record<string, unknown>).map(([k, v]) => [
      k,
      SECRET_KEY.test(k) ? REDACTED : redactSecrets(v, depth + 1),
    ]),
  );
}

/** A base64 body as listed: as is, unless its bytes read as text that holds a secret-like field. */
export function redactBase64(body: string): string {
  const text = Buffer.from(body, 'base64').toString('utf8');
  return redactText(text) === text && !SECRET_KEY.test(text) ? body : REDACTED;
}
