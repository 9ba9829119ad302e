import type { Broker } from '../broker/Broker';
import type { Subscription, Topic } from '../broker/Topic';
import type { EntityProperties, RuleConfig } from '../config/NamespaceConfig';
import { brokerErrors } from '../errors';
import { compileRule } from '../filters/Rule';
import type { Persistence } from '../persistence/Persistence';
import type { DefinitionStore } from './DefinitionStore';
import {
  byName,
  subscriptionKey,
  type ExtraProperties,
  type QueueDefinition,
  type RuleDefinition,
  type SubscriptionDefinition,
  type TopicDefinition,
} from './definitions';
import {
  assertForwardTargets,
  assertNotForwardTarget,
  assertUnchanged,
  dropStore,
  updateStore,
} from './entityChecks';
import { assertChildName, assertEntityName } from './entityNames';
import type { NamespaceDefinitions } from './NamespaceDefinitions';
import { SubscriptionRules } from './SubscriptionRules';

export interface EntityInput {
  properties: EntityProperties;
  extra: ExtraProperties;
}

/**
 * Creates, updates and deletes queues, topics, subscriptions and rules while the broker runs. Each change is
 * applied to the broker and the definitions, then saved to the overlay (when there is a data dir) before the
 * caller acknowledges it. Deletes remove the entity's messages through the journal first.
 */
export class NamespaceAdmin {
  readonly rules: SubscriptionRules;

  constructor(
    readonly broker: Broker,
    readonly defs: NamespaceDefinitions,
    private readonly store: DefinitionStore | undefined,
    private readonly journal: Persistence,
    private readonly now: () => number = Date.now,
  ) {
    this.rules = new SubscriptionRules(this);
  }

  persist(): void {
    this.store?.save(this.defs.overlay);
  }

  createQueue(name: string, input: EntityInput): QueueDefinition {
    assertEntityName(name);
    if (this.broker.exists(name)) throw brokerErrors.entityAlreadyExists(name);
    assertForwardTargets(this.defs, name, input.properties);
    const def: QueueDefinition = { name, ...input, createdAt: this.now(), updatedAt: this.now() };
    this.broker.addQueue(def);
    this.saveQueue(def);
    return def;
  }

  updateQueue(name: string, input: EntityInput): QueueDefinition {
    const old = this.queue(name);
    assertUnchanged(name, old.properties, input.properties);
    assertForwardTargets(this.defs, old.name, input.properties);
    updateStore(this.broker.receivable(old.name), input.properties);
    const def: QueueDefinition = { ...old, ...input, updatedAt: this.now() };
    this.saveQueue(def);
    return def;
  }

  async deleteQueue(name: string): Promise<void> {
    const def = this.queue(name);
    assertNotForwardTarget(this.defs, def.name);
    dropStore(this.broker, this.journal, this.broker.receivable(def.name));
    this.defs.queues.delete(def.name.toLowerCase());
    this.defs.overlay.queues[def.name.toLowerCase()] = null;
    await this.journal.flush();
    this.persist();
  }

  createTopic(name: string, input: EntityInput): TopicDefinition {
    assertEntityName(name);
    if (this.broker.exists(name)) throw brokerErrors.entityAlreadyExists(name);
    const def: TopicDefinition = { name, ...input, createdAt: this.now(), updatedAt: this.now() };
    this.broker.addTopic(def);
    this.saveTopic(def);
    return def;
  }

  updateTopic(name: string, input: EntityInput): TopicDefinition {
    const old = this.topic(name);
    assertUnchanged(name, old.properties, input.properties);
    const topic = this.brokerTopic(old.name);
    Object.assign(topic.props, input.properties);
    for (const sub of topic.subscriptions) sub.queue.props.maxSizeBytes = input.properties.maxSizeBytes;
    const def: TopicDefinition = { ...old, ...input, updatedAt: this.now() };
    this.saveTopic(def);
    return def;
  }

  async deleteTopic(name: string): Promise<void> {
    const def = this.topic(name);
    assertNotForwardTarget(this.defs, def.name);
    const topic = this.brokerTopic(def.name);
    for (const sub of topic.subscriptions) dropStore(this.broker, this.journal, sub.queue);
    topic.subscriptions.length = 0;
    this.broker.removeTopic(topic);
    const key = def.name.toLowerCase();
    // Tombstones for its subscriptions too, so a topic re-created later does not get the files' ones back.
    for (const s of this.defs.subscriptionsOf(def.name)) {
      const subKey = subscriptionKey(def.name, s.name);
      this.defs.subscriptions.delete(subKey);
      this.defs.overlay.subscriptions[subKey] = null;
    }
    this.defs.topics.delete(key);
    this.defs.overlay.topics[key] = null;
    await this.journal.flush();
    this.persist();
  }

  createSubscription(
    topicName: string,
    name: string,
    input: EntityInput,
    rules: RuleConfig[] | undefined,
  ): SubscriptionDefinition {
    const topic = this.topic(topicName);
    assertChildName('subscription', name);
    if (this.defs.subscriptions.has(subscriptionKey(topic.name, name)))
      throw brokerErrors.entityAlreadyExists(`${topic.name}/Subscriptions/${name}`);
    assertForwardTargets(this.defs, `${topic.name}/Subscriptions/${name}`, input.properties);
    const createdAt = this.now();
    const ruleDefs: RuleDefinition[] = (rules ?? [defaultRule()]).map((r) => ({ ...r, createdAt }));
    for (const r of ruleDefs) assertChildName('rule', r.name);
    ruleDefs.map(compileRule); // refuses a bad filter before anything changes
    const def: SubscriptionDefinition = {
      topic: topic.name,
      name,
      ...input,
      rules: ruleDefs.sort(byName),
      createdAt,
      updatedAt: createdAt,
    };
    this.broker.addSubscription(this.brokerTopic(topic.name), def);
    this.saveSubscription(def);
    return def;
  }

  updateSubscription(topicName: string, name: string, input: EntityInput): SubscriptionDefinition {
    const old = this.subscription(topicName, name);
    assertUnchanged(`${old.topic}/Subscriptions/${old.name}`, old.properties, input.properties);
    assertForwardTargets(this.defs, `${old.topic}/Subscriptions/${old.name}`, input.properties);
    const sub = this.brokerSubscription(old.topic, old.name);
    updateStore(sub.queue, {
      ...input.properties,
      maxSizeBytes: sub.queue.props.maxSizeBytes,
      requiresDuplicateDetection: false,
    });
    const def: SubscriptionDefinition = { ...old, ...input, updatedAt: this.now() };
    this.saveSubscription(def);
    return def;
  }

  async deleteSubscription(topicName: string, name: string): Promise<void> {
    const def = this.subscription(topicName, name);
    assertNotForwardTarget(this.defs, `${def.topic}/Subscriptions/${def.name}`);
    const topic = this.brokerTopic(def.topic);
    const sub = this.brokerSubscription(def.topic, def.name);
    dropStore(this.broker, this.journal, sub.queue);
    topic.subscriptions.splice(topic.subscriptions.indexOf(sub), 1);
    const key = subscriptionKey(def.topic, def.name);
    this.defs.subscriptions.delete(key);
    this.defs.overlay.subscriptions[key] = null;
    await this.journal.flush();
    this.persist();
  }

  queue(name: string): QueueDefinition {
    const def = this.defs.queues.get(name.toLowerCase());
    if (!def) throw brokerErrors.entityNotFound(name);
    return def;
  }

  topic(name: string): TopicDefinition {
    const def = this.defs.topics.get(name.toLowerCase());
    if (!def) throw brokerErrors.entityNotFound(name);
    return def;
  }

  subscription(topic: string, name: string): SubscriptionDefinition {
    const def = this.defs.subscriptions.get(subscriptionKey(topic, name));
    if (!def) throw brokerErrors.entityNotFound(`${topic}/Subscriptions/${name}`);
    return def;
  }

  brokerSubscription(topic: string, name: string): Subscription {
    const sub = this.brokerTopic(topic).subscriptions.find(
      (s) => s.name.toLowerCase() === name.toLowerCase(),
    );
    if (!sub) throw brokerErrors.entityNotFound(`${topic}/Subscriptions/${name}`);
    return sub;
  }

  saveSubscription(def: SubscriptionDefinition): void {
    const key = subscriptionKey(def.topic, def.name);
    this.defs.subscriptions.set(key, def);
    this.defs.overlay.subscriptions[key] = def;
    this.persist();
  }

  private brokerTopic(name: string): Topic {
    const topic = this.broker.topics.get(name.toLowerCase());
    if (!topic) throw brokerErrors.entityNotFound(name);
    return topic;
  }

  private saveQueue(def: QueueDefinition): void {
    this.defs.queues.set(def.name.toLowerCase(), def);
    this.defs.overlay.queues[def.name.toLowerCase()] = def;
    this.persist();
  }

  private saveTopic(def: TopicDefinition): void {
    this.defs.topics.set(def.name.toLowerCase(), def);
    this.defs.overlay.topics[def.name.toLowerCase()] = def;
    this.persist();
  }
}

export const defaultRule = (): RuleConfig => ({
  name: '$Default',
  filter: { kind: 'true' },
  action: undefined,
});
