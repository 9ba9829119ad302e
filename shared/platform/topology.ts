import topologyJson from '../../infra/topology.json';

export interface QueueProperties {
  lockDuration: string;
  maxDeliveryCount: number;
  defaultMessageTimeToLive: string;
  deadLetteringOnMessageExpiration: boolean;
  requiresDuplicateDetection: boolean;
  duplicateDetectionHistoryTimeWindow: string;
  requiresSession: boolean;
  maxSizeInMegabytes: number;
  forwardTo?: string;
  forwardDeadLetteredMessagesTo?: string;
}

export interface ContainerSpec {
  partitionKey: string;
  /** Omitted: TTL off; -1: on per item; N: seconds. */
  defaultTtl?: number;
}

export interface Topology {
  serviceBus: {
    queues: Record<string, QueueProperties>;
    topics: Record<string, { subscriptions?: Record<string, unknown> } & Record<string, unknown>>;
  };
  cosmos: { databases: Record<string, { containers: Record<string, ContainerSpec> }> };
}

/** The single topology file shared by Bicep, the offline broker and the offline Cosmos DB. */
export const topology: Topology = topologyJson;
