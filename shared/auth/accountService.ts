import type { VerifyEmailCommand } from '../email/commands';
import type { UserDocument } from './documents';
import type { EmailCommandSender } from './emailCommandSender';
import { InvalidResetTokenError } from './errors';
import { normaliseEmail } from './normaliseEmail';
import type { PasswordHasher } from './passwordHasher';
import type { ResetTokenStore } from './resetTokenStore';
import type { RegisterBody, UserView } from './schemas';
import type { UserStore } from './userStore';
import { toUserView } from './userView';

export interface AccountServiceInit {
  users: Pick<UserStore, 'create' | 'get' | 'markVerified'>;
  hasher: Pick<PasswordHasher, 'hash'>;
  /** One-time tokens; verification tokens have purpose `verifyEmail`. */
  tokens: Pick<ResetTokenStore, 'create' | 'consume'>;
  email: EmailCommandSender;
  adminEmails: readonly string[];
  clock: () => Date;
  newId: () => string;
}

/** Registration, email verification and the signed-in user's profile. */
export class AccountService {
  readonly #init: AccountServiceInit;

  constructor(init: AccountServiceInit) {
    this.#init = init;
  }

  /**
   * Creates the account, unverified, and sends the one mail an unverified address ever gets: the
   * verification link. EmailTakenError when a verified account holds the (normalised) email.
   */
  async register(input: RegisterBody, correlationId?: string): Promise<UserView> {
    const now = this.#init.clock().toISOString();
    const user: UserDocument = {
      id: this.#init.newId(),
      type: 'user',
      email: normaliseEmail(input.email),
      name: input.name,
      passwordHash: await this.#init.hasher.hash(input.password),
      createdAt: now,
      updatedAt: now,
    };
    await this.#init.users.create(user);
    await this.sendVerification(user, correlationId);
    return toUserView(user, this.#init.adminEmails);
  }

  /** A fresh verification token (hashed at rest, PASSWORD_RESET_TTL_SECONDS) mailed to the user's address. */
  async sendVerification(user: UserDocument, correlationId?: string): Promise<void> {
    const { token, expiresAt } = await this.#init.tokens.create(user.id, 'verifyEmail');
    const command: VerifyEmailCommand = {
      id: this.#init.newId(),
      type: 'verifyEmail',
      to: user.email,
      name: user.name,
      token,
      expiresAt,
      createdAt: this.#init.clock().toISOString(),
      ...(correlationId ? { correlationId } : {}),
    };
    await this.#init.email.send(command);
  }

  /** Consumes a verification token and marks its user's address verified (the email claim becomes theirs). */
  async verifyEmail(token: string): Promise<UserView> {
    const consumed = await this.#init.tokens.consume(token, 'verifyEmail');
    if (!consumed) throw new InvalidResetTokenError();
    const user = await this.#init.users.markVerified(consumed.userId, this.#init.clock().toISOString());
    return toUserView(user, this.#init.adminEmails);
  }

  async me(userId: string): Promise<UserView | undefined> {
    const user = await this.#init.users.get(userId);
    return user ? toUserView(user, this.#init.adminEmails) : undefined;
  }
}
