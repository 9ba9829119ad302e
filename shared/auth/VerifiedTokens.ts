import type { Principal } from './principal';

interface Entry {
  principal: Principal;
  /** `exp` and `nbf` claims, epoch seconds. */
  exp: number;
  nbf: number | undefined;
}

/**
 * Access tokens whose signature and claims were already verified, so a client that sends the same token with
 * every request pays for HMAC and JOSE parsing once. Only the time claims can change their verdict, and they
 * are re-checked on every hit with the same tolerance jose applies: a token that has expired since (or is not
 * yet valid) is a miss, so the full verification rejects it with its own reason. Keys never change under one
 * cache (it belongs to one AccessTokens), and access tokens are not revocable, so nothing else goes stale.
 * Bounded: the oldest entry makes room for a new one.
 */
export class VerifiedTokens {
  readonly #entries = new Map<string, Entry>();

  constructor(
    private readonly maxEntries: number,
    /** Seconds of clock skew allowed, as jose's `clockTolerance`. */
    private readonly toleranceSeconds: number,
  ) {}

  /** The principal of an already verified token still valid at `now` (epoch seconds); a copy the caller may keep. */
  get(token: string, now: number): Principal | undefined {
    const e = this.#entries.get(token);
    if (!e) return undefined;
    if (
      e.exp <= now - this.toleranceSeconds ||
      (e.nbf !== undefined && e.nbf > now + this.toleranceSeconds)
    ) {
      this.#entries.delete(token);
      return undefined;
    }
    return {
      userId: e.principal.userId,
      email: e.principal.email,
      emailVerified: e.principal.emailVerified === true,
      roles: [...e.principal.roles],
    };
  }

  set(token: string, principal: Principal, exp: number, nbf: number | undefined): void {
    if (this.maxEntries <= 0) return;
    if (this.#entries.size >= this.maxEntries && !this.#entries.has(token)) {
      // Map iteration is insertion order: the first key is the oldest entry.
      const oldest = this.#entries.keys().next();
      if (!oldest.done) this.#entries.delete(oldest.value);
    }
    this.#entries.set(token, { principal: { ...principal, roles: [...principal.roles] }, exp, nbf });
  }

  get size(): number {
    return this.#entries.size;
  }
}
