import type { Broker } from '../broker/Broker';
import type { MessageQueue } from '../broker/MessageQueue';
import type { EntityProperties } from '../config/NamespaceConfig';
import { brokerErrors } from '../errors';
import type { Persistence } from '../persistence/Persistence';
import type { QueueDefinition, SubscriptionDefinition } from './definitions';
import type { NamespaceDefinitions } from './NamespaceDefinitions';

/** Azure refuses to change these on an existing entity. */
const IMMUTABLE: Array<keyof EntityProperties> = ['requiresSession', 'requiresDuplicateDetection'];

export function assertUnchanged(path: string, before: EntityProperties, after: EntityProperties): void {
  for (const key of IMMUTABLE) {
    if (before[key] !== after[key])
      throw brokerErrors.badRequest(
        `The value of ${key} of the existing entity '${path}' cannot be changed.`,
      );
  }
}

/** Forwarding targets must be existing queues or topics, and not the entity itself. */
export function assertForwardTargets(defs: NamespaceDefinitions, path: string, p: EntityProperties): void {
  for (const target of [p.forwardTo, p.forwardDeadLetteredMessagesTo]) {
    if (target === undefined) continue;
    if (target.toLowerCase() === path.toLowerCase())
      throw brokerErrors.badRequest(`'${path}' cannot forward to itself.`);
    if (!defs.queues.has(target.toLowerCase()) && !defs.topics.has(target.toLowerCase()))
      throw brokerErrors.badRequest(`'${path}' forwards to '${target}', which does not exist.`);
  }
}

const sourceName = (s: QueueDefinition | SubscriptionDefinition): string =>
  'topic' in s ? `${s.topic}/Subscriptions/${s.name}` : s.name;

/** The broker refuses to start with a forwarding target missing, so such a target cannot be deleted. */
export function assertNotForwardTarget(defs: NamespaceDefinitions, path: string): void {
  const key = path.toLowerCase();
  for (const s of [...defs.queues.values(), ...defs.subscriptions.values()]) {
    const p = s.properties;
    if (p.forwardTo?.toLowerCase() === key || p.forwardDeadLetteredMessagesTo?.toLowerCase() === key)
      throw brokerErrors.notAllowed(
        `'${path}' is the forwarding target of '${sourceName(s)}': change that entity's forwarding first.`,
      );
  }
}

/** A store's settings change in place; its dead-letter queue follows the lock duration and size. */
export function updateStore(q: MessageQueue, p: EntityProperties): void {
  Object.assign(q.props, p);
  if (q.deadLetterQueue) {
    Object.assign(q.deadLetterQueue.props, {
      lockDurationMs: p.lockDurationMs,
      maxDeliveryCount: p.maxDeliveryCount,
      maxSizeBytes: p.maxSizeBytes,
    });
  }
}

/** Removes every message and session state of a store and its dead-letter queue through the journal, then the store. */
export function dropStore(broker: Broker, journal: Persistence, q: MessageQueue): void {
  for (const store of [q, q.deadLetterQueue]) {
    if (!store) continue;
    for (const m of [...store.messages.values()]) store.remove(m);
    for (const entry of store.sessions?.entries.values() ?? []) {
      if (entry.state)
        journal.append({ type: 'sessionState', entity: store.key, sessionId: entry.id, state: undefined });
    }
  }
  broker.removeStore(q);
}
