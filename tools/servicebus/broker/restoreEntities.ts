import type { EntitySnapshot } from '../persistence/Persistence';
import type { Broker } from './Broker';
import { MessageState } from './StoredMessage';

/**
 * Puts what the log held back into the entities. Locks are not restored: every message that was locked is
 * available again (at-least-once), as Azure does when a lock is lost.
 */
export function restoreEntities(broker: Broker, snapshots: Map<string, EntitySnapshot>): void {
  for (const [key, snap] of snapshots) {
    const topic = broker.topics.get(key);
    if (topic) {
      topic.lastSequence = Math.max(topic.lastSequence, snap.lastSequence);
      continue;
    }
    const q = broker.queues.get(key);
    if (!q) {
      if (snap.messages.size > 0)
        process.stderr.write(
          `servicebus: dropping ${snap.messages.size} stored messages of unknown entity '${key}'\n`,
        );
      continue;
    }
    const dedupe = broker.dedupeFor(key) ?? broker.dedupeFor(key.split('/subscriptions/')[0]!);
    for (const m of [...snap.messages.values()].sort((a, b) => a.seq - b.seq)) {
      m.lockToken = undefined;
      if (m.state !== MessageState.Scheduled && m.state !== MessageState.Deferred)
        m.state = MessageState.Active;
      q.add(m, false);
      if (m.messageId !== undefined) dedupe?.remember(m.messageId, m.enqueuedAt);
    }
    q.lastSequence = Math.max(q.lastSequence, snap.lastSequence);
    for (const [id, state] of snap.sessionStates) {
      if (q.sessions) q.sessions.getOrCreate(id).state = state;
    }
  }
  for (const topic of broker.topics.values()) {
    for (const sub of topic.subscriptions)
      topic.lastSequence = Math.max(topic.lastSequence, sub.queue.lastSequence);
  }
}
