import type { Message } from 'rhea';

/** What a rule sees of a message: system properties by their Service Bus names, and application properties. */
export interface FilterView {
  system(name: string): unknown;
  properties: Record<string, unknown>;
}

/** The broker-side values a filter can read that are not in the message itself. */
export interface BrokerFields {
  sequenceNumber: number;
  enqueuedTimeUtc: number;
  deliveryCount: number;
}

function annotation(m: Message, key: string): unknown {
  const annotations: Record<string, unknown> | undefined = m.message_annotations;
  return annotations?.[key];
}

const systemGetters: Record<string, (m: Message, b: BrokerFields) => unknown> = {
  messageid: (m) => m.message_id,
  correlationid: (m) => m.correlation_id,
  to: (m) => m.to,
  replyto: (m) => m.reply_to,
  label: (m) => m.subject,
  subject: (m) => m.subject,
  sessionid: (m) => m.group_id,
  replytosessionid: (m) => m.reply_to_group_id,
  contenttype: (m) => m.content_type,
  timetolive: (m) => m.ttl,
  scheduledenqueuetimeutc: (m) => annotation(m, 'x-opt-scheduled-enqueue-time'),
  partitionkey: (m) => annotation(m, 'x-opt-partition-key'),
  sequencenumber: (_m, b) => b.sequenceNumber,
  enqueuedtimeutc: (_m, b) => new Date(b.enqueuedTimeUtc),
  deliverycount: (_m, b) => b.deliveryCount,
};

export function filterView(decoded: Message, broker: BrokerFields): FilterView {
  return {
    system: (name) => {
      const getter = systemGetters[name.toLowerCase()];
      const value = getter ? getter(decoded, broker) : undefined;
      return value === null ? undefined : value;
    },
    properties: (decoded.application_properties as Record<string, unknown> | undefined) ?? {},
  };
}

/** The rhea property name behind a settable system property (rule actions: `SET sys.Label = 'x'`). */
export const settableSystemProperties: Record<string, string> = {
  messageid: 'message_id',
  correlationid: 'correlation_id',
  to: 'to',
  replyto: 'reply_to',
  label: 'subject',
  subject: 'subject',
  sessionid: 'group_id',
  replytosessionid: 'reply_to_group_id',
  contenttype: 'content_type',
};
