import type { Container } from '@azure/cosmos';
import { createHash } from 'node:crypto';
import { AttemptCounter, type ThrottlePolicy } from './attemptCounter';

export type { ThrottlePolicy } from './attemptCounter';

export interface LoginThrottleInit {
  /** identity/loginThrottle, partition key /id, TTL on per item (documents expire on their own). */
  container: Container;
  account: ThrottlePolicy;
  address: ThrottlePolicy;
  /** Password reset mails per account (the lock is the rest of the window). Default 3 per hour. */
  resetMail?: ThrottlePolicy;
  clock: () => Date;
}

/** What a login attempt is counted against: the account (email key) and the client address. */
export interface ThrottleKeys {
  account: string;
  /** Undefined when the request carries no trustworthy address (see clientAddress). */
  address: string | undefined;
}

const hash = (s: string): string => createHash('sha256').update(s).digest('base64url');

/**
 * Login attempts per account and per client address. Invariant (see AttemptCounter): a password is checked
 * only after an attempt slot was reserved on both the address and the account with conditional writes, so
 * at most `maxFailures` checks per account and per address run in a window, whatever the concurrency. A
 * failed check simply keeps its slot; a successful one gives it back.
 */
export class LoginThrottle {
  readonly #init: LoginThrottleInit;
  readonly #counter: AttemptCounter;

  constructor(init: LoginThrottleInit) {
    this.#init = init;
    this.#counter = new AttemptCounter({ container: init.container, clock: init.clock });
  }

  /** Reserves one attempt: 0 when the password may be checked, else the seconds until it may be. */
  async reserve(keys: ThrottleKeys): Promise<number> {
    const { account, address } = this.#ids(keys);
    // The account first: under a guessing burst most attempts stop here with one read.
    const accountLocked = await this.#counter.reserve(account, this.#init.account);
    if (accountLocked > 0) return accountLocked;
    if (address === undefined) return 0;
    const addressLocked = await this.#counter.reserve(address, this.#init.address);
    // Refused by the address: no password is checked, so the account's slot goes back.
    if (addressLocked > 0) await this.#counter.release(account, this.#init.account);
    return addressLocked;
  }

  /**
   * A successful login gives its slots back: it was not a failure. Failures before it stay counted for the
   * rest of their window (clearing them would hand concurrent guesses fresh slots: at most `maxFailures`
   * checks per window is the invariant, successes included or not).
   */
  async recordSuccess(keys: ThrottleKeys): Promise<void> {
    const { account, address } = this.#ids(keys);
    await Promise.all([
      this.#counter.release(account, this.#init.account),
      address === undefined ? undefined : this.#counter.release(address, this.#init.address),
    ]);
  }

  /** A password reset proved control of the mailbox: forget the account's failures (an attacker's lockout). */
  async clearAccount(account: string): Promise<void> {
    await this.#counter.clear(this.#ids({ account, address: undefined }).account);
  }

  /** Reserves one password reset mail for the account: 0 when it may be sent, else seconds until it may. */
  reserveResetMail(userId: string): Promise<number> {
    const policy = this.#init.resetMail ?? { maxFailures: 3, windowSeconds: 3600, lockoutSeconds: 3600 };
    return this.#counter.reserve(`forgot-${hash(userId)}`, policy);
  }

  #ids(keys: ThrottleKeys): { account: string; address: string | undefined } {
    return {
      account: `acct-${hash(keys.account)}`,
      address: keys.address === undefined ? undefined : `ip-${hash(keys.address)}`,
    };
  }
}
