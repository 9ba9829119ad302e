import type { Container } from '@azure/cosmos';
import { cosmosStatus } from './cosmosStatus';
import type { ThrottleDocument } from './documents';

export interface ThrottlePolicy {
  /** Attempts within `windowSeconds` after which the key is locked. */
  maxFailures: number;
  windowSeconds: number;
  lockoutSeconds: number;
}

export interface AttemptCounterInit {
  /** identity/loginThrottle, partition key /id. Expiry is by timestamps in the document, never by TTL alone. */
  container: Container;
  clock: () => Date;
}

type Stored = ThrottleDocument & { _etag: string };

// Of n concurrent writers of one counter each round lets one through; past this many lost rounds the
// reservation fails closed (refused, retry in 1 s) rather than allowing an unreserved attempt.
const MAX_ROUNDS = 16;

/**
 * Counters of attempts per key (an account, a client address, an account's reset mails) in Cosmos DB, so
 * a limit holds across every instance.
 *
 * Invariant: an attempt is made only after `reserve` has counted it with a conditional write (create, or
 * replace If-Match on the version read). Each successful write moves the counter up by exactly one, and the
 * write that reaches `maxFailures` also sets `lockedUntilMs`, after which no reservation succeeds until the
 * lock ends. So at most `maxFailures` attempts are made per window, however many run concurrently; a
 * reservation that is not released (`release`, `clear`) stays counted as a failure, even if the process
 * crashes between reserving and attempting.
 */
export class AttemptCounter {
  readonly #init: AttemptCounterInit;

  constructor(init: AttemptCounterInit) {
    this.#init = init;
  }

  /** Counts one attempt against `id`: 0 when reserved, else the seconds until the key may try again. */
  async reserve(id: string, policy: ThrottlePolicy): Promise<number> {
    for (let round = 0; round < MAX_ROUNDS; round++) {
      const now = this.#init.clock().getTime();
      const current = await this.#read(id);
      if (current?.lockedUntilMs && current.lockedUntilMs > now) {
        return Math.ceil((current.lockedUntilMs - now) / 1000);
      }
      const fresh =
        !current || now - current.windowStartMs >= policy.windowSeconds * 1000 || !!current.lockedUntilMs;
      const failures = fresh ? 1 : current.failures + 1;
      const next: ThrottleDocument = {
        id,
        failures,
        windowStartMs: fresh ? now : current.windowStartMs,
        ttl: policy.windowSeconds + policy.lockoutSeconds,
        ...(failures >= policy.maxFailures ? { lockedUntilMs: now + policy.lockoutSeconds * 1000 } : {}),
      };
      if (await this.#write(next, current)) return 0;
    }
    return 1;
  }

  /** Gives back one reserved attempt (it succeeded); lifts the lock it may have set. Best effort. */
  async release(id: string, policy: ThrottlePolicy): Promise<void> {
    for (let round = 0; round < MAX_ROUNDS; round++) {
      const current = await this.#read(id);
      if (!current || current.failures <= 0) return;
      const { _etag, lockedUntilMs, ...rest } = current;
      const failures = current.failures - 1;
      const next: ThrottleDocument = {
        ...rest,
        failures,
        ...(lockedUntilMs && failures >= policy.maxFailures ? { lockedUntilMs } : {}),
      };
      if (await this.#write(next, current)) return;
    }
  }

  /** Forgets every attempt of `id` (a successful login clears its account). */
  async clear(id: string): Promise<void> {
    await this.#init.container
      .item(id, id)
      .delete()
      .catch((err: unknown) => {
        if (cosmosStatus(err) !== 404) throw err;
      });
  }

  async #read(id: string): Promise<Stored | undefined> {
    const { resource } = await this.#init.container.item(id, id).read<Stored>();
    return resource;
  }

  /** Creates or replaces conditionally; false when another writer got there first (409, 412, or 404: cleared). */
  async #write(next: ThrottleDocument, current: Stored | undefined): Promise<boolean> {
    const c = this.#init.container;
    try {
      if (!current) await c.items.create(next);
      else
        await c
          .item(next.id, next.id)
          .replace(next, { accessCondition: { type: 'IfMatch', condition: current._etag } });
      return true;
    } catch (err) {
      const status = cosmosStatus(err);
      if (status === 409 || status === 412 || status === 404) return false;
      throw err;
    }
  }
}
