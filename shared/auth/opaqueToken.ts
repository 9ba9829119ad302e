import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * Opaque tokens (refresh, password reset): 256 random bits, base64url. Only `sha256(secret)` is stored:
 * the secret has full entropy, so a fast hash is enough (no salt or slow hash needed, unlike passwords).
 */
export function newSecret(): string {
  return randomBytes(32).toString('base64url');
}

export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('base64url');
}

export function secretMatches(secret: string, storedHash: string): boolean {
  const a = Buffer.from(hashSecret(secret));
  const b = Buffer.from(storedHash);
  return a.length === b.length && timingSafeEqual(a, b);
}

const UUID = '([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})';
const REFRESH = new RegExp(`^rt1\\.${UUID}\\.${UUID}\\.${UUID}\\.([A-Za-z0-9_-]{43})$`);

export interface RefreshTokenParts {
  userId: string;
  familyId: string;
  tokenId: string;
  secret: string;
}

/**
 * `rt1.<userId>.<familyId>.<tokenId>.<secret>`: the ids let the token and its family marker be read with
 * two parallel point reads in the user's partition. The ids are trusted only after the secret matched.
 */
export function formatRefreshToken(p: RefreshTokenParts): string {
  return `rt1.${p.userId}.${p.familyId}.${p.tokenId}.${p.secret}`;
}

export function parseRefreshToken(token: string): RefreshTokenParts | undefined {
  const m = REFRESH.exec(token);
  return m ? { userId: m[1]!, familyId: m[2]!, tokenId: m[3]!, secret: m[4]! } : undefined;
}
