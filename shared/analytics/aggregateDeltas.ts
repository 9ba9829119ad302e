import { dayDocId, totalsDocId, type AggregateDoc, type ProjectionDoc } from './analyticsDocs';
import { diffCounters } from './counters';

/**
 * What moving an order's projection from `previous` to `next` adds to each aggregate document of its shard,
 * as aggregate documents whose `counters` are the deltas (a created document starts from exactly that).
 * Documents with nothing to add are left out.
 */
export function aggregateDeltas(previous: ProjectionDoc | undefined, next: ProjectionDoc): AggregateDoc[] {
  const { shard } = next;
  const deltas: AggregateDoc[] = [];
  const add = (doc: AggregateDoc): void => {
    if (Object.keys(doc.counters).length > 0) deltas.push(doc);
  };
  const total = diffCounters(previous?.counters, next.counters);
  add({ id: totalsDocId(shard), shard, kind: 'totals', counters: total });
  // createdAt never changes in practice; if it did, the order moves from one day document to another.
  if (previous && previous.day !== next.day) {
    const from = previous.day;
    add({
      id: dayDocId(from, shard),
      shard,
      kind: 'day',
      date: from,
      counters: diffCounters(previous.counters, {}),
    });
    add({
      id: dayDocId(next.day, shard),
      shard,
      kind: 'day',
      date: next.day,
      counters: { ...next.counters },
    });
  } else {
    add({ id: dayDocId(next.day, shard), shard, kind: 'day', date: next.day, counters: total });
  }
  return deltas;
}
