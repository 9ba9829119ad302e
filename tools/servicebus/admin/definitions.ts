import type { EntityProperties, RuleConfig } from '../config/NamespaceConfig';

/**
 * Administration-API properties the emulator keeps and echoes but does not act on (UserMetadata, AutoDeleteOnIdle,
 * EnableBatchedOperations, SupportOrdering, DeadLetteringOnFilterEvaluationExceptions), by their XML names.
 */
export type ExtraProperties = Record<string, string>;

export interface EntityMeta {
  createdAt: number;
  updatedAt: number;
  extra: ExtraProperties;
}

export interface RuleDefinition extends RuleConfig {
  createdAt: number;
}

export interface QueueDefinition extends EntityMeta {
  name: string;
  properties: EntityProperties;
}

export interface TopicDefinition extends EntityMeta {
  name: string;
  properties: EntityProperties;
}

export interface SubscriptionDefinition extends EntityMeta {
  topic: string;
  name: string;
  properties: EntityProperties;
  rules: RuleDefinition[];
}

/**
 * What was created, changed (a definition) or deleted (null) at run time, by lower-case key (`queue`, `topic`,
 * `topic/sub`). Applied over the configuration files at start, so a run-time change survives a restart while an
 * entity nobody touched keeps following the files.
 */
export interface DefinitionOverlay {
  queues: Record<string, QueueDefinition | null>;
  topics: Record<string, TopicDefinition | null>;
  subscriptions: Record<string, SubscriptionDefinition | null>;
}

export const emptyOverlay = (): DefinitionOverlay => ({ queues: {}, topics: {}, subscriptions: {} });

export const subscriptionKey = (topic: string, sub: string): string =>
  `${topic.toLowerCase()}/${sub.toLowerCase()}`;

/** Rules in the order Azure lists them: by name. */
export function byName<T extends { name: string }>(a: T, b: T): number {
  const x = a.name.toLowerCase();
  const y = b.name.toLowerCase();
  return x < y ? -1 : x > y ? 1 : 0;
}
