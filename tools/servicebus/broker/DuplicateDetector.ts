/**
 * Remembers message ids for the entity's duplicateDetectionHistoryTimeWindow. A duplicate is accepted by the broker
 * and dropped, as in Azure, so a sender retrying after a lost acknowledgement never creates a second message.
 */
export class DuplicateDetector {
  // Map iteration is insertion order, which is time order here, so pruning stops at the first young entry.
  private readonly seen = new Map<string, number>();

  constructor(private readonly windowMs: number) {}

  isDuplicate(messageId: string, now: number): boolean {
    if (this.accepted(messageId, now)) return true;
    this.seen.set(messageId, now);
    return false;
  }

  /** Whether `messageId` was accepted within the window, without remembering it (see `remember`). */
  accepted(messageId: string, now: number): boolean {
    for (const [id, at] of this.seen) {
      if (at > now - this.windowMs) break;
      this.seen.delete(id);
    }
    return this.seen.has(messageId);
  }

  /** Remembers an accepted message id; also restores history after a restart from the messages still stored. */
  remember(messageId: string, at: number): void {
    if (!this.seen.has(messageId)) this.seen.set(messageId, at);
  }
}
