import type { DequeuedMessageItem, QueueClient } from '@azure/storage-queue';
import type { IndexedFunction } from '../app/indexFunctions';
import { BindingConfigError, describeError } from '../errors';
import type { HostLogger } from '../invoke/HostLogger';
import type { Invoker } from '../invoke/Invoker';
import type { TriggerListener } from '../TriggerListener';
import type { StorageClients } from './StorageClients';
import { PollBackoff } from './PollBackoff';
import { decodeMessage, queueInput, queueMetadata } from './queueMessage';
import type { QueueHostOptions } from './queueOptions';

/** How long a dequeued message stays invisible while it runs; renewed at half of it, as the extension does. */
const PROCESSING_VISIBILITY_S = 600;

function isNotFound(err: unknown): boolean {
  return (err as { statusCode?: number } | undefined)?.statusCode === 404;
}

/**
 * A storage queue trigger as the queue extension runs it: polls `batchSize` messages at a time, fetches again once
 * in-flight work drops to `newBatchThreshold`, backs off on an empty queue from 100 ms to `maxPollingInterval`.
 * Success deletes the message; failure makes it visible again after `visibilityTimeout`, and the try that reaches
 * `maxDequeueCount` moves it to `<queue>-poison` (as does a message already past it, or not valid base64).
 */
export class QueueListener implements TriggerListener {
  readonly functionName: string;
  readonly queueName: string;
  #queue: QueueClient | undefined;
  #poison: Promise<QueueClient> | undefined;
  #loop: Promise<void> | undefined;
  #inFlight = new Set<Promise<void>>();
  #stopped = false;
  #wake: (() => void) | undefined;
  readonly #backoff: PollBackoff;

  constructor(
    private readonly f: IndexedFunction,
    private readonly invoker: Invoker,
    private readonly logger: HostLogger,
    private readonly clients: StorageClients,
    private readonly options: QueueHostOptions,
  ) {
    this.functionName = f.name;
    const name = f.trigger.options.queueName;
    if (typeof name !== 'string' || !/^[a-z0-9](?!.*--)[a-z0-9-]{1,61}[a-z0-9]$/.test(name))
      throw new BindingConfigError(f.name, `queueName '${String(name)}' is not a valid queue name`);
    this.queueName = name;
    this.#backoff = new PollBackoff(options.maxPollingIntervalMs);
  }

  async start(): Promise<void> {
    const service = await this.clients.queues(this.f.trigger.options.connection);
    this.#queue = service.getQueueClient(this.queueName);
    // Reach the account once, so a wrong connection fails the start (and is retried) instead of the loop.
    await service.getProperties();
    this.#loop = this.#run(this.#queue);
  }

  async #run(queue: QueueClient): Promise<void> {
    while (!this.#stopped) {
      // Invariant: at most batchSize + newBatchThreshold messages run at once, as in the extension.
      while (this.#inFlight.size > this.options.newBatchThreshold && !this.#stopped)
        await Promise.race(this.#inFlight);
      if (this.#stopped) break;
      let batch: DequeuedMessageItem[] = [];
      try {
        const res = await queue.receiveMessages({
          numberOfMessages: this.options.batchSize,
          visibilityTimeout: PROCESSING_VISIBILITY_S,
        });
        batch = res.receivedMessageItems;
      } catch (err) {
        // A queue that does not exist yet is an empty queue, as for the extension.
        if (!isNotFound(err))
          this.logger.host(
            'warning',
            `Function '${this.functionName}': polling '${this.queueName}' failed: ${describeError(err)}`,
          );
      }
      for (const m of batch) this.#track(this.#process(queue, m));
      if (batch.length > 0) this.#backoff.reset();
      else await this.#sleep(this.#backoff.next());
    }
  }

  #track(work: Promise<void>): void {
    const p = work.catch((err: unknown) =>
      this.logger.host('error', `Function '${this.functionName}': ${describeError(err)}`),
    );
    this.#inFlight.add(p);
    void p.finally(() => this.#inFlight.delete(p));
  }

  #sleep(ms: number): Promise<void> {
    return new Promise<void>((done) => {
      const timer = setTimeout(finish, ms);
      function finish(): void {
        clearTimeout(timer);
        done();
      }
      this.#wake = finish;
    }).finally(() => (this.#wake = undefined));
  }

  /** Polls at once (an output binding of this host just wrote to the queue, as the extension's queue watcher does). */
  notify(): void {
    this.#backoff.reset();
    this.#wake?.();
  }

  async #process(queue: QueueClient, m: DequeuedMessageItem): Promise<void> {
    const body = decodeMessage(m.messageText, this.options.messageEncoding);
    if (body === undefined) {
      this.logger.host(
        'warning',
        `Function '${this.functionName}': message '${m.messageId}' is not valid base64; moved to '${this.queueName}-poison'.`,
      );
      return this.#poisonAndDelete(queue, m, m.popReceipt);
    }
    if (m.dequeueCount > this.options.maxDequeueCount) return this.#poisonAndDelete(queue, m, m.popReceipt);
    const receipt = { pop: m.popReceipt };
    const renew = setInterval(
      () => {
        queue
          .updateMessage(m.messageId, receipt.pop, undefined, PROCESSING_VISIBILITY_S)
          .then((r) => (receipt.pop = r.popReceipt ?? receipt.pop))
          .catch(() => undefined);
      },
      (PROCESSING_VISIBILITY_S / 2) * 1000,
    );
    renew.unref();
    let ok = true;
    try {
      await this.invoker.invoke(this.f, {
        inputData: [{ name: this.f.trigger.name, data: queueInput(body) }],
        triggerMetadata: queueMetadata(this.functionName, m, body),
        reason: `New queue message detected on '${this.queueName}'.`,
      });
    } catch {
      ok = false; // The invoker has logged the failure.
    } finally {
      clearInterval(renew);
    }
    try {
      if (ok) await queue.deleteMessage(m.messageId, receipt.pop);
      else if (m.dequeueCount >= this.options.maxDequeueCount)
        await this.#poisonAndDelete(queue, m, receipt.pop);
      else
        await queue.updateMessage(
          m.messageId,
          receipt.pop,
          undefined,
          Math.round(this.options.visibilityTimeoutMs / 1000),
        );
    } catch (err) {
      this.logger.host(
        'warning',
        `Function '${this.functionName}': settling message '${m.messageId}' failed: ${describeError(err)}`,
      );
    }
  }

  async #poisonAndDelete(queue: QueueClient, m: DequeuedMessageItem, popReceipt: string): Promise<void> {
    const poisonName = `${this.queueName}-poison`;
    this.#poison ??= (async () => {
      const service = await this.clients.queues(this.f.trigger.options.connection);
      const q = service.getQueueClient(poisonName);
      await q.createIfNotExists();
      return q;
    })();
    const poison = await this.#poison.catch((err: unknown) => {
      this.#poison = undefined;
      throw err;
    });
    // The text as it was (still encoded): a consumer of the poison queue reads it as it would have the original.
    await poison.sendMessage(m.messageText);
    await queue.deleteMessage(m.messageId, popReceipt);
    this.logger.host(
      'warning',
      `Message '${m.messageId}' has reached MaxDequeueCount of ${this.options.maxDequeueCount}. Moving message to queue '${poisonName}'.`,
    );
  }

  async stop(): Promise<void> {
    this.#stopped = true;
    this.#wake?.();
    await this.#loop;
    await Promise.allSettled([...this.#inFlight]);
  }
}
