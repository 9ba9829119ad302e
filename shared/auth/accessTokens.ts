import { SignJWT, jwtVerify, errors as joseErrors, type JWTPayload } from 'jose';
import { createSecretKey, randomUUID, type KeyObject } from 'node:crypto';
import { ensureErrorType } from '../http/errors';
import { InvalidTokenError } from './errors';
import { ROLES, type Principal, type Role } from './principal';
import { VerifiedTokens } from './VerifiedTokens';

export interface SigningKey {
  kid: string;
  secret: Uint8Array;
}

export interface AccessTokensInit {
  /** The first key signs; every key verifies (rotation: add the new key first, remove the old one later). */
  keys: readonly SigningKey[];
  issuer: string;
  audience: string;
  ttlSeconds: number;
  clock?: () => Date;
  /** Verified tokens remembered (see VerifiedTokens); 0 verifies every time. Default 10,000. */
  verifiedCacheSize?: number;
}

// Pinned: tokens with any other `alg` (none, RS256 with our secret as a "public key"...) are rejected.
const ALG = 'HS256';
// RFC 9068 access-token type, so a refresh or reset token can never pass as an access token.
const TYP = 'at+jwt';
// Seconds of clock skew tolerated on exp/nbf.
const CLOCK_TOLERANCE = 5;

const isRoles = (v: unknown): v is Role[] =>
  Array.isArray(v) && v.length > 0 && v.every((r) => (ROLES as readonly unknown[]).includes(r));

/** Issues and verifies short-lived access JWTs (HS256, `kid` selects the key). */
export class AccessTokens {
  readonly ttlSeconds: number;
  readonly #init: AccessTokensInit;
  readonly #clock: () => Date;
  /** Imported once: jose would otherwise build a KeyObject from the raw secret on every sign and verify. */
  readonly #keys: ReadonlyMap<string, KeyObject>;
  readonly #verified: VerifiedTokens;

  constructor(init: AccessTokensInit) {
    if (init.keys.length === 0) throw new Error('AccessTokens needs at least one key');
    this.#init = init;
    this.ttlSeconds = init.ttlSeconds;
    this.#clock = init.clock ?? (() => new Date());
    // The first key with a kid wins, as the lookup by kid always did.
    const keys = new Map<string, KeyObject>();
    for (const k of [...init.keys].reverse()) keys.set(k.kid, createSecretKey(k.secret));
    this.#keys = keys;
    this.#verified = new VerifiedTokens(init.verifiedCacheSize ?? 10_000, CLOCK_TOLERANCE);
  }

  async sign(principal: Principal): Promise<string> {
    const key = this.#init.keys[0]!;
    const now = Math.floor(this.#clock().getTime() / 1000);
    return new SignJWT({
      email: principal.email,
      email_verified: principal.emailVerified === true,
      roles: principal.roles,
    })
      .setProtectedHeader({ alg: ALG, kid: key.kid, typ: TYP })
      .setIssuer(this.#init.issuer)
      .setAudience(this.#init.audience)
      .setSubject(principal.userId)
      .setIssuedAt(now)
      .setExpirationTime(now + this.ttlSeconds)
      .setJti(randomUUID())
      .sign(this.#keys.get(key.kid)!);
  }

  /** The principal of a valid token; InvalidTokenError (with a reason fit for logs) otherwise. */
  async verify(token: string): Promise<Principal> {
    const currentDate = this.#clock();
    const cached = this.#verified.get(token, Math.floor(currentDate.getTime() / 1000));
    if (cached) return cached;
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(
        token,
        (header) => {
          const key = typeof header.kid === 'string' ? this.#keys.get(header.kid) : undefined;
          if (!key) throw new InvalidTokenError(`unknown kid ${JSON.stringify(header.kid ?? null)}`);
          return key;
        },
        {
          algorithms: [ALG],
          issuer: this.#init.issuer,
          audience: this.#init.audience,
          typ: TYP,
          requiredClaims: ['exp', 'iat', 'sub'],
          currentDate,
          clockTolerance: CLOCK_TOLERANCE,
        },
      ));
    } catch (err) {
      if (err instanceof InvalidTokenError) throw err;
      const e = ensureErrorType(err);
      const reason = e instanceof joseErrors.JOSEError ? `${e.code}: ${e.message}` : e.message;
      throw new InvalidTokenError(reason);
    }
    const { sub, email, roles } = payload;
    if (typeof sub !== 'string' || typeof email !== 'string' || !isRoles(roles)) {
      throw new InvalidTokenError('token claims are incomplete');
    }
    const principal: Principal = {
      userId: sub,
      email,
      emailVerified: payload.email_verified === true,
      roles,
    };
    // `exp` is a required claim, so jose has checked it is a number; `nbf` is optional.
    this.#verified.set(token, principal, payload.exp!, payload.nbf);
    return principal;
  }
}
