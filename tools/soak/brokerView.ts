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

/** The first few dead letters of a queue with their reasons, to say in a failed check what got stuck. */
export async function deadLetterSample(httpUrl: string, queue: string, count = 3): Promise<string[]> {
  try {
    const path = encodeURIComponent(`${queue}/$DeadLetterQueue`);
    const res = await fetch(`${httpUrl}/entities/${path}/messages?count=${count}`, {
      signal: AbortSignal.timeout(5000),
    });
    if (!res.ok) return [];
    const { messages } = (await res.json()) as {
      messages: Array<{ messageId?: string; applicationProperties?: Record<string, unknown> }>;
    };
    return messages.map((m) => {
      const p = m.applicationProperties ?? {};
      const why = [p.DeadLetterReason, p.DeadLetterErrorDescription].filter(Boolean).map(String).join(': ');
      return `${m.messageId ?? '?'} (${why.slice(0, 160) || 'no reason'})`;
    });
  } catch {
    return [];
  }
}
