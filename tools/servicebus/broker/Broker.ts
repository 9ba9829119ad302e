import type { Message } from 'rhea';
import type { IncomingMessage } from '../amqp/incomingMessage';
import { decodeBare } from '../amqp/incomingMessage';
import { applyEdits } from '../amqp/applicationProperties';
import type {
  EntityProperties,
  NamespaceConfig,
  QueueConfig,
  SubscriptionConfig,
  TopicConfig,
} from '../config/NamespaceConfig';
import { brokerErrors, type ServiceBusEmulatorError } from '../errors';
import { filterView } from '../filters/FilterView';
import { compileRule } from '../filters/Rule';
import type { Persistence } from '../persistence/Persistence';
import { DuplicateDetector } from './DuplicateDetector';
import type { EntityContext } from './EntityContext';
import { MessageQueue } from './MessageQueue';
import { forwardedCopy } from './messageCopies';
import { MessageState, type StoredMessage } from './StoredMessage';
import { storeRuntimeCounts, topicRuntimeCounts, type RuntimeCounts } from './runtimeCounts';
import { Topic, type Subscription } from './Topic';

export const DEAD_LETTER_SUFFIX = '/$DeadLetterQueue';
const MAX_FORWARD_HOPS = 4;

/** Dead-letter queues keep their parent's lock duration but never expire, forward or require sessions. */
function deadLetterProps(p: EntityProperties): EntityProperties {
  return {
    ...p,
    defaultMessageTimeToLiveMs: Infinity,
    requiresSession: false,
    forwardTo: undefined,
    forwardDeadLetteredMessagesTo: undefined,
    requiresDuplicateDetection: false,
  };
}

/** Every entity of the namespace, addressed case-insensitively by path, and the routing between them. */
export class Broker {
  /** Receivable stores: queues, subscriptions and their dead-letter queues. */
  readonly queues = new Map<string, MessageQueue>();
  readonly topics = new Map<string, Topic>();
  private readonly dedupe = new Map<string, DuplicateDetector>();
  private readonly ctx: EntityContext;
  private forwardHops = 0;
  /** Names entities in errors as Azure does (`sb://<namespace>/<path>`); the emulator sets its address. */
  endpoint = 'sb://localhost';

  constructor(config: NamespaceConfig, journal: Persistence, now: () => number = Date.now) {
    this.ctx = { now, journal, forward: (target, m) => this.forward(target, m) };
    for (const q of config.queues) this.addQueue(q);
    for (const t of config.topics) {
      const topic = this.addTopic(t);
      for (const s of t.subscriptions) this.addSubscription(topic, s);
    }
    this.assertForwardTargets();
  }

  /** Adds a queue (at start, or at run time through the administration API). */
  addQueue(q: QueueConfig): MessageQueue {
    return this.addStore(q.name, q.properties);
  }

  /** Adds a topic without subscriptions. */
  addTopic(t: Pick<TopicConfig, 'name' | 'properties'>): Topic {
    const topic = new Topic(t.name, t.properties);
    this.topics.set(topic.key, topic);
    if (t.properties.requiresDuplicateDetection) {
      this.dedupe.set(topic.key, new DuplicateDetector(t.properties.duplicateDetectionHistoryTimeWindowMs));
    }
    return topic;
  }

  /** Adds a subscription to a topic; its size quota is the topic's, and duplicates are detected on the topic. */
  addSubscription(topic: Topic, s: SubscriptionConfig): Subscription {
    const props = {
      ...s.properties,
      maxSizeBytes: topic.props.maxSizeBytes,
      requiresDuplicateDetection: false,
    };
    const queue = this.addStore(`${topic.path}/Subscriptions/${s.name}`, props);
    const sub = { name: s.name, queue, rules: s.rules.map(compileRule) };
    topic.subscriptions.push(sub);
    return sub;
  }

  /** Forgets a queue or subscription store and its dead-letter queue (remove their messages first). */
  removeStore(q: MessageQueue): void {
    this.queues.delete(q.key);
    if (q.deadLetterQueue) this.queues.delete(q.deadLetterQueue.key);
    this.dedupe.delete(q.key);
  }

  /** Forgets a topic (remove its subscriptions first). */
  removeTopic(topic: Topic): void {
    this.topics.delete(topic.key);
    this.dedupe.delete(topic.key);
  }

  /** Message counts of a queue, subscription or topic, what the administration API and the portal show. */
  runtimeCounts(path: string): RuntimeCounts {
    const key = normalisePath(path);
    const topic = this.topics.get(key);
    return topic ? topicRuntimeCounts(topic) : storeRuntimeCounts(this.receivable(path));
  }

  /** Forwarding targets must exist when the namespace starts (Azure refuses such an entity too). */
  private assertForwardTargets(): void {
    for (const q of this.queues.values()) {
      for (const target of [q.props.forwardTo, q.props.forwardDeadLetteredMessagesTo]) {
        if (target !== undefined && !this.exists(target)) {
          throw new Error(`'${q.path}' forwards to '${target}', which is not defined`);
        }
      }
    }
  }

  private addStore(path: string, props: EntityProperties): MessageQueue {
    const dlq = new MessageQueue(path + DEAD_LETTER_SUFFIX, deadLetterProps(props), this.ctx, undefined);
    const queue = new MessageQueue(path, props, this.ctx, dlq);
    this.queues.set(queue.key, queue);
    this.queues.set(dlq.key, dlq);
    if (props.requiresDuplicateDetection) {
      this.dedupe.set(queue.key, new DuplicateDetector(props.duplicateDetectionHistoryTimeWindowMs));
    }
    return queue;
  }

  /** A store a receiver can attach to, or MessagingEntityNotFound. */
  receivable(path: string): MessageQueue {
    const q = this.queues.get(normalisePath(path));
    if (!q) throw this.notFound(path);
    return q;
  }

  /** Whether any entity (queue, topic, subscription, dead-letter queue) has this path. */
  exists(path: string): boolean {
    const key = normalisePath(path);
    return this.queues.has(key) || this.topics.has(key);
  }

  /** A queue or topic a sender can attach to (never a subscription or dead-letter queue). */
  sendable(path: string): MessageQueue | Topic {
    const key = normalisePath(path);
    const topic = this.topics.get(key);
    if (topic) return topic;
    const q = this.queues.get(key);
    if (!q || q.isDeadLetterQueue || key.includes('/subscriptions/')) throw this.notFound(path);
    return q;
  }

  /** MessagingEntityNotFound naming the entity as Azure does: `sb://<namespace>/<path>` (clients match on it). */
  notFound(address: string): ServiceBusEmulatorError {
    const path = address.replace(/^[a-z]+:\/\/[^/]+/i, '').replace(/^\/+|\/+$/g, '');
    return brokerErrors.entityNotFound(`${this.endpoint}/${path}`);
  }

  /**
   * Enqueues what one transfer carried, all or nothing: duplicates (by messageId, within the window) are dropped
   * silently, as Azure does; a full entity rejects the whole transfer with QuotaExceeded.
   */
  send(target: MessageQueue | Topic, incoming: IncomingMessage[]): number[] {
    const now = this.ctx.now();
    const dedupe = this.dedupe.get(target.key);
    // Ids are remembered only once the transfer is accepted: a rejected one (quota, sessions) stored nothing, so
    // the sender's retry must not be dropped as a duplicate of it (that message would be lost).
    const ids = new Set<string>();
    const fresh = dedupe
      ? incoming.filter((m) => {
          if (m.messageId === undefined) return true;
          if (ids.has(m.messageId) || dedupe.accepted(m.messageId, now)) return false;
          ids.add(m.messageId);
          return true;
        })
      : incoming;
    if (target instanceof MessageQueue && target.sessions) {
      for (const m of fresh) {
        if (m.sessionId === undefined)
          throw brokerErrors.notAllowed(
            `The queue '${target.path}' requires sessions: set sessionId on every message.`,
          );
      }
    }
    const bytes = fresh.reduce((sum, m) => sum + m.bare.length + 64, 0);
    target.assertRoom(bytes);
    for (const id of ids) dedupe?.remember(id, now);
    return fresh.map((m) => this.deliverTo(target, toStored(m), m.decoded));
  }

  /** Routes one message and returns the sequence number it got on `target`. */
  private deliverTo(target: MessageQueue | Topic, m: StoredMessage, decoded: Message | undefined): number {
    if (target instanceof Topic) {
      this.fanOut(target, m, decoded ?? decodeBare(m.bare));
    } else if (target.props.forwardTo) {
      this.forward(target.props.forwardTo, m);
    } else {
      target.accept(m);
    }
    return m.seq;
  }

  private fanOut(topic: Topic, m: StoredMessage, decoded: Message): void {
    m.seq = ++topic.lastSequence;
    const now = this.ctx.now();
    const view = filterView(decoded, { sequenceNumber: m.seq, enqueuedTimeUtc: now, deliveryCount: 0 });
    for (const sub of topic.subscriptions) {
      const matched = sub.rules.filter((r) => r.matches(view));
      if (matched.length === 0) continue;
      const withAction = matched.find((r) => r.action !== undefined);
      let copy: StoredMessage = { ...m };
      if (withAction) {
        // Actions edit this subscription's copy only.
        const own = structuredClone(decoded);
        withAction.action!(
          own,
          filterView(own, { sequenceNumber: m.seq, enqueuedTimeUtc: now, deliveryCount: 0 }),
        );
        copy = {
          ...copy,
          bare: applyEdits(
            m.bare,
            decoded as unknown as Record<string, unknown>,
            own as unknown as Record<string, unknown>,
          ),
          sessionId: typeof own.group_id === 'string' ? own.group_id : m.sessionId,
        };
      }
      if (sub.queue.props.forwardTo) this.forward(sub.queue.props.forwardTo, copy);
      else sub.queue.accept(copy);
    }
  }

  /** Auto-forwarding: a fresh copy on the target queue or topic, a bounded number of hops deep. */
  forward(targetPath: string, m: StoredMessage): void {
    if (this.forwardHops >= MAX_FORWARD_HOPS)
      throw brokerErrors.notAllowed(`Forwarding chain too deep at '${targetPath}'.`);
    this.forwardHops++;
    try {
      const target = this.sendable(targetPath);
      const copy = forwardedCopy(m, this.ctx.now());
      copy.seq = 0;
      this.deliverTo(target, copy, undefined);
    } finally {
      this.forwardHops--;
    }
  }

  tick(): void {
    const now = this.ctx.now();
    for (const q of this.queues.values()) q.tick(now);
  }

  dedupeFor(key: string): DuplicateDetector | undefined {
    return this.dedupe.get(key);
  }
}

/** `orders`, `/orders`, `sb://host/orders` and `ORDERS` all name the same entity. */
export function normalisePath(address: string): string {
  return address
    .replace(/^[a-z]+:\/\/[^/]+/i, '')
    .replace(/^\/+|\/+$/g, '')
    .toLowerCase();
}

export function toStored(m: IncomingMessage): StoredMessage {
  return {
    seq: 0,
    bare: m.bare,
    annotations: m.annotations,
    durable: m.durable,
    priority: m.priority,
    firstAcquirer: m.firstAcquirer,
    ttlMs: m.ttlMs,
    messageId: m.messageId,
    sessionId: m.sessionId,
    enqueuedAt: 0,
    expiresAt: Infinity,
    state: MessageState.Active,
    scheduledAt: m.scheduledAt ?? 0,
    deliveryCount: 0,
    lockToken: undefined,
    lockedUntil: 0,
    deadLetterSource: undefined,
  };
}
