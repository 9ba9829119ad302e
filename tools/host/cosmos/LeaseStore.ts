import type { Container, FeedRange } from '@azure/cosmos';
import { ensureError } from '../errors';

/**
 * One lease per feed range of the monitored container, in the lease container, in the spirit of the Change Feed
 * Processor's documents: `LeaseToken`, `ContinuationToken`, `Owner`, `timestamp`, `FeedRange`.
 */
export interface LeaseDoc {
  id: string;
  version: 1;
  LeaseToken: string;
  FeedRange: { Range: { min: string; max: string; isMinInclusive: true; isMaxInclusive: false } };
  ContinuationToken: string | null;
  Owner: string | null;
  timestamp: string;
  properties: Record<string, unknown>;
  _etag?: string;
}

export interface MonitoredId {
  /** Account host, e.g. `127.0.0.1:8081` or `contoso.documents.azure.com`. */
  account: string;
  database: string;
  container: string;
}

function isStatus(err: unknown, code: number): boolean {
  return !!err && typeof err === 'object' && 'code' in err && err.code === code;
}

/** Leases for one (prefix, monitored container): create, acquire, renew, checkpoint, release. */
export class LeaseStore {
  readonly #base: string;

  constructor(
    private readonly leases: Container,
    prefix: string,
    monitored: MonitoredId,
    readonly owner: string,
    private readonly expirationMs: number,
  ) {
    this.#base = `${prefix}${monitored.account}_${monitored.database}_${monitored.container}`;
  }

  /** Creates a lease for every feed range that has none (a conflict means another instance just did). */
  async ensure(ranges: readonly FeedRange[]): Promise<LeaseDoc[]> {
    await this.leases.items
      .upsert({ id: `${this.#base}.info`, created: new Date().toISOString() })
      .catch(() => undefined);
    const out: LeaseDoc[] = [];
    for (let i = 0; i < ranges.length; i++) {
      const r = ranges[i]!;
      const id = `${this.#base}..${i}`;
      const { resource } = await this.leases.item(id, id).read<LeaseDoc>();
      if (resource) {
        out.push(resource);
        continue;
      }
      const doc: LeaseDoc = {
        id,
        version: 1,
        LeaseToken: String(i),
        FeedRange: {
          Range: { min: r.minInclusive, max: r.maxExclusive, isMinInclusive: true, isMaxInclusive: false },
        },
        ContinuationToken: null,
        Owner: null,
        timestamp: new Date().toISOString(),
        properties: {},
      };
      try {
        const { resource: created } = await this.leases.items.create<LeaseDoc>(doc);
        out.push(created ?? doc);
      } catch (err) {
        if (!isStatus(err, 409)) throw ensureError(err);
        const { resource: existing } = await this.leases.item(id, id).read<LeaseDoc>();
        if (existing) out.push(existing);
      }
    }
    return out;
  }

  /** Free, ours already (a restart of this instance) or expired: take it. Otherwise undefined. */
  async acquire(lease: LeaseDoc): Promise<LeaseDoc | undefined> {
    const { resource: current } = await this.leases.item(lease.id, lease.id).read<LeaseDoc>();
    if (!current) return undefined;
    const age = Date.now() - Date.parse(current.timestamp);
    if (current.Owner && current.Owner !== this.owner && age < this.expirationMs) return undefined;
    return this.#write({ ...current, Owner: this.owner, timestamp: new Date().toISOString() });
  }

  /** Saves the continuation after a batch; undefined when another instance took the lease meanwhile. */
  checkpoint(lease: LeaseDoc, continuation: string): Promise<LeaseDoc | undefined> {
    return this.#write({ ...lease, ContinuationToken: continuation, timestamp: new Date().toISOString() });
  }

  renew(lease: LeaseDoc): Promise<LeaseDoc | undefined> {
    return this.#write({ ...lease, timestamp: new Date().toISOString() });
  }

  async release(lease: LeaseDoc): Promise<void> {
    await this.#write({ ...lease, Owner: null, timestamp: new Date().toISOString() });
  }

  /** Optimistic concurrency on the lease's etag: a 412 means we lost it. */
  async #write(doc: LeaseDoc): Promise<LeaseDoc | undefined> {
    const { _etag, ...body } = doc;
    try {
      const { resource } = await this.leases
        .item(doc.id, doc.id)
        .replace<LeaseDoc>(
          body as LeaseDoc,
          _etag ? { accessCondition: { type: 'IfMatch', condition: _etag } } : {},
        );
      return resource;
    } catch (err) {
      if (isStatus(err, 412) || isStatus(err, 404)) return undefined;
      throw ensureError(err);
    }
  }
}
