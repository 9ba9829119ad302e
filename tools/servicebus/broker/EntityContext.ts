import type { Persistence } from '../persistence/Persistence';
import type { StoredMessage } from './StoredMessage';

/** What an entity needs from the broker around it: time, the journal, and routing for auto-forwarding. */
export interface EntityContext {
  now(): number;
  journal: Persistence;
  /** Enqueues a copy of `message` on another entity (forwardTo, forwardDeadLetteredMessagesTo). */
  forward(target: string, message: StoredMessage): void;
}
