import type { NamespaceConfig } from '../config/NamespaceConfig';
import {
  byName,
  emptyOverlay,
  subscriptionKey,
  type DefinitionOverlay,
  type QueueDefinition,
  type SubscriptionDefinition,
  type TopicDefinition,
} from './definitions';

/**
 * Every entity's definition as the administration API shows it: the configuration files with the run-time overlay
 * applied. Kept beside the broker (which holds compiled rules and messages, not definitions).
 */
export class NamespaceDefinitions {
  readonly queues = new Map<string, QueueDefinition>();
  readonly topics = new Map<string, TopicDefinition>();
  /** By `topic/sub`, lower case. */
  readonly subscriptions = new Map<string, SubscriptionDefinition>();
  readonly overlay: DefinitionOverlay;

  constructor(config: NamespaceConfig, overlay: DefinitionOverlay = emptyOverlay(), now = Date.now()) {
    this.overlay = overlay;
    const meta = { createdAt: now, updatedAt: now, extra: {} };
    for (const q of config.queues) this.queues.set(q.name.toLowerCase(), { ...q, ...meta });
    for (const t of config.topics) {
      this.topics.set(t.name.toLowerCase(), { name: t.name, properties: t.properties, ...meta });
      for (const s of t.subscriptions) {
        this.subscriptions.set(subscriptionKey(t.name, s.name), {
          ...s,
          topic: t.name,
          rules: s.rules.map((r) => ({ ...r, createdAt: now })),
          ...meta,
        });
      }
    }
    // A name is a queue or a topic, never both: an overlay entry replaces either.
    for (const [key, def] of Object.entries(overlay.queues)) {
      this.queues.delete(key);
      if (def) {
        this.dropTopic(key);
        this.queues.set(key, def);
      }
    }
    for (const [key, def] of Object.entries(overlay.topics)) {
      if (!def) this.dropTopic(key);
      else {
        this.queues.delete(key);
        this.topics.set(key, def);
      }
    }
    for (const [key, def] of Object.entries(overlay.subscriptions)) {
      this.subscriptions.delete(key);
      if (def && this.topics.has(def.topic.toLowerCase())) this.subscriptions.set(key, def);
    }
  }

  private dropTopic(key: string): void {
    this.topics.delete(key);
    for (const [k, s] of this.subscriptions) if (s.topic.toLowerCase() === key) this.subscriptions.delete(k);
  }

  subscriptionsOf(topic: string): SubscriptionDefinition[] {
    const key = topic.toLowerCase();
    return [...this.subscriptions.values()].filter((s) => s.topic.toLowerCase() === key).sort(byName);
  }

  /** What the broker is built from. */
  toNamespaceConfig(): NamespaceConfig {
    return {
      queues: [...this.queues.values()].map((q) => ({ name: q.name, properties: q.properties })),
      topics: [...this.topics.values()].map((t) => ({
        name: t.name,
        properties: t.properties,
        subscriptions: this.subscriptionsOf(t.name).map((s) => ({
          name: s.name,
          properties: s.properties,
          rules: s.rules,
        })),
      })),
    };
  }
}
