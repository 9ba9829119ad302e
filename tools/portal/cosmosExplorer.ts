import { ChangeFeedStartFrom, CosmosClient, type SqlParameter } from '@azure/cosmos';
import { portalErrors } from './errors';

export interface ContainerInfo {
  database: string;
  container: string;
  partitionKey: string[];
  defaultTtl: number | null;
  itemCount: number;
}

export interface LeaseInfo {
  leaseContainer: string;
  id: string;
  monitored: string | undefined;
  owner: string | null;
  continuation: string | null;
  timestamp: string | undefined;
  /** Changes on the monitored container after the lease's continuation (capped at BEHIND_CAP). */
  behind: number | null;
}

// Counting pending changes reads them: stop counting past this many and show "≥".
export const BEHIND_CAP = 10_000;

interface LeaseDocLike {
  id: string;
  LeaseToken?: string;
  Owner?: string | null;
  ContinuationToken?: string | null;
  timestamp?: string;
}

/** Databases, containers, items, queries, change-feed leases: what Data Explorer shows, through @azure/cosmos. */
export class CosmosExplorer {
  readonly #client: CosmosClient;

  constructor(connectionString: string) {
    this.#client = new CosmosClient(connectionString);
  }

  async containers(): Promise<ContainerInfo[]> {
    const { resources: dbs } = await this.#client.databases.readAll().fetchAll();
    const out: ContainerInfo[] = [];
    for (const db of dbs) {
      const { resources } = await this.#client.database(db.id).containers.readAll().fetchAll();
      for (const c of resources) {
        const { resources: count } = await this.#client
          .database(db.id)
          .container(c.id)
          .items.query<number>('SELECT VALUE COUNT(1) FROM c')
          .fetchAll();
        out.push({
          database: db.id,
          container: c.id,
          partitionKey: c.partitionKey?.paths ?? [],
          defaultTtl: c.defaultTtl ?? null,
          itemCount: count[0] ?? 0,
        });
      }
    }
    return out;
  }

  /** One page of a parameterised query, optionally within one partition, resumed from `continuation`. */
  async query(input: {
    database: string;
    container: string;
    query: string;
    parameters?: SqlParameter[];
    partitionKey?: string;
    pageSize?: number;
    continuation?: string;
  }): Promise<{ items: unknown[]; continuation: string | undefined; charge: number }> {
    if (!input.query.trim()) throw portalErrors.badRequest('the query is empty');
    const iterator = this.#client
      .database(input.database)
      .container(input.container)
      .items.query(
        { query: input.query, parameters: input.parameters ?? [] },
        {
          maxItemCount: Math.max(1, Math.min(input.pageSize ?? 20, 1000)),
          ...(input.continuation ? { continuationToken: input.continuation } : {}),
          ...(input.partitionKey !== undefined && input.partitionKey !== ''
            ? { partitionKey: input.partitionKey }
            : {}),
        },
      );
    const page = await iterator.fetchNext();
    return { items: page.resources, continuation: page.continuationToken, charge: page.requestCharge };
  }

  /** Every lease document in containers named `leases*`, with how far each is behind its container's feed. */
  async leases(): Promise<LeaseInfo[]> {
    const all = await this.containers();
    const out: LeaseInfo[] = [];
    for (const lc of all.filter((c) => /^leases/i.test(c.container))) {
      const { resources } = await this.#client
        .database(lc.database)
        .container(lc.container)
        .items.query<LeaseDocLike>('SELECT * FROM c WHERE IS_DEFINED(c.LeaseToken)')
        .fetchAll();
      for (const lease of resources) {
        // Lease ids are `<prefix><account>_<database>_<container>..<range>` (tools/host/cosmos/LeaseStore.ts).
        const target = all.find((c) => lease.id.includes(`_${c.database}_${c.container}.`));
        out.push({
          leaseContainer: `${lc.database}/${lc.container}`,
          id: lease.id,
          monitored: target ? `${target.database}/${target.container}` : undefined,
          owner: lease.Owner ?? null,
          continuation: lease.ContinuationToken ?? null,
          timestamp: lease.timestamp,
          behind: target ? await this.#behind(target, lease.ContinuationToken ?? null) : null,
        });
      }
    }
    return out;
  }

  async #behind(target: ContainerInfo, continuation: string | null): Promise<number | null> {
    const container = this.#client.database(target.database).container(target.container);
    try {
      const iterator = container.items.getChangeFeedIterator({
        changeFeedStartFrom: continuation
          ? ChangeFeedStartFrom.Continuation(continuation)
          : ChangeFeedStartFrom.Beginning(),
        maxItemCount: 1000,
      });
      let pending = 0;
      while (iterator.hasMoreResults && pending < BEHIND_CAP) {
        const page = await iterator.readNext();
        // 304 (no new changes) is the end of the feed for now.
        if (page.statusCode === 304 || page.result.length === 0) break;
        pending += page.result.length;
      }
      return Math.min(pending, BEHIND_CAP);
    } catch {
      // A continuation from another SDK or account layout: position unknown rather than a failed page.
      return null;
    }
  }

  close(): void {
    this.#client.dispose();
  }
}
