import type { Database } from '@azure/cosmos';
import { randomUUID } from 'node:crypto';
import type { UserDocument } from '../../shared/auth/documents';
import { AccountService } from '../../shared/auth/accountService';
import { LoginThrottle, type ThrottlePolicy } from '../../shared/auth/loginThrottle';
import { PasswordResetService } from '../../shared/auth/passwordResetService';
import { RefreshTokenStore } from '../../shared/auth/refreshTokenStore';
import { ResetTokenStore } from '../../shared/auth/resetTokenStore';
import { SessionService } from '../../shared/auth/sessionService';
import { UserStore } from '../../shared/auth/userStore';
import type { AuthEmailCommand } from '../../shared/email/commands';

/**
 * A hasher whose "hash" of a password is the password itself: the auth races under test are about Cosmos DB
 * writes, not scrypt. `verify` yields to the event loop first (as scrypt does) and counts every check.
 */
export class CountingHasher {
  checks = 0;
  hash(password: string): Promise<string> {
    return Promise.resolve(`plain:${password}`);
  }
  async verify(password: string, stored: string): Promise<boolean> {
    this.checks++;
    await new Promise((resolve) => setImmediate(resolve));
    return stored === `plain:${password}`;
  }
  async verifyDummy(): Promise<false> {
    this.checks++;
    await new Promise((resolve) => setImmediate(resolve));
    return false;
  }
  needsRehash(): boolean {
    return false;
  }
}

export interface OfflineAuthOptions {
  account?: ThrottlePolicy;
  address?: ThrottlePolicy;
  forgotPerAccount?: ThrottlePolicy;
  adminEmails?: string[];
}

/** The auth services wired as getAuthServices wires them, over the offline Cosmos DB `identity` database. */
export function offlineAuth(db: Database, opts: OfflineAuthOptions = {}) {
  // Strictly increasing, 1 ms per reading: ordering by timestamps then follows the order of the calls, as it
  // does between instances whose requests are milliseconds apart (the in-process emulator answers faster).
  let tick = Date.now();
  const clock = (): Date => new Date(++tick);
  const newId = (): string => randomUUID();
  const hasher = new CountingHasher();
  const users = new UserStore({ container: db.container('users') });
  const refreshTokens = new RefreshTokenStore({
    container: db.container('refreshTokens'),
    ttlSeconds: 3600,
    clock,
    newId,
  });
  const policy: ThrottlePolicy = { maxFailures: 5, windowSeconds: 600, lockoutSeconds: 600 };
  const throttle = new LoginThrottle({
    container: db.container('loginThrottle'),
    account: opts.account ?? policy,
    address: opts.address ?? { ...policy, maxFailures: 1_000_000 },
    ...(opts.forgotPerAccount ? { resetMail: opts.forgotPerAccount } : {}),
    clock,
  });
  const resetTokens = new ResetTokenStore({ container: db.container('resetTokens'), ttlSeconds: 600, clock });
  const sent: AuthEmailCommand[] = [];
  const email = {
    send: (command: AuthEmailCommand): Promise<void> => {
      sent.push(command);
      return Promise.resolve();
    },
  };
  const accounts = new AccountService({
    users,
    hasher,
    tokens: resetTokens,
    email,
    adminEmails: opts.adminEmails ?? [],
    clock,
    newId,
  });
  const sessions = new SessionService({
    users,
    refreshTokens,
    throttle,
    hasher,
    accessTokens: { sign: () => Promise.resolve('jwt'), ttlSeconds: 900 },
    adminEmails: opts.adminEmails ?? [],
    clock,
    newId,
  });
  const passwordReset = new PasswordResetService({
    users,
    resetTokens,
    throttle,
    hasher,
    email,
    verification: accounts,
    clock,
    newId,
    forgotFloorMs: 0,
  });
  /** A fresh account with `password`, written directly (registration is not under test here). */
  async function newUser(password: string): Promise<UserDocument> {
    const now = clock().toISOString();
    const user: UserDocument = {
      id: newId(),
      type: 'user',
      email: `u-${newId()}@orderflow.test`,
      name: 'Race Test',
      passwordHash: await hasher.hash(password),
      createdAt: now,
      updatedAt: now,
      emailVerifiedAt: now,
    };
    await users.create(user);
    await users.markVerified(user.id, now);
    return user;
  }
  return {
    users,
    refreshTokens,
    throttle,
    resetTokens,
    hasher,
    accounts,
    sessions,
    passwordReset,
    sent,
    newUser,
  };
}
