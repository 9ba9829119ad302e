export type TokenPurpose = 'passwordReset' | 'verifyEmail';

// Documents of the `identity` database (infra/topology.json). Times are ISO 8601 strings unless named *Ms.

/** users (pk /id): one account. */
export interface UserDocument {
  id: string;
  type: 'user';
  email: string;
  name: string;
  passwordHash: string;
  createdAt: string;
  updatedAt: string;
  /** Refresh tokens issued before this instant are dead (password reset). Kept for tokens without a generation. */
  tokensRevokedAt?: string;
  /**
   * Token generation (absent = 0). A password reset increments it (If-Match on this document); a refresh
   * token is accepted only while its own `generation` equals this. See SessionService.refresh.
   */
  tokenGeneration?: number;
  /**
   * When the owner of `email` proved control of the mailbox (verification link, or a password reset).
   * Until then: no admin role, no mail but the verification mail, and the email claim may be taken over.
   */
  emailVerifiedAt?: string;
}

/**
 * users (pk /id): `email-<sha256(normalised email)>` -> user id. Its id is what makes an email unique:
 * Cosmos DB refuses a second document with the same id, so of two concurrent registrations exactly one wins.
 */
export interface EmailClaimDocument {
  id: string;
  type: 'emailClaim';
  userId: string;
  createdAt: string;
  /**
   * True once `userId` verified the address. An unverified claim belongs to whoever registered last and is
   * replaced (If-Match) by the next registration; a verified claim is never taken over.
   */
  verified?: boolean;
}

/** refreshTokens (pk /userId): one issued refresh token; only a hash of its secret is kept. */
export interface RefreshTokenDocument {
  id: string;
  type: 'refreshToken';
  userId: string;
  familyId: string;
  secretHash: string;
  /** The user's tokenGeneration when the family was started (absent = 0); every successor inherits it. */
  generation?: number;
  createdAt: string;
  expiresAt: string;
  /** Set when rotated; presenting it again is reuse. */
  usedAt?: string;
  replacedBy?: string;
  ttl: number;
}

/** refreshTokens (pk /userId): `family-<familyId>`; its presence kills every token of the family. */
export interface RevokedFamilyDocument {
  id: string;
  type: 'revokedFamily';
  userId: string;
  familyId: string;
  revokedAt: string;
  reason: 'logout' | 'reuse';
  ttl: number;
}

/**
 * resetTokens (pk /id): id is sha256(token); the token itself exists only in the email command. One-time
 * tokens of two purposes: password reset, and email verification (`purpose: 'verifyEmail'`).
 */
export interface ResetTokenDocument {
  id: string;
  /** Absent = passwordReset (documents written before verification existed). */
  purpose?: TokenPurpose;
  userId: string;
  /** Password reset: the user's tokenGeneration at issue; the token works only while it is unchanged. */
  generation?: number;
  createdAt: string;
  expiresAt: string;
  usedAt?: string;
  ttl: number;
}

/**
 * loginThrottle (pk /id): attempts of one account (`acct-…`), one client address (`ip-…`) or one account's
 * reset mails (`forgot-…`). See AttemptCounter.
 */
export interface ThrottleDocument {
  id: string;
  /** Attempts reserved in the window and not given back: failures, plus checks still running. */
  failures: number;
  windowStartMs: number;
  lockedUntilMs?: number;
  ttl: number;
}
