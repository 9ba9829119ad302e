import type { StoredMessage } from './StoredMessage';

/** A receiver link as the entity sees it: credit to spend, and a way to hand over a message. */
export interface Consumer {
  readonly receiveAndDelete: boolean;
  /** The session this consumer holds the lock of (session entities only). */
  sessionId: string | undefined;
  credit(): number;
  /** Hands over a message; `lockToken` is set in peekLock mode. */
  deliver(message: StoredMessage): void;
  /** The session lock expired: the consumer must stop (the link is detached with SessionLockLost). */
  sessionLost(sessionId: string): void;
}
