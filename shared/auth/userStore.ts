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
type StoredClaim = EmailClaimDocument & { _etag: string };

// Rounds of a conditional write that lost to a concurrent writer before giving up.
const MAX_ROUNDS = 8;

const claimId = (email: string): string => `email-${emailKey(email)}`;

/** Accounts and their email claims. Every access is a point read or write in the document's own partition. */
export class UserStore {
  readonly #c: Container;

  constructor(init: UserStoreInit) {
    this.#c = init.container;
  }

  /**
   * Writes the user (unverified), then claims the email for it. Invariant (squatting): a claim that is not
   * verified never blocks anyone. The claim's id derives from the email, so concurrent registrations meet on
   * one document; an unverified claim is taken over by the next registration (If-Match, so of concurrent
   * takers exactly one holds it; the others stay registered, and can still verify); a verified claim (or a claim whose
   * user is verified, after a crash between the two writes of `markVerified`) refuses with EmailTakenError,
   * and the loser deletes its own user document. Claims written before verification existed (`verified`
   * absent) are not taken over. Only the mailbox owner can verify (the link goes there), so a squatter holds
   * an unverified claim at most until the owner registers or verifies.
   */
  async create(user: UserDocument): Promise<void> {
    await this.#c.items.create(user);
    const claim: EmailClaimDocument = {
      id: claimId(user.email),
      type: 'emailClaim',
      userId: user.id,
      createdAt: user.createdAt,
      verified: false,
    };
    const current = await this.#readClaim(user.email);
    if (!current || (await this.#takeable(current))) {
      if (await this.#writeClaim(claim, current)) return;
      // Lost to a concurrent registration. If that one is unverified too, this account stays registered
      // without the claim: its owner can still verify (markVerified takes the claim over).
      const winner = await this.#readClaim(user.email);
      if (!winner || (await this.#takeable(winner))) return;
    }
    await this.#c
      .item(user.id, user.id)
      .delete()
      .catch(() => undefined);
    throw new EmailTakenError();
  }

  /**
   * The user proved control of the mailbox: marks the user verified, then makes the claim theirs and
   * verified (If-Match). EmailTakenError when another user verified the address first.
   */
  async markVerified(userId: string, at: string): Promise<StoredUser> {
    let user: StoredUser | undefined;
    for (let round = 0; round < MAX_ROUNDS && !user; round++) {
      const current = await this.get(userId);
      if (!current) throw new EmailTakenError();
      if (current.emailVerifiedAt || (await this.replace({ ...current, emailVerifiedAt: at, updatedAt: at })))
        user = (await this.get(userId))!;
    }
    if (!user) throw new Error(`user ${userId} kept changing; could not mark it verified`);
    for (let round = 0; round < MAX_ROUNDS; round++) {
      const current = await this.#readClaim(user.email);
      if (current?.userId === user.id && current.verified) return user;
      if (current && current.userId !== user.id && current.verified !== false) throw new EmailTakenError();
      const claim: EmailClaimDocument = {
        id: claimId(user.email),
        type: 'emailClaim',
        userId: user.id,
        createdAt: current?.createdAt ?? at,
        verified: true,
      };
      if (await this.#writeClaim(claim, current)) return user;
    }
    throw new Error(`email claim of user ${userId} kept changing; could not verify it`);
  }

  async #takeable(claim: StoredClaim): Promise<boolean> {
    if (claim.verified !== false) return false;
    const owner = await this.get(claim.userId);
    return !owner?.emailVerifiedAt;
  }

  async #readClaim(email: string): Promise<StoredClaim | undefined> {
    const id = claimId(email);
    const { resource } = await this.#c.item(id, id).read<StoredClaim>();
    return resource?.type === 'emailClaim' ? resource : undefined;
  }

  /** Creates the claim, or replaces `current` If-Match; false when another writer got there first. */
  async #writeClaim(claim: EmailClaimDocument, current: StoredClaim | undefined): Promise<boolean> {
    try {
      if (!current) await this.#c.items.create(claim);
      else
        await this.#c
          .item(claim.id, claim.id)
          .replace(claim, { accessCondition: { type: 'IfMatch', condition: current._etag } });
      return true;
    } catch (err) {
      const status = cosmosStatus(err);
      if (status === 409 || status === 412 || status === 404) return false;
      throw err;
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
