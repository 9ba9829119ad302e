/** Per-entity behaviour, normalised to milliseconds and bytes. Defaults are Azure's (see defaultEntityProperties). */
export interface EntityProperties {
  lockDurationMs: number;
  maxDeliveryCount: number;
  /** Infinity when messages never expire. */
  defaultMessageTimeToLiveMs: number;
  deadLetteringOnMessageExpiration: boolean;
  requiresDuplicateDetection: boolean;
  duplicateDetectionHistoryTimeWindowMs: number;
  requiresSession: boolean;
  forwardTo: string | undefined;
  forwardDeadLetteredMessagesTo: string | undefined;
  maxSizeBytes: number;
}

export type FilterConfig =
  | { kind: 'true' }
  | { kind: 'false' }
  | { kind: 'sql'; expression: string }
  | {
      kind: 'correlation';
      /** System properties by their Service Bus names (CorrelationId, MessageId, To, ReplyTo, Label/Subject, SessionId, ReplyToSessionId, ContentType). */
      system: Record<string, string>;
      /** Application properties that must be equal (dates compare by instant). */
      properties: Record<string, string | number | boolean | Date>;
    };

export interface RuleConfig {
  name: string;
  filter: FilterConfig;
  /** SQL rule action (`SET x = 1; REMOVE y`), optional. */
  action: string | undefined;
}

export interface QueueConfig {
  name: string;
  properties: EntityProperties;
}

export interface SubscriptionConfig {
  name: string;
  properties: EntityProperties;
  rules: RuleConfig[];
}

export interface TopicConfig {
  name: string;
  properties: EntityProperties;
  subscriptions: SubscriptionConfig[];
}

/** Everything the broker hosts. Names keep their configured case; lookups are case-insensitive as in Azure. */
export interface NamespaceConfig {
  queues: QueueConfig[];
  topics: TopicConfig[];
}

export const MAX_MESSAGE_SIZE_BYTES = 256 * 1024;

export const defaultEntityProperties: EntityProperties = {
  lockDurationMs: 60_000,
  maxDeliveryCount: 10,
  defaultMessageTimeToLiveMs: Infinity,
  deadLetteringOnMessageExpiration: false,
  requiresDuplicateDetection: false,
  duplicateDetectionHistoryTimeWindowMs: 10 * 60_000,
  requiresSession: false,
  forwardTo: undefined,
  forwardDeadLetteredMessagesTo: undefined,
  maxSizeBytes: 1024 * 1024 * 1024,
};
