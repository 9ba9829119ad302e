import type { PasswordResetCommand } from '../email/commands';
import type { AccountService } from './accountService';
import { EmailTakenError, InvalidResetTokenError } from './errors';
import type { EmailCommandSender } from './emailCommandSender';
import type { LoginThrottle } from './loginThrottle';
import type { PasswordHasher } from './passwordHasher';
import type { ResetTokenStore } from './resetTokenStore';
import type { UserStore } from './userStore';

export interface PasswordResetServiceInit {
  users: Pick<UserStore, 'findByEmail' | 'get' | 'replace' | 'markVerified'>;
  resetTokens: Pick<ResetTokenStore, 'create' | 'consume'>;
  throttle: Pick<LoginThrottle, 'clearAccount' | 'reserveResetMail'>;
  /** An unverified account gets the verification mail instead of a reset mail (no other mail until verified). */
  verification: Pick<AccountService, 'sendVerification'>;
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

  /**
   * Mails a reset link, at most `PASSWORD_RESET_MAX_EMAILS` per account per window: the slot is reserved
   * atomically before the token is created (AttemptCounter invariant), so concurrent requests cannot exceed
   * it. The caller's answer is the same in every case (unknown account, limit reached, mail sent).
   */
  async forgot(email: string, correlationId: string): Promise<void> {
    const started = performance.now();
    try {
      const user = await this.#init.users.findByEmail(email);
      if (!user) return;
      if ((await this.#init.throttle.reserveResetMail(user.id)) > 0) return;
      if (!user.emailVerifiedAt) return await this.#init.verification.sendVerification(user, correlationId);
      const { token, expiresAt } = await this.#init.resetTokens.create(
        user.id,
        'passwordReset',
        user.tokenGeneration ?? 0,
      );
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

  /**
   * Consumes the token, sets the password and increments the user's token generation (If-Match), which
   * revokes every refresh token (SessionService.refresh) and every other reset token of the account.
   *
   * Invariant (one reset per link batch): a reset token carries the user's token generation at issue and
   * succeeds only with a conditional write from exactly that generation to the next. So after one reset has
   * committed, every other outstanding reset token of the account is dead, including one being consumed
   * concurrently (its write loses the If-Match, re-reads, and sees a newer generation).
   */
  async reset(token: string, password: string): Promise<void> {
    const consumed = await this.#init.resetTokens.consume(token);
    if (!consumed) throw new InvalidResetTokenError();
    const passwordHash = await this.#init.hasher.hash(password);
    for (let attempt = 0; attempt < MAX_WRITE_ATTEMPTS; attempt++) {
      const user = await this.#init.users.get(consumed.userId);
      if (!user || (user.tokenGeneration ?? 0) !== consumed.generation) throw new InvalidResetTokenError();
      const now = this.#init.clock().toISOString();
      const next = {
        ...user,
        passwordHash,
        tokensRevokedAt: now,
        tokenGeneration: consumed.generation + 1,
        // The link reached the mailbox: the address is verified.
        emailVerifiedAt: user.emailVerifiedAt ?? now,
        updatedAt: now,
      };
      if (await this.#init.users.replace(next)) {
        // The owner proved control of the mailbox: lift a lockout an attacker may have caused.
        await this.#init.throttle.clearAccount(user.email);
        await this.#init.users.markVerified(user.id, now).catch((err: unknown) => {
          if (!(err instanceof EmailTakenError)) throw err;
        });
        return;
      }
    }
    throw new Error(
      `password reset: user ${consumed.userId} kept changing; gave up after ${MAX_WRITE_ATTEMPTS} attempts`,
    );
  }
}
