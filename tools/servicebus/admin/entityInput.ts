import { parseEntityProperties } from '../config/entityPropertiesSchema';
import { brokerErrors } from '../errors';
import type { ExtraProperties } from './definitions';
import { textOf, type XmlNode } from './atomXml';
import type { EntityInput } from './NamespaceAdmin';

type Kind = 'queue' | 'topic' | 'subscription';
type FieldType = 'duration' | 'int' | 'bool' | 'name';

/** The description elements the broker acts on, per entity kind, with how to read them. */
const FIELDS: Record<Kind, Record<string, FieldType>> = {
  queue: {
    LockDuration: 'duration',
    MaxSizeInMegabytes: 'int',
    RequiresDuplicateDetection: 'bool',
    RequiresSession: 'bool',
    DefaultMessageTimeToLive: 'duration',
    DeadLetteringOnMessageExpiration: 'bool',
    DuplicateDetectionHistoryTimeWindow: 'duration',
    MaxDeliveryCount: 'int',
    ForwardTo: 'name',
    ForwardDeadLetteredMessagesTo: 'name',
  },
  topic: {
    DefaultMessageTimeToLive: 'duration',
    MaxSizeInMegabytes: 'int',
    RequiresDuplicateDetection: 'bool',
    DuplicateDetectionHistoryTimeWindow: 'duration',
  },
  subscription: {
    LockDuration: 'duration',
    RequiresSession: 'bool',
    DefaultMessageTimeToLive: 'duration',
    DeadLetteringOnMessageExpiration: 'bool',
    MaxDeliveryCount: 'int',
    ForwardTo: 'name',
    ForwardDeadLetteredMessagesTo: 'name',
  },
};

/** Kept and echoed, not acted on (documented): the entity never auto-deletes, batching is an internal detail. */
const ECHOED = [
  'UserMetadata',
  'AutoDeleteOnIdle',
  'EnableBatchedOperations',
  'SupportOrdering',
  'DeadLetteringOnFilterEvaluationExceptions',
];

/** Features the emulator does not have: asking for them is a 400 rather than a silent no. */
const REFUSED: Record<string, (v: string) => boolean> = {
  EnablePartitioning: (v) => v.toLowerCase() === 'true',
  EnableExpress: (v) => v.toLowerCase() === 'true',
  MaxMessageSizeInKilobytes: (v) => v.trim() !== '256',
  Status: (v) => v.toLowerCase() !== 'active',
};

/** `sb://host:port/target` (what the SDKs send) or `target` → `target`. */
export function entityNameOf(value: string): string {
  return value.replace(/^[a-z][a-z0-9+.-]*:\/\/[^/]*/i, '').replace(/^\/+|\/+$/g, '');
}

function read(type: FieldType, text: string, field: string): unknown {
  const t = text.trim();
  switch (type) {
    case 'bool':
      if (!/^(true|false)$/i.test(t))
        throw brokerErrors.badRequest(`${field} must be true or false, got '${t}'.`);
      return t.toLowerCase() === 'true';
    case 'int':
      if (!/^\d{1,15}$/.test(t))
        throw brokerErrors.badRequest(`${field} must be a whole number, got '${t}'.`);
      return Number(t);
    case 'name':
      return entityNameOf(t);
    case 'duration':
      return t;
  }
}

/** A QueueDescription, TopicDescription or SubscriptionDescription as the broker's properties plus echoed extras. */
export function entityInputFrom(kind: Kind, node: XmlNode, where: string): EntityInput {
  const raw: Record<string, unknown> = {};
  const extra: ExtraProperties = {};
  for (const [field, value] of Object.entries(node)) {
    if (field === '$' || field === '_') continue;
    const text = textOf(value);
    if (text === undefined) continue;
    const refused = REFUSED[field];
    if (refused?.(text))
      throw brokerErrors.badRequest(
        `${field}=${text} is not supported by the offline Service Bus emulator (${where}).`,
      );
    const type = FIELDS[kind][field];
    if (type) {
      if (text.trim() !== '') raw[field.toLowerCase()] = read(type, text, field);
    } else if (ECHOED.includes(field)) extra[field] = text;
  }
  try {
    return { properties: parseEntityProperties(raw, where), extra };
  } catch (err) {
    throw brokerErrors.badRequest(err instanceof Error ? err.message : String(err));
  }
}
