/**
 * Remembers message ids for the entity's duplicateDetectionHistoryTimeWindow. A duplicate is accepted by the broker
 * and dropped, as in Azure, so a sender retrying after a lost acknowledgement never creates a second message.
 */
export class DuplicateDetector {
  // Map iteration is insertion order, which is time order here, so pruning stops at the first young entry.
  private readonly seen = new Map<string, number>();

  constructor(private readonly windowMs: number) {}

  isDuplicate(messageId: string, now: number): boolean {
    for (const [id, at] of this.seen) {
      if (at > now - this.windowMs) break;
      this.seen.delete(id);
    }
    if (this.seen.has(messageId)) return true;
    this.seen.set(messageId, now);
    return false;
  }

  /** Restores history after a restart from the messages still stored. */
  remember(messageId: string, at: number): void {
    if (!this.seen.has(messageId)) this.seen.set(messageId, at);
  }
}
