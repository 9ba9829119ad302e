import type { Container } from '@azure/cosmos';
import { cosmosStatus } from './cosmosStatus';
import type { ResetTokenDocument, TokenPurpose } from './documents';
import { hashSecret, newSecret } from './opaqueToken';

export interface ResetTokenStoreInit {
  /** identity/resetTokens, partition key /id, TTL on per item. */
  container: Container;
  ttlSeconds: number;
  clock: () => Date;
}

/** What a consumed token was for and whom. */
export interface ConsumedToken {
  userId: string;
  /** The user's tokenGeneration when the token was issued (password reset). */
  generation: number;
}

/**
 * One-time tokens: password reset and email verification (`purpose`, checked at consumption, so a
 * verification token can never reset a password). The document id is sha256(token), so the token is never stored and a
 * lookup is one point read. Single use is enforced by a conditional replace (If-Match) that marks it used.
 */
export class ResetTokenStore {
  readonly #c: Container;
  readonly #init: ResetTokenStoreInit;

  constructor(init: ResetTokenStoreInit) {
    this.#c = init.container;
    this.#init = init;
  }

  async create(
    userId: string,
    purpose: TokenPurpose = 'passwordReset',
    generation = 0,
  ): Promise<{ token: string; expiresAt: string }> {
    const now = this.#init.clock();
    const token = newSecret();
    const doc: ResetTokenDocument = {
      id: hashSecret(token),
      purpose,
      userId,
      generation,
      createdAt: now.toISOString(),
      expiresAt: new Date(now.getTime() + this.#init.ttlSeconds * 1000).toISOString(),
      ttl: this.#init.ttlSeconds + 60,
    };
    await this.#c.items.create(doc);
    return { token, expiresAt: doc.expiresAt };
  }

  /** Whose token it is if known, of `purpose`, unused and unexpired, marking it used; undefined otherwise. */
  async consume(token: string, purpose: TokenPurpose = 'passwordReset'): Promise<ConsumedToken | undefined> {
    const id = hashSecret(token);
    const { resource } = await this.#c.item(id, id).read<ResetTokenDocument & { _etag: string }>();
    const now = this.#init.clock();
    if (!resource || resource.usedAt || Date.parse(resource.expiresAt) <= now.getTime()) return undefined;
    if ((resource.purpose ?? 'passwordReset') !== purpose) return undefined;
    const { _etag, ...doc } = resource;
    try {
      await this.#c
        .item(id, id)
        .replace<ResetTokenDocument>(
          { ...doc, usedAt: now.toISOString() },
          { accessCondition: { type: 'IfMatch', condition: _etag } },
        );
    } catch (err) {
      // A concurrent reset with the same token won the race: for this one the token is spent.
      if (cosmosStatus(err) === 412) return undefined;
      throw err;
    }
    return { userId: resource.userId, generation: resource.generation ?? 0 };
  }
}
