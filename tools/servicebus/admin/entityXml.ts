import type { RuntimeCounts } from '../broker/runtimeCounts';
import type { EntityProperties } from '../config/NamespaceConfig';
import { el, isoDuration, isoTime, NS } from './atomXml';
import type { EntityMeta, QueueDefinition, SubscriptionDefinition, TopicDefinition } from './definitions';

/** Deferred messages are counted as active, as Azure's CountDetails has no deferred count (unverified here). */
function countDetails(c: RuntimeCounts): string {
  const d = (name: string, n: number) => `<d2p1:${name}>${n}</d2p1:${name}>`;
  return (
    `<CountDetails xmlns:d2p1="${NS.counts}">` +
    d('ActiveMessageCount', c.active + c.deferred) +
    d('DeadLetterMessageCount', c.deadLetter) +
    d('ScheduledMessageCount', c.scheduled) +
    d('TransferMessageCount', c.transfer) +
    d('TransferDeadLetterMessageCount', c.transferDeadLetter) +
    '</CountDetails>'
  );
}

const times = (m: EntityMeta): string =>
  el('CreatedAt', isoTime(m.createdAt)) +
  el('UpdatedAt', isoTime(m.updatedAt)) +
  el('AccessedAt', isoTime(m.updatedAt));

const extra = (m: EntityMeta, name: string, fallback: string): string => el(name, m.extra[name] ?? fallback);
const NEVER = isoDuration(Infinity);
const mb = (p: EntityProperties): number => Math.round(p.maxSizeBytes / 1024 / 1024);
/** Forwarding targets are absolute URIs in Azure's answers: `sb://<namespace>/<entity>`. */
const target = (host: string, name: string | undefined) => (name ? `sb://${host}/${name}` : undefined);

const open = (name: string) => `<${name} xmlns="${NS.connect}" xmlns:i="${NS.instance}">`;

export function queueXml(q: QueueDefinition, c: RuntimeCounts, host: string): string {
  const p = q.properties;
  return (
    open('QueueDescription') +
    el('LockDuration', isoDuration(p.lockDurationMs)) +
    el('MaxSizeInMegabytes', mb(p)) +
    el('RequiresDuplicateDetection', p.requiresDuplicateDetection) +
    el('RequiresSession', p.requiresSession) +
    el('DefaultMessageTimeToLive', isoDuration(p.defaultMessageTimeToLiveMs)) +
    el('DeadLetteringOnMessageExpiration', p.deadLetteringOnMessageExpiration) +
    el('DuplicateDetectionHistoryTimeWindow', isoDuration(p.duplicateDetectionHistoryTimeWindowMs)) +
    el('MaxDeliveryCount', p.maxDeliveryCount) +
    extra(q, 'EnableBatchedOperations', 'true') +
    el('SizeInBytes', c.sizeInBytes) +
    el('MessageCount', c.total) +
    el('IsAnonymousAccessible', false) +
    el('Status', 'Active') +
    el('ForwardTo', target(host, p.forwardTo)) +
    times(q) +
    extra(q, 'SupportOrdering', 'true') +
    countDetails(c) +
    extra(q, 'AutoDeleteOnIdle', NEVER) +
    el('EnablePartitioning', false) +
    el('EntityAvailabilityStatus', 'Available') +
    el('ForwardDeadLetteredMessagesTo', target(host, p.forwardDeadLetteredMessagesTo)) +
    el('EnableExpress', false) +
    el('UserMetadata', q.extra.UserMetadata) +
    el('MaxMessageSizeInKilobytes', 256) +
    '</QueueDescription>'
  );
}

export function topicXml(t: TopicDefinition, c: RuntimeCounts, subscriptionCount: number): string {
  const p = t.properties;
  return (
    open('TopicDescription') +
    el('DefaultMessageTimeToLive', isoDuration(p.defaultMessageTimeToLiveMs)) +
    el('MaxSizeInMegabytes', mb(p)) +
    el('RequiresDuplicateDetection', p.requiresDuplicateDetection) +
    el('DuplicateDetectionHistoryTimeWindow', isoDuration(p.duplicateDetectionHistoryTimeWindowMs)) +
    extra(t, 'EnableBatchedOperations', 'true') +
    el('SizeInBytes', c.sizeInBytes) +
    el('FilteringMessagesBeforePublishing', false) +
    el('IsAnonymousAccessible', false) +
    el('Status', 'Active') +
    times(t) +
    extra(t, 'SupportOrdering', 'true') +
    countDetails(c) +
    el('SubscriptionCount', subscriptionCount) +
    extra(t, 'AutoDeleteOnIdle', NEVER) +
    el('EnablePartitioning', false) +
    el('IsExpress', false) +
    el('EntityAvailabilityStatus', 'Available') +
    el('EnableSubscriptionPartitioning', false) +
    el('EnableExpress', false) +
    el('UserMetadata', t.extra.UserMetadata) +
    el('MaxMessageSizeInKilobytes', 256) +
    '</TopicDescription>'
  );
}

export function subscriptionXml(s: SubscriptionDefinition, c: RuntimeCounts, host: string): string {
  const p = s.properties;
  return (
    open('SubscriptionDescription') +
    el('LockDuration', isoDuration(p.lockDurationMs)) +
    el('RequiresSession', p.requiresSession) +
    el('DefaultMessageTimeToLive', isoDuration(p.defaultMessageTimeToLiveMs)) +
    el('DeadLetteringOnMessageExpiration', p.deadLetteringOnMessageExpiration) +
    extra(s, 'DeadLetteringOnFilterEvaluationExceptions', 'true') +
    el('MessageCount', c.total) +
    el('MaxDeliveryCount', p.maxDeliveryCount) +
    extra(s, 'EnableBatchedOperations', 'true') +
    el('Status', 'Active') +
    el('ForwardTo', target(host, p.forwardTo)) +
    times(s) +
    countDetails(c) +
    el('UserMetadata', s.extra.UserMetadata) +
    el('ForwardDeadLetteredMessagesTo', target(host, p.forwardDeadLetteredMessagesTo)) +
    extra(s, 'AutoDeleteOnIdle', NEVER) +
    el('EntityAvailabilityStatus', 'Available') +
    '</SubscriptionDescription>'
  );
}

export function namespaceXml(createdAt: number): string {
  return (
    open('NamespaceInfo') +
    el('CreatedTime', isoTime(createdAt)) +
    el('MessagingSKU', 'Standard') +
    el('ModifiedTime', isoTime(createdAt)) +
    el('Name', 'sbemulatorns') +
    el('NamespaceType', 'Messaging') +
    '</NamespaceInfo>'
  );
}
