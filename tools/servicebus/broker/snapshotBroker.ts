import type { EntitySnapshot } from '../persistence/Persistence';
import type { Broker } from './Broker';

/** The broker's live state in the journal's terms (what a compaction writes). Locks are not state. */
export function snapshotBroker(broker: Broker): Map<string, EntitySnapshot> {
  const out = new Map<string, EntitySnapshot>();
  for (const q of broker.queues.values()) {
    const sessionStates = new Map<string, Buffer>();
    for (const entry of q.sessions?.entries.values() ?? [])
      if (entry.state) sessionStates.set(entry.id, entry.state);
    out.set(q.key, { messages: q.messages, lastSequence: q.lastSequence, sessionStates });
  }
  for (const t of broker.topics.values()) {
    out.set(t.key, { messages: new Map(), lastSequence: t.lastSequence, sessionStates: new Map() });
  }
  return out;
}
