import type { Container } from '@azure/cosmos';
import { cosmosStatus } from './cosmosStatus';
import type { ResetTokenDocument } from './documents';
import { hashSecret, newSecret } from './opaqueToken';

export interface ResetTokenStoreInit {
  /** identity/resetTokens, partition key /id, TTL on per item. */
  container: Container;
  ttlSeconds: number;
  clock: () => Date;
}

/**
 * One-time password reset tokens. The document id is sha256(token), so the token is never stored and a
 * lookup is one point read. Single use is enforced by a conditional replace (If-Match) that marks it used.
 */
export class ResetTokenStore {
  readonly #c: Container;
  readonly #init: ResetTokenStoreInit;

  constructor(init: ResetTokenStoreInit) {
    this.#c = init.container;
    this.#init = init;
  }

  async create(userId: string): Promise<{ token: string; expiresAt: string }> {
    const now = this.#init.clock();
    const token = newSecret();
    const doc: ResetTokenDocument = {
      id: hashSecret(token),
      userId,
      createdAt: now.toISOString(),
      expiresAt: new Date(now.getTime() + this.#init.ttlSeconds * 1000).toISOString(),
      ttl: this.#init.ttlSeconds + 60,
    };
    await this.#c.items.create(doc);
    return { token, expiresAt: doc.expiresAt };
  }

  /** The user id if the token is known, unused and unexpired, marking it used; undefined otherwise. */
  async consume(token: string): Promise<string | undefined> {
    const id = hashSecret(token);
    const { resource } = await this.#c.item(id, id).read<ResetTokenDocument & { _etag: string }>();
    const now = this.#init.clock();
    if (!resource || resource.usedAt || Date.parse(resource.expiresAt) <= now.getTime()) return undefined;
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
    return resource.userId;
  }
}
