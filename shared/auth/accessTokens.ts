import { SignJWT, jwtVerify, errors as joseErrors, type JWTPayload } from 'jose';
import { randomUUID } from 'node:crypto';
import { ensureErrorType } from '../http/errors';
import { InvalidTokenError } from './errors';
import { ROLES, type Principal, type Role } from './principal';

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
}

// Pinned: tokens with any other `alg` (none, RS256 with our secret as a "public key"...) are rejected.
const ALG = 'HS256';
// RFC 9068 access-token type, so a refresh or reset token can never pass as an access token.
const TYP = 'at+jwt';

const isRoles = (v: unknown): v is Role[] =>
  Array.isArray(v) && v.length > 0 && v.every((r) => (ROLES as readonly unknown[]).includes(r));

/** Issues and verifies short-lived access JWTs (HS256, `kid` selects the key). */
export class AccessTokens {
  readonly ttlSeconds: number;
  readonly #init: AccessTokensInit;
  readonly #clock: () => Date;

  constructor(init: AccessTokensInit) {
    if (init.keys.length === 0) throw new Error('AccessTokens needs at least one key');
    this.#init = init;
    this.ttlSeconds = init.ttlSeconds;
    this.#clock = init.clock ?? (() => new Date());
  }

  async sign(principal: Principal): Promise<string> {
    const key = this.#init.keys[0]!;
    const now = Math.floor(this.#clock().getTime() / 1000);
    return new SignJWT({ email: principal.email, roles: principal.roles })
      .setProtectedHeader({ alg: ALG, kid: key.kid, typ: TYP })
      .setIssuer(this.#init.issuer)
      .setAudience(this.#init.audience)
      .setSubject(principal.userId)
      .setIssuedAt(now)
      .setExpirationTime(now + this.ttlSeconds)
      .setJti(randomUUID())
      .sign(key.secret);
  }

  /** The principal of a valid token; InvalidTokenError (with a reason fit for logs) otherwise. */
  async verify(token: string): Promise<Principal> {
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(
        token,
        (header) => {
          const key = this.#init.keys.find((k) => k.kid === header.kid);
          if (!key) throw new InvalidTokenError(`unknown kid ${JSON.stringify(header.kid ?? null)}`);
          return key.secret;
        },
        {
          algorithms: [ALG],
          issuer: this.#init.issuer,
          audience: this.#init.audience,
          typ: TYP,
          requiredClaims: ['exp', 'iat', 'sub'],
          currentDate: this.#clock(),
          clockTolerance: 5,
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
    return { userId: sub, email, roles };
  }
}
