import type { UserDocument } from './documents';
import { normaliseEmail } from './normaliseEmail';
import type { PasswordHasher } from './passwordHasher';
import type { RegisterBody, UserView } from './schemas';
import type { UserStore } from './userStore';
import { toUserView } from './userView';

export interface AccountServiceInit {
  users: Pick<UserStore, 'create' | 'get'>;
  hasher: Pick<PasswordHasher, 'hash'>;
  adminEmails: readonly string[];
  clock: () => Date;
  newId: () => string;
}

/** Registration and the signed-in user's profile. */
export class AccountService {
  readonly #init: AccountServiceInit;

  constructor(init: AccountServiceInit) {
    this.#init = init;
  }

  /** Creates the account; EmailTakenError when the (normalised) email is registered already. */
  async register(input: RegisterBody): Promise<UserView> {
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
    return toUserView(user, this.#init.adminEmails);
  }

  async me(userId: string): Promise<UserView | undefined> {
    const user = await this.#init.users.get(userId);
    return user ? toUserView(user, this.#init.adminEmails) : undefined;
  }
}
