import { createHash } from 'node:crypto';

/**
 * The one comparable form of an email address: NFC, trimmed, lower-cased (the local part is
 * case-sensitive in theory, never in practice; treating it so would allow look-alike accounts).
 */
export function normaliseEmail(email: string): string {
  return email.normalize('NFC').trim().toLowerCase();
}

/** A fixed-length key for an email, usable as a Cosmos DB id (emails may hold characters ids cannot). */
export function emailKey(email: string): string {
  return createHash('sha256').update(normaliseEmail(email)).digest('base64url');
}
