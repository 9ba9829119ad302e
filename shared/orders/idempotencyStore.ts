import type { Container } from '@azure/cosmos';
import { createHash } from 'node:crypto';
import { cosmosStatus } from './cosmosStatus';
import { ensureError } from './errors';

/** The first response to a request, replayed verbatim for a retry with the same key and body. */
export interface StoredResponse {
  status: number;
  headers: Record<string, string>;
  body: unknown;
}

/**
 * One Idempotency-Key of one customer (container `idempotency`, partition key /id). The record reserves the
 * order id before the order exists, so every request with this key, concurrent or a retry after a crash,
 * creates or finds the same order: Cosmos DB's unique id per partition makes "exactly one order" hold.
 * The container's default TTL (infra/topology.json) is how long a key is remembered.
 */
export interface IdempotencyRecord {
  id: string;
  customerId: string;
  key: string;
  requestHash: string;
  orderId: string;
  state: 'pending' | 'completed';
  response?: StoredResponse;
  createdAt: string;
}

/** Ids are hashed because a key may contain characters Cosmos DB forbids in ids (`/ \ ? #`). */
export function idempotencyRecordId(customerId: string, key: string): string {
  return createHash('sha256').update(`${customerId}\n${key}`).digest('base64url');
}

export interface IdempotencyStoreInit {
  /** Container `idempotency` (partition key /id). */
  container: Container;
  /** How long a key is remembered (the container's defaultTtl). Default: forever. */
  ttlSeconds?: number | undefined;
}

export class IdempotencyStore {
  private readonly container: Container;
  private readonly ttlSeconds: number | undefined;

  constructor(init: IdempotencyStoreInit) {
    this.container = init.container;
    this.ttlSeconds = init.ttlSeconds;
  }

  /**
   * Creates the record, or returns the one that won the race for this id. A record older than the key lifetime
   * counts as gone and is taken over (Cosmos DB's TTL would have deleted it; the offline server does not expire
   * items), so a key behaves the same in Azure and offline.
   */
  async begin(
    candidate: IdempotencyRecord,
  ): Promise<{ record: IdempotencyRecord; etag: string; fresh: boolean }> {
    for (;;) {
      try {
        const { resource } = await this.container.items.create(candidate);
        return { record: candidate, etag: resource?._etag ?? '', fresh: true };
      } catch (err) {
        if (cosmosStatus(err) !== 409) throw ensureError(err);
      }
      const { resource } = await this.container.item(candidate.id, candidate.id).read<IdempotencyRecord>();
      // Gone between the 409 and the read (expired that instant): create again.
      if (!resource) continue;
      const etag = resource._etag ?? '';
      if (!this.expired(resource, candidate.createdAt)) return { record: resource, etag, fresh: false };
      try {
        const { resource: replaced } = await this.container
          .item(candidate.id, candidate.id)
          .replace(candidate, { accessCondition: { type: 'IfMatch', condition: etag } });
        return { record: candidate, etag: replaced?._etag ?? '', fresh: true };
      } catch (err) {
        // Another request took the expired record over first: read its record again.
        if (cosmosStatus(err) !== 412) throw ensureError(err);
      }
    }
  }

  private expired(record: IdempotencyRecord, now: string): boolean {
    if (this.ttlSeconds === undefined || this.ttlSeconds <= 0) return false;
    return Date.parse(now) - Date.parse(record.createdAt) >= this.ttlSeconds * 1000;
  }

  /**
   * Stores the response. Racing completers write the same order's response; whoever loses (412) has nothing
   * left to do, so that outcome is not an error.
   */
  async complete(record: IdempotencyRecord, etag: string, response: StoredResponse): Promise<void> {
    const done: IdempotencyRecord = { ...record, state: 'completed', response };
    try {
      await this.container
        .item(record.id, record.id)
        .replace(done, etag ? { accessCondition: { type: 'IfMatch', condition: etag } } : {});
    } catch (err) {
      if (cosmosStatus(err) !== 412) throw ensureError(err);
    }
  }
}
