import type { ServiceBusClient, ServiceBusReceivedMessage, ServiceBusReceiver } from '@azure/service-bus';
import type { IndexedFunction } from '../app/indexFunctions';
import { ensureError } from '../errors';
import type { HostLogger } from '../invoke/HostLogger';
import type { Invoker } from '../invoke/Invoker';
import type { Clients } from '../outputs/Clients';
import type { TriggerListener } from '../TriggerListener';
import { entityAddress, type EntityAddress } from './entityPath';
import { SessionPump } from './SessionPump';
import { batchInput, batchMetadata, messageInput, messageMetadata } from './serviceBusInput';
import type { ServiceBusHostOptions } from './serviceBusOptions';

/** Waits for `p` at most `ms`, never throwing: stopping must not hang on a connection that never came up. */
function bounded(p: Promise<unknown> | undefined, ms = 2000): Promise<void> {
  if (!p) return Promise.resolve();
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    p.then(
      () => undefined,
      () => undefined,
    ),
    new Promise<void>((r) => (timer = setTimeout(r, ms))),
  ]).finally(() => clearTimeout(timer));
}

/**
 * A Service Bus trigger through @azure/service-bus, against any namespace. Peek-lock; on success the message is
 * completed (autoCompleteMessages), on a thrown error it is abandoned, so the broker counts the delivery and
 * dead-letters after maxDeliveryCount, as in Azure. Cardinality `many` receives batches.
 */
export class ServiceBusListener implements TriggerListener {
  readonly functionName: string;
  readonly address: EntityAddress;
  #receiver: ServiceBusReceiver | undefined;
  #subscription: { close(): Promise<void> } | undefined;
  #inFlight = new Set<Promise<void>>();
  #batchLoop: Promise<void> | undefined;
  #abort = new AbortController();
  #stopped = false;
  readonly #many: boolean;
  readonly #binary: boolean;
  readonly #autoComplete: boolean;
  readonly #sessions: boolean;
  #sessionPump: SessionPump | undefined;

  constructor(
    private readonly f: IndexedFunction,
    private readonly invoker: Invoker,
    private readonly logger: HostLogger,
    private readonly clients: Clients,
    private readonly options: ServiceBusHostOptions,
  ) {
    this.functionName = f.name;
    const o = f.trigger.options;
    this.address = entityAddress(f.name, o);
    this.#many = typeof o.cardinality === 'string' && o.cardinality.toLowerCase() === 'many';
    this.#binary = typeof o.dataType === 'string' && o.dataType.toLowerCase() === 'binary';
    // Newer extensions let a function override host.json's autoCompleteMessages.
    this.#autoComplete =
      typeof o.autoCompleteMessages === 'boolean' ? o.autoCompleteMessages : options.autoCompleteMessages;
    this.#sessions = o.isSessionsEnabled === true;
  }

  async start(): Promise<void> {
    const client: ServiceBusClient = await this.clients.serviceBus(this.f.trigger.options.connection);
    const a = this.address;
    const opts = {
      receiveMode: 'peekLock' as const,
      maxAutoLockRenewalDurationInMs: this.options.maxAutoLockRenewalDurationMs,
      // Bodies arrive as bytes and are decoded the way the extension decodes them (see serviceBusInput).
      skipParsingBodyAsJson: true,
      ...(a.subQueueType ? { subQueueType: a.subQueueType } : {}),
    };
    if (this.#sessions) {
      this.#sessionPump = new SessionPump(
        client,
        a,
        {
          maxConcurrentSessions: this.options.maxConcurrentSessions,
          sessionIdleTimeoutMs: this.options.sessionIdleTimeoutMs,
          maxAutoLockRenewalDurationMs: this.options.maxAutoLockRenewalDurationMs,
          batchSize: this.#many ? this.options.maxMessageBatchSize : 1,
        },
        // Within a session, messages are handled in order, one invocation at a time.
        (receiver, msgs) =>
          this.#track(this.#many ? this.#batch(receiver, msgs) : this.#inOrder(receiver, msgs)),
        this.logger,
        this.functionName,
      );
      this.#sessionPump.start();
      this.logger.host(
        'information',
        `Function '${this.functionName}' listening on Service Bus ${a.display} (sessions)`,
      );
      return;
    }
    this.#receiver = a.subscription
      ? client.createReceiver(a.entity, a.subscription, opts)
      : client.createReceiver(a.entity, opts);
    if (!this.#autoComplete) {
      this.logger.host(
        'warning',
        `Function '${this.functionName}': autoCompleteMessages is off; a Node.js function cannot settle messages, so each one stays locked until its lock expires.`,
      );
    }
    if (this.#many) this.#batchLoop = this.#runBatches(this.#receiver);
    else {
      this.#subscription = this.#receiver.subscribe(
        {
          processMessage: (msg) => this.#track(this.#one(this.#receiver!, msg)),
          processError: (args) => {
            if (!this.#stopped)
              this.logger.host(
                'warning',
                `Service Bus receiver for '${this.functionName}' (${a.display}): ${args.error.message}`,
              );
            return Promise.resolve();
          },
        },
        { autoCompleteMessages: false, maxConcurrentCalls: this.options.maxConcurrentCalls },
      );
    }
    this.logger.host('information', `Function '${this.functionName}' listening on Service Bus ${a.display}`);
  }

  #track(p: Promise<void>): Promise<void> {
    this.#inFlight.add(p);
    return p.finally(() => this.#inFlight.delete(p));
  }

  async #one(receiver: ServiceBusReceiver, msg: ServiceBusReceivedMessage): Promise<void> {
    try {
      await this.invoker.invoke(this.f, {
        inputData: [{ name: this.f.trigger.name, data: messageInput(msg, this.#binary) }],
        triggerMetadata: messageMetadata(this.functionName, msg),
        reason: `New ServiceBus message detected on '${this.address.display}'.`,
      });
    } catch {
      if (this.#autoComplete) await this.#settle(() => receiver.abandonMessage(msg), 'abandon');
      return;
    }
    if (this.#autoComplete) await this.#settle(() => receiver.completeMessage(msg), 'complete');
  }

  async #inOrder(receiver: ServiceBusReceiver, msgs: ServiceBusReceivedMessage[]): Promise<void> {
    for (const m of msgs) await this.#one(receiver, m);
  }

  async #runBatches(receiver: ServiceBusReceiver): Promise<void> {
    while (!this.#stopped) {
      let msgs: ServiceBusReceivedMessage[];
      try {
        msgs = await receiver.receiveMessages(this.options.maxMessageBatchSize, {
          maxWaitTimeInMs: this.options.maxBatchWaitTimeMs,
          abortSignal: this.#abort.signal,
        });
      } catch (err) {
        if (this.#stopped) return;
        this.logger.host(
          'warning',
          `Service Bus batch receive for '${this.functionName}' failed: ${ensureError(err).message}`,
        );
        await new Promise((r) => setTimeout(r, 1000));
        continue;
      }
      if (msgs.length === 0) continue;
      await this.#track(this.#batch(receiver, msgs));
    }
  }

  async #batch(receiver: ServiceBusReceiver, msgs: ServiceBusReceivedMessage[]): Promise<void> {
    let ok = true;
    try {
      await this.invoker.invoke(this.f, {
        inputData: [{ name: this.f.trigger.name, data: batchInput(msgs, this.#binary) }],
        triggerMetadata: batchMetadata(this.functionName, msgs),
        reason: `New ServiceBus message batch (${msgs.length}) detected on '${this.address.display}'.`,
      });
    } catch {
      ok = false;
    }
    if (!this.#autoComplete) return;
    for (const m of msgs) {
      await this.#settle(
        () => (ok ? receiver.completeMessage(m) : receiver.abandonMessage(m)),
        ok ? 'complete' : 'abandon',
      );
    }
  }

  async #settle(op: () => Promise<void>, what: string): Promise<void> {
    try {
      await op();
    } catch (err) {
      // Lock lost or link gone: the broker redelivers after the lock expires, which is what Azure does too.
      this.logger.host(
        'warning',
        `Could not ${what} a message for '${this.functionName}': ${ensureError(err).message}`,
      );
    }
  }

  async stop(): Promise<void> {
    this.#stopped = true;
    this.#abort.abort();
    // Against an unreachable namespace the SDK's close waits on its reconnect loop; closing the client ends that.
    await bounded(this.#subscription?.close());
    await this.#sessionPump?.stop();
    await this.#batchLoop?.catch(() => undefined);
    // Settlement needs the link: let in-flight invocations finish and settle before closing it.
    await Promise.allSettled([...this.#inFlight]);
    await bounded(this.#receiver?.close());
  }
}
