import type { ChangeFeedPullModelIterator, ChangeFeedStartFrom, Container, FeedRange } from '@azure/cosmos';
import type { IndexedFunction } from '../app/indexFunctions';
import { describeError, HostError } from '../errors';
import type { HostLogger } from '../invoke/HostLogger';
import type { Invoker } from '../invoke/Invoker';
import { RetryPolicy } from '../invoke/RetryPolicy';
import type { Clients } from '../outputs/Clients';
import type { TriggerListener } from '../TriggerListener';
import { cosmosTriggerOptions, type CosmosTriggerOptions } from './cosmosTriggerOptions';
import { deliverChanges } from './deliverChanges';
import { LeaseStore, type LeaseDoc } from './LeaseStore';
import { Sleeper } from './Sleeper';
import { openFeedIterator } from './openFeedIterator';
import { openLeaseContainer } from './openLeaseContainer';

interface Owned {
  lease: LeaseDoc;
  range: FeedRange;
  loop: Promise<void>;
}

type FeedPage = { statusCode: number; result: unknown[]; continuationToken: string };

/**
 * A Cosmos DB trigger over @azure/cosmos' change feed, leased and checkpointed per feed range in the lease
 * container, so a restart resumes where it stopped. As in Azure: a batch that still fails after the retry policy
 * (or at once, without one) is checkpointed and lost, with a loud warning; with maxRetryCount -1 nothing is lost.
 */
export class CosmosTriggerListener implements TriggerListener {
  readonly functionName: string;
  #opts: CosmosTriggerOptions | undefined;
  #startFromApi: typeof ChangeFeedStartFrom | undefined;
  #retry: RetryPolicy | undefined;
  #stopped = false;
  #owned = new Map<string, Owned>();
  #store: LeaseStore | undefined;
  #monitored: Container | undefined;
  #sleeper = new Sleeper();
  #acquireLoop: Promise<void> | undefined;
  readonly #appDir: string;

  constructor(
    private readonly f: IndexedFunction,
    private readonly invoker: Invoker,
    private readonly logger: HostLogger,
    private readonly clients: Clients,
    appDir: string,
  ) {
    this.functionName = f.name;
    this.#appDir = appDir;
    this.#retry = RetryPolicy.from(f.fn.metadata.retryOptions);
  }

  get opts(): CosmosTriggerOptions {
    if (!this.#opts) throw new HostError(`Function '${this.functionName}' has not started.`);
    return this.#opts;
  }

  async start(): Promise<void> {
    // Settings are resolved at start, so a missing connection fails this trigger only, not the host.
    const o = (this.#opts = cosmosTriggerOptions(this.functionName, this.f.trigger.options, this.#appDir));
    // The SDK loads only when an app has a Cosmos DB trigger.
    this.#startFromApi = (await import('@azure/cosmos')).ChangeFeedStartFrom;
    const client = await this.clients.cosmos(o.connection);
    const leaseClient =
      o.leaseConnection === o.connection ? client : await this.clients.cosmos(o.leaseConnection);
    this.#monitored = client.database(o.databaseName).container(o.containerName);
    const leases = await openLeaseContainer(leaseClient, o);
    this.#store = new LeaseStore(
      leases,
      o.leaseContainerPrefix,
      { account: o.account, database: o.databaseName, container: o.containerName },
      o.owner,
      o.leaseExpirationIntervalMs,
    );
    const ranges = await this.#monitored.getFeedRanges();
    const docs = await this.#store.ensure(ranges);
    await this.#acquire(docs, ranges);
    this.#acquireLoop = this.#keepAcquiring(ranges);
    const retry = this.#retry
      ? `retry ${this.#retry.strategy} max ${this.#retry.maxRetryCount}`
      : 'no retry policy';
    this.logger.host(
      'information',
      `Function '${this.functionName}' watching ${o.databaseName}/${o.containerName} (${this.#owned.size}/${ranges.length} leases, prefix '${o.leaseContainerPrefix}', ${retry})`,
    );
  }

  async #acquire(docs: LeaseDoc[], ranges: readonly FeedRange[]): Promise<void> {
    for (let i = 0; i < docs.length && !this.#stopped; i++) {
      const doc = docs[i]!;
      if (this.#owned.has(doc.id)) continue;
      const lease = await this.#store!.acquire(doc).catch(() => undefined);
      if (!lease) continue;
      const range = ranges[i]!;
      const owned: Owned = { lease, range, loop: Promise.resolve() };
      this.#owned.set(lease.id, owned);
      const iterator = openFeedIterator(this.#monitored!, this.#startFromApi!, lease, range, this.opts);
      const start = owned.lease.ContinuationToken ? {} : await this.#pinStart(owned, iterator);
      if (!start) {
        this.#owned.delete(lease.id);
        continue;
      }
      owned.loop = this.#run(owned, iterator, start.page).finally(() => this.#owned.delete(lease.id));
    }
  }

  /**
   * A lease with no checkpoint starts where its first read lands ("now" by default), so that read is made here,
   * before start() resolves and the host serves HTTP: made later, in the loop, it would skip for good every change
   * written in between (the orders a client created as soon as the host answered). An empty first page is
   * checkpointed at once; a page with changes is handed to the loop, which delivers it before checkpointing.
   * Undefined when the lease was lost meanwhile; a failed read is left to the loop.
   */
  async #pinStart(
    owned: Owned,
    iterator: ChangeFeedPullModelIterator<unknown>,
  ): Promise<{ page?: FeedPage } | undefined> {
    let page: FeedPage;
    try {
      page = await iterator.readNext();
    } catch (err) {
      this.logger.host(
        'warning',
        `Function '${this.functionName}': change feed read failed: ${describeError(err)}`,
      );
      return {};
    }
    if (page.result.length > 0) return { page };
    if (!page.continuationToken) return {};
    return (await this.#save(owned, page.continuationToken)) ? {} : undefined;
  }

  /** Leases held by another live instance are retried every leaseAcquireInterval, as the processor does. */
  async #keepAcquiring(ranges: readonly FeedRange[]): Promise<void> {
    while (!this.#stopped) {
      await this.#sleep(this.opts.leaseAcquireIntervalMs);
      if (this.#stopped || this.#owned.size === ranges.length) continue;
      try {
        await this.#acquire(await this.#store!.ensure(ranges), ranges);
      } catch (err) {
        this.logger.host(
          'warning',
          `Function '${this.functionName}': lease acquisition failed: ${describeError(err)}`,
        );
      }
    }
  }

  async #run(owned: Owned, iterator: ChangeFeedPullModelIterator<unknown>, first?: FeedPage): Promise<void> {
    let lastWrite = Date.now();
    let pending = first;
    while (!this.#stopped) {
      let page: FeedPage;
      try {
        page = pending ?? (await iterator.readNext());
        pending = undefined;
      } catch (err) {
        this.logger.host(
          'warning',
          `Function '${this.functionName}': change feed read failed: ${describeError(err)}`,
        );
        await this.#sleep(this.opts.feedPollDelayMs);
        continue;
      }
      if (page.result.length === 0) {
        // A new lease records where "now" was, so changes made while the host is down are not skipped on restart.
        const first = !owned.lease.ContinuationToken && page.continuationToken;
        if (first || Date.now() - lastWrite > this.opts.leaseRenewIntervalMs) {
          if (!(await this.#save(owned, first ? page.continuationToken : undefined))) return;
          lastWrite = Date.now();
        }
        await this.#sleep(this.opts.feedPollDelayMs);
        continue;
      }
      const delivered = await deliverChanges(page.result, {
        f: this.f,
        invoker: this.invoker,
        logger: this.logger,
        retry: this.#retry,
        opts: this.opts,
        stopped: () => this.#stopped,
        sleep: (ms) => this.#sleep(ms),
      });
      if (!delivered) return; // Stopped while retrying: leave the checkpoint where it is; a restart redelivers.
      if (!(await this.#save(owned, page.continuationToken))) return;
      lastWrite = Date.now();
    }
  }

  async #save(owned: Owned, continuation: string | undefined): Promise<boolean> {
    try {
      const next = continuation
        ? await this.#store!.checkpoint(owned.lease, continuation)
        : await this.#store!.renew(owned.lease);
      if (!next) {
        this.logger.host(
          'warning',
          `Function '${this.functionName}': lease ${owned.lease.LeaseToken} was taken by another instance.`,
        );
        return false;
      }
      owned.lease = next;
      return true;
    } catch (err) {
      this.logger.host(
        'warning',
        `Function '${this.functionName}': checkpoint failed: ${describeError(err)}`,
      );
      return true;
    }
  }

  #sleep(ms: number): Promise<void> {
    return this.#sleeper.sleep(ms);
  }

  async stop(): Promise<void> {
    this.#stopped = true;
    this.#sleeper.wakeAll();
    await this.#acquireLoop;
    const owned = [...this.#owned.values()];
    await Promise.allSettled(owned.map((o) => o.loop));
    // Hand the leases back so another instance (or the next start) can take them without waiting for expiry.
    await Promise.allSettled(owned.map((o) => this.#store!.release(o.lease)));
  }
}
