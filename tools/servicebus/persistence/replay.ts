import type { EntitySnapshot, LogRecord } from './Persistence';

/** Applies log records in order: what remains is every entity's live contents. */
export function replay(
  records: Iterable<LogRecord>,
  into = new Map<string, EntitySnapshot>(),
): Map<string, EntitySnapshot> {
  const entity = (key: string): EntitySnapshot => {
    let s = into.get(key);
    if (!s) {
      s = { messages: new Map(), lastSequence: 0, sessionStates: new Map() };
      into.set(key, s);
    }
    return s;
  };
  for (const rec of records) {
    const s = entity(rec.entity);
    switch (rec.type) {
      case 'put':
        s.messages.set(rec.message.seq, rec.message);
        s.lastSequence = Math.max(s.lastSequence, rec.message.seq);
        break;
      case 'update': {
        const m = s.messages.get(rec.seq);
        if (m)
          Object.assign(m, {
            state: rec.state,
            deliveryCount: rec.deliveryCount,
            scheduledAt: rec.scheduledAt,
            expiresAt: rec.expiresAt,
          });
        break;
      }
      case 'delete':
        s.messages.delete(rec.seq);
        break;
      case 'sessionState':
        if (rec.state) s.sessionStates.set(rec.sessionId, rec.state);
        else s.sessionStates.delete(rec.sessionId);
        break;
      case 'sequence':
        s.lastSequence = Math.max(s.lastSequence, rec.seq);
        break;
    }
  }
  return into;
}

/** The records that recreate `snapshots` exactly: what compaction writes. */
export function* snapshotRecords(snapshots: Map<string, EntitySnapshot>): Generator<LogRecord> {
  for (const [entity, s] of snapshots) {
    yield { type: 'sequence', entity, seq: s.lastSequence };
    for (const message of s.messages.values()) yield { type: 'put', entity, message };
    for (const [sessionId, state] of s.sessionStates)
      yield { type: 'sessionState', entity, sessionId, state };
  }
}
