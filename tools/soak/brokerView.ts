export interface QueueCounts {
  path: string;
  activeMessageCount: number;
  lockedMessageCount: number;
  scheduledMessageCount: number;
  deferredMessageCount: number;
  deadLetterMessageCount: number;
  sizeInBytes: number;
}

/** Counts of every queue from the broker's read-only HTTP view; undefined while the broker is down. */
export async function queueCounts(httpUrl: string): Promise<QueueCounts[] | undefined> {
  try {
    const res = await fetch(`${httpUrl}/entities`, { signal: AbortSignal.timeout(5000) });
    if (!res.ok) return undefined;
    return ((await res.json()) as { entities: QueueCounts[] }).entities.filter(
      (e) => 'activeMessageCount' in e,
    );
  } catch {
    return undefined;
  }
}

/** Nothing left to deliver: no active, locked, deferred or dead-lettered message (scheduled ones wait by design). */
export function isDrained(counts: readonly QueueCounts[]): boolean {
  return counts.every(
    (q) =>
      q.activeMessageCount === 0 &&
      q.lockedMessageCount === 0 &&
      q.deferredMessageCount === 0 &&
      q.deadLetterMessageCount === 0,
  );
}
