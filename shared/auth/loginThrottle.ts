import type { Container } from '@azure/cosmos';
import { createHash } from 'node:crypto';
import { cosmosStatus } from './cosmosStatus';
import type { ThrottleDocument } from './documents';

export interface ThrottlePolicy {
  /** Failures within `windowSeconds` that lock the key. */
  maxFailures: number;
  windowSeconds: number;
  lockoutSeconds: number;
}

export interface LoginThrottleInit {
  /** identity/loginThrottle, partition key /id, TTL on per item (documents expire on their own). */
  container: Container;
  account: ThrottlePolicy;
  address: ThrottlePolicy;
  clock: () => Date;
}

/** What a login attempt is counted against: the account (email key) and the client address. */
export interface ThrottleKeys {
  account: string;
  address: string;
}

const MAX_ATTEMPTS = 8;
const hash = (s: string): string => createHash('sha256').update(s).digest('base64url');

/**
 * Failed-login counters in Cosmos DB, so a lockout holds across every instance of the app. A key is
 * locked for `lockoutSeconds` once it collects `maxFailures` within a window. Counter updates are
 * optimistic (If-Match, retried), so concurrent failures are all counted.
 */
export class LoginThrottle {
  readonly #init: LoginThrottleInit;

  constructor(init: LoginThrottleInit) {
    this.#init = init;
  }

  /** Seconds until the attempt may be made, or 0 when neither the account nor the address is locked. */
  async lockedFor(keys: ThrottleKeys): Promise<number> {
    const now = this.#init.clock().getTime();
    const docs = await Promise.all(this.#ids(keys).map((id) => this.#read(id)));
    const until = Math.max(0, ...docs.map((d) => d?.lockedUntilMs ?? 0));
    return until > now ? Math.ceil((until - now) / 1000) : 0;
  }

  async recordFailure(keys: ThrottleKeys): Promise<void> {
    const [account, address] = this.#ids(keys);
    await Promise.all([this.#fail(account!, this.#init.account), this.#fail(address!, this.#init.address)]);
  }

  /** A successful login clears the account's counter (not the address's: one good password does not vouch for an IP). */
  async recordSuccess(keys: Pick<ThrottleKeys, 'account'>): Promise<void> {
    const id = `acct-${hash(keys.account)}`;
    await this.#init.container
      .item(id, id)
      .delete()
      .catch((err: unknown) => {
        if (cosmosStatus(err) !== 404) throw err;
      });
  }

  #ids(keys: ThrottleKeys): string[] {
    return [`acct-${hash(keys.account)}`, `ip-${hash(keys.address)}`];
  }

  async #read(id: string): Promise<(ThrottleDocument & { _etag: string }) | undefined> {
    const { resource } = await this.#init.container.item(id, id).read<ThrottleDocument & { _etag: string }>();
    return resource;
  }

  async #fail(id: string, policy: ThrottlePolicy): Promise<void> {
    const c = this.#init.container;
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      const now = this.#init.clock().getTime();
      const current = await this.#read(id);
      const fresh = !current || now - current.windowStartMs > policy.windowSeconds * 1000;
      const failures = fresh ? 1 : current.failures + 1;
      const next: ThrottleDocument = {
        id,
        failures,
        windowStartMs: fresh ? now : current.windowStartMs,
        ttl: policy.windowSeconds + policy.lockoutSeconds,
        ...(failures >= policy.maxFailures
          ? { lockedUntilMs: now + policy.lockoutSeconds * 1000 }
          : current?.lockedUntilMs && !fresh
            ? { lockedUntilMs: current.lockedUntilMs }
            : {}),
      };
      try {
        if (!current) await c.items.create(next);
        else
          await c
            .item(id, id)
            .replace(next, { accessCondition: { type: 'IfMatch', condition: current._etag } });
        return;
      } catch (err) {
        // 409: another instance created it first; 412: another instance updated it. Re-read and count again.
        const status = cosmosStatus(err);
        if (status !== 409 && status !== 412) throw err;
      }
    }
    throw new Error(`login throttle: could not record a failure for ${id} after ${MAX_ATTEMPTS} attempts`);
  }
}
