import { setMaxListeners } from 'node:events';
import type { ServiceBusClient, ServiceBusReceivedMessage, ServiceBusReceiver } from '@azure/service-bus';
import { ensureError } from '../errors';
import type { HostLogger } from '../invoke/HostLogger';
import type { EntityAddress } from './entityPath';

export interface SessionPumpOptions {
  maxConcurrentSessions: number;
  /** A session with no message for this long is released, so another can be taken. */
  sessionIdleTimeoutMs: number;
  maxAutoLockRenewalDurationMs: number;
  /** Messages per receive: 1 for cardinality one, maxMessageBatchSize for many. */
  batchSize: number;
}

function isTimeout(err: unknown): boolean {
  const code = (err as { code?: unknown } | undefined)?.code;
  return code === 'ServiceTimeout' || code === 'SessionCannotBeLocked' || code === 'OperationTimeout';
}

/**
 * Session-enabled triggers: up to maxConcurrentSessions sessions at once, each locked by one worker that hands
 * its messages over in order (one at a time, or in batches) and lets the session go when it is idle.
 */
export class SessionPump {
  #workers: Promise<void>[] = [];
  #abort = new AbortController();
  #stopped = false;

  constructor(
    private readonly client: ServiceBusClient,
    private readonly address: EntityAddress,
    private readonly opts: SessionPumpOptions,
    private readonly handle: (
      receiver: ServiceBusReceiver,
      msgs: ServiceBusReceivedMessage[],
    ) => Promise<void>,
    private readonly logger: HostLogger,
    private readonly functionName: string,
  ) {}

  start(): void {
    // Every session worker waits on this one signal at once (accept, receive, and the SDK's own retries add
    // theirs): a bounded fan-out, not a leak; without this six session triggers print MaxListenersExceededWarning.
    setMaxListeners(10 + 4 * this.opts.maxConcurrentSessions, this.#abort.signal);
    for (let i = 0; i < this.opts.maxConcurrentSessions; i++) this.#workers.push(this.#work());
  }

  async #accept(): Promise<ServiceBusReceiver> {
    const a = this.address;
    const options = {
      receiveMode: 'peekLock' as const,
      maxAutoLockRenewalDurationInMs: this.opts.maxAutoLockRenewalDurationMs,
      skipParsingBodyAsJson: true,
      abortSignal: this.#abort.signal,
    };
    return a.subscription
      ? this.client.acceptNextSession(a.entity, a.subscription, options)
      : this.client.acceptNextSession(a.entity, options);
  }

  async #work(): Promise<void> {
    while (!this.#stopped) {
      let receiver: ServiceBusReceiver;
      try {
        receiver = await this.#accept();
      } catch (err) {
        if (this.#stopped) return;
        // No free session within the SDK's wait: ask again. Anything else is logged and retried after a pause.
        if (!isTimeout(err)) {
          this.logger.host(
            'warning',
            `Function '${this.functionName}': accepting a session failed: ${ensureError(err).message}`,
          );
          await new Promise((r) => setTimeout(r, 1000));
        }
        continue;
      }
      try {
        while (!this.#stopped) {
          const msgs = await receiver.receiveMessages(this.opts.batchSize, {
            maxWaitTimeInMs: this.opts.sessionIdleTimeoutMs,
            abortSignal: this.#abort.signal,
          });
          if (msgs.length === 0) break;
          await this.handle(receiver, msgs);
        }
      } catch (err) {
        if (!this.#stopped)
          this.logger.host(
            'warning',
            `Function '${this.functionName}': session receive failed: ${ensureError(err).message}`,
          );
      } finally {
        await receiver.close().catch(() => undefined);
      }
    }
  }

  async stop(): Promise<void> {
    this.#stopped = true;
    this.#abort.abort();
    await Promise.allSettled(this.#workers);
  }
}
