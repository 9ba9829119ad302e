/** A running non-HTTP trigger (timer, Service Bus receiver, Cosmos DB change feed processor). */
export interface TriggerListener {
  readonly functionName: string;
  start(): Promise<void>;
  /** Stops taking new work, waits for in-flight invocations and flushes state (checkpoints). */
  stop(): Promise<void>;
}
