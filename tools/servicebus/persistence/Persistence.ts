import type { StoredMessage } from '../broker/StoredMessage';

/** One change to an entity's contents. Replaying the records in order rebuilds every entity. */
export type LogRecord =
  /** A message added or rewritten (bare bytes changed). */
  | { type: 'put'; entity: string; message: StoredMessage }
  /** State, schedule or delivery count changed; the bytes did not. */
  | {
      type: 'update';
      entity: string;
      seq: number;
      state: number;
      deliveryCount: number;
      scheduledAt: number;
      expiresAt: number;
    }
  | { type: 'delete'; entity: string; seq: number }
  | { type: 'sessionState'; entity: string; sessionId: string; state: Buffer | undefined }
  /** The entity's last assigned sequence number, so numbers never go back after messages are removed. */
  | { type: 'sequence'; entity: string; seq: number };

export interface EntitySnapshot {
  messages: Map<number, StoredMessage>;
  lastSequence: number;
  sessionStates: Map<string, Buffer>;
}

/**
 * Where entity contents live. `append` is synchronous and ordered; `flush` resolves once everything appended so far
 * is durable, so a sender is acknowledged only after its messages are written.
 */
export interface Persistence {
  readonly durable: boolean;
  /** Replays what was stored (compacting it), keyed by lower-case entity path. */
  load(): Promise<Map<string, EntitySnapshot>>;
  append(record: LogRecord): void;
  flush(): Promise<void>;
  close(): Promise<void>;
}
