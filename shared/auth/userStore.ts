import type { Container } from '@azure/cosmos';
import { cosmosStatus } from './cosmosStatus';
import type { EmailClaimDocument, UserDocument } from './documents';
import { EmailTakenError } from './errors';
import { emailKey } from './normaliseEmail';

export interface UserStoreInit {
  /** identity/users, partition key /id. */
  container: Container;
}

export type StoredUser = UserDocument & { _etag: string };

const claimId = (email: string): string => `email-${emailKey(email)}`;

/** Accounts and their email claims. Every access is a point read or write in the document's own partition. */
export class UserStore {
  readonly #c: Container;

  constructor(init: UserStoreInit) {
    this.#c = init.container;
  }

  /**
   * Writes the user, then claims the email. The claim's id is derived from the email, so a concurrent
   * registration of the same email gets 409 on the claim; the loser deletes its own user document.
   * The user is written first so a crash in between leaves an unreachable user, never a blocked email.
   */
  async create(user: UserDocument): Promise<void> {
    await this.#c.items.create(user);
    const claim: EmailClaimDocument = {
      id: claimId(user.email),
      type: 'emailClaim',
      userId: user.id,
      createdAt: user.createdAt,
    };
    try {
      await this.#c.items.create(claim);
    } catch (err) {
      if (cosmosStatus(err) !== 409) throw err;
      await this.#c
        .item(user.id, user.id)
        .delete()
        .catch(() => undefined);
      throw new EmailTakenError();
    }
  }

  async get(userId: string): Promise<StoredUser | undefined> {
    const { resource } = await this.#c.item(userId, userId).read<UserDocument>();
    return resource?.type === 'user' ? resource : undefined;
  }

  async findByEmail(email: string): Promise<StoredUser | undefined> {
    const id = claimId(email);
    const { resource: claim } = await this.#c.item(id, id).read<EmailClaimDocument>();
    return claim?.type === 'emailClaim' ? this.get(claim.userId) : undefined;
  }

  /** Replaces the user if unchanged since read; false when someone else wrote it first (412). */
  async replace(user: StoredUser): Promise<boolean> {
    const { _etag, ...doc } = user;
    try {
      await this.#c
        .item(user.id, user.id)
        .replace<UserDocument>(doc, { accessCondition: { type: 'IfMatch', condition: _etag } });
      return true;
    } catch (err) {
      if (cosmosStatus(err) === 412) return false;
      throw err;
    }
  }
}
