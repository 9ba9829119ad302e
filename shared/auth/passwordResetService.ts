import type { PasswordResetCommand } from '../email/commands';
import type { EmailCommandSender } from './emailCommandSender';
import { InvalidResetTokenError } from './errors';
import type { LoginThrottle } from './loginThrottle';
import type { PasswordHasher } from './passwordHasher';
import type { ResetTokenStore } from './resetTokenStore';
import type { UserStore } from './userStore';

export interface PasswordResetServiceInit {
  users: Pick<UserStore, 'findByEmail' | 'get' | 'replace'>;
  resetTokens: Pick<ResetTokenStore, 'create' | 'consume'>;
  throttle: Pick<LoginThrottle, 'clearAccount'>;
  hasher: Pick<PasswordHasher, 'hash'>;
  email: EmailCommandSender;
  clock: () => Date;
  newId: () => string;
  /**
   * `forgot` never answers sooner than this (ms, wall clock), whether or not the account exists, so its
   * timing does not reveal registered emails. Default 400: above the known-account path's Cosmos write and
   * Service Bus send.
   */
  forgotFloorMs?: number;
}

const MAX_WRITE_ATTEMPTS = 5;

/** Forgot-password (one-time token by email) and reset (new password, every session revoked). */
export class PasswordResetService {
  readonly #init: PasswordResetServiceInit;

  constructor(init: PasswordResetServiceInit) {
    this.#init = init;
  }

  async forgot(email: string, correlationId: string): Promise<void> {
    const started = performance.now();
    try {
      const user = await this.#init.users.findByEmail(email);
      if (!user) return;
      const { token, expiresAt } = await this.#init.resetTokens.create(user.id);
      const command: PasswordResetCommand = {
        id: this.#init.newId(),
        type: 'passwordReset',
        to: user.email,
        name: user.name,
        token,
        expiresAt,
        createdAt: this.#init.clock().toISOString(),
        correlationId,
      };
      await this.#init.email.send(command);
    } finally {
      const wait = (this.#init.forgotFloorMs ?? 400) - (performance.now() - started);
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    }
  }

  /** Consumes the token, sets the password, and revokes every refresh token issued before now. */
  async reset(token: string, password: string): Promise<void> {
    const userId = await this.#init.resetTokens.consume(token);
    if (!userId) throw new InvalidResetTokenError();
    const passwordHash = await this.#init.hasher.hash(password);
    for (let attempt = 0; attempt < MAX_WRITE_ATTEMPTS; attempt++) {
      const user = await this.#init.users.get(userId);
      if (!user) throw new InvalidResetTokenError();
      const now = this.#init.clock().toISOString();
      // Conditional on the version read: the generation bump is what ends every refresh chain in flight
      // (SessionService.refresh), so it must not be lost to a concurrent write.
      const tokenGeneration = (user.tokenGeneration ?? 0) + 1;
      const next = { ...user, passwordHash, tokensRevokedAt: now, tokenGeneration, updatedAt: now };
      if (await this.#init.users.replace(next)) {
        // The owner proved control of the mailbox: lift a lockout an attacker may have caused.
        await this.#init.throttle.clearAccount(user.email);
        return;
      }
    }
    throw new Error(
      `password reset: user ${userId} kept changing; gave up after ${MAX_WRITE_ATTEMPTS} attempts`,
    );
  }
}
