import type { EntityProperties } from '../config/NamespaceConfig';
import type { Rule } from '../filters/Rule';
import { brokerErrors } from '../errors';
import type { MessageQueue } from './MessageQueue';

export interface Subscription {
  name: string;
  queue: MessageQueue;
  rules: Rule[];
}

/** A topic: no store of its own; each message is copied to every subscription whose rules match. */
export class Topic {
  readonly key: string;
  readonly subscriptions: Subscription[] = [];
  lastSequence = 0;

  constructor(
    readonly path: string,
    readonly props: EntityProperties,
  ) {
    this.key = path.toLowerCase();
  }

  /** Topic size is what its subscriptions hold (dead letters included), checked against the topic's quota. */
  assertRoom(bytes: number): void {
    let used = 0;
    for (const s of this.subscriptions) used += s.queue.sizeBytes + (s.queue.deadLetterQueue?.sizeBytes ?? 0);
    if (used + bytes * Math.max(1, this.subscriptions.length) > this.props.maxSizeBytes) {
      throw brokerErrors.quotaExceeded(this.path, this.props.maxSizeBytes / 1024 / 1024);
    }
  }
}
