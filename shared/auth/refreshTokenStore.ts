import type { Container } from '@azure/cosmos';
import { cosmosStatus } from './cosmosStatus';
import type { RefreshTokenDocument, RevokedFamilyDocument } from './documents';
import { formatRefreshToken, hashSecret, newSecret, parseRefreshToken, secretMatches } from './opaqueToken';

export interface RefreshTokenStoreInit {
  /** identity/refreshTokens, partition key /userId, TTL on per item. */
  container: Container;
  ttlSeconds: number;
  clock: () => Date;
  newId: () => string;
}

export type StoredRefreshToken = RefreshTokenDocument & { _etag: string };

export interface FoundRefreshToken {
  doc: StoredRefreshToken;
  familyRevoked: boolean;
}

/**
 * Refresh tokens with rotation. A family is the chain of tokens descending from one login; revoking it
 * writes one marker document that every later refresh of the family reads (a point read in the same
 * partition), so a token minted concurrently with the revocation is dead too.
 */
export class RefreshTokenStore {
  readonly #c: Container;
  readonly #init: RefreshTokenStoreInit;

  constructor(init: RefreshTokenStoreInit) {
    this.#c = init.container;
    this.#init = init;
  }

  /**
   * A new token: a new family for a login, or `familyId` (and the pre-chosen `tokenId`) for a rotation.
   * `generation` is the user's token generation the token belongs to (a rotation passes its predecessor's).
   */
  async issue(
    userId: string,
    generation: number,
    familyId: string = this.#init.newId(),
    tokenId: string = this.#init.newId(),
  ): Promise<{ token: string; doc: RefreshTokenDocument }> {
    const now = this.#init.clock();
    const secret = newSecret();
    const doc: RefreshTokenDocument = {
      id: tokenId,
      type: 'refreshToken',
      userId,
      familyId,
      secretHash: hashSecret(secret),
      generation,
      createdAt: now.toISOString(),
      expiresAt: new Date(now.getTime() + this.#init.ttlSeconds * 1000).toISOString(),
      // Kept until it would have expired anyway: a spent token must stay recognisable for reuse detection.
      ttl: this.#init.ttlSeconds + 60,
    };
    await this.#c.items.create(doc);
    return { token: formatRefreshToken({ userId, familyId, tokenId: doc.id, secret }), doc };
  }

  /** The token's document when the token is genuine (secret matches), whatever its state; else undefined. */
  async find(token: string): Promise<FoundRefreshToken | undefined> {
    const parsed = parseRefreshToken(token);
    if (!parsed) return undefined;
    const [{ resource }, { resource: marker }] = await Promise.all([
      this.#c.item(parsed.tokenId, parsed.userId).read<RefreshTokenDocument>(),
      this.#c.item(`family-${parsed.familyId}`, parsed.userId).read<RevokedFamilyDocument>(),
    ]);
    if (
      resource?.type !== 'refreshToken' ||
      resource.userId !== parsed.userId ||
      resource.familyId !== parsed.familyId ||
      !secretMatches(parsed.secret, resource.secretHash)
    ) {
      return undefined;
    }
    return { doc: resource, familyRevoked: marker?.type === 'revokedFamily' };
  }

  /** Marks a token spent, only if nobody else did since it was read; false means a concurrent use (reuse). */
  async markUsed(doc: StoredRefreshToken, replacedBy: string): Promise<boolean> {
    const { _etag, ...plain } = doc;
    const next: RefreshTokenDocument = { ...plain, usedAt: this.#init.clock().toISOString(), replacedBy };
    try {
      await this.#c
        .item(doc.id, doc.userId)
        .replace(next, { accessCondition: { type: 'IfMatch', condition: _etag } });
      return true;
    } catch (err) {
      if (cosmosStatus(err) === 412) return false;
      throw err;
    }
  }

  async revokeFamily(
    userId: string,
    familyId: string,
    reason: RevokedFamilyDocument['reason'],
  ): Promise<void> {
    const marker: RevokedFamilyDocument = {
      id: `family-${familyId}`,
      type: 'revokedFamily',
      userId,
      familyId,
      revokedAt: this.#init.clock().toISOString(),
      reason,
      ttl: this.#init.ttlSeconds + 60,
    };
    // Upsert: revoking twice (reuse after logout) is fine and keeps the first reason irrelevant.
    await this.#c.items.upsert(marker);
  }
}
