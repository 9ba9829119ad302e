import type { DeadLetteredMessage } from './deadLetterDocs';

type Metadata = Record<string, unknown> | undefined;

function pick(meta: Metadata, ...names: string[]): unknown {
  for (const n of names) {
    const v = meta?.[n];
    if (v !== undefined && v !== null && v !== '') return v;
  }
  return undefined;
}
const str = (v: unknown): string | undefined => {
  if (v === undefined) return undefined;
  if (v instanceof Date) return v.toISOString();
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean' || typeof v === 'bigint') return v.toString();
  return JSON.stringify(v);
};

/**
 * Normalises what a Service Bus trigger gives a handler (body plus trigger metadata) into a dead letter.
 * Reads both the camelCase names of the Node worker and the PascalCase names of older hosts; the reason
 * and description also travel as application properties, where the broker copies them.
 */
export function deadLetterFromTrigger(queue: string, body: unknown, meta: Metadata): DeadLetteredMessage {
  const props = (pick(
    meta,
    'applicationProperties',
    'ApplicationProperties',
    'userProperties',
    'UserProperties',
  ) ?? {}) as Record<string, unknown>;
  const count = pick(meta, 'deliveryCount', 'DeliveryCount');
  const enqueued = pick(meta, 'enqueuedTimeUtc', 'EnqueuedTimeUtc', 'enqueuedTime');
  const result: DeadLetteredMessage = { queue, body, applicationProperties: { ...props } };
  const set = <K extends keyof DeadLetteredMessage>(k: K, v: DeadLetteredMessage[K] | undefined): void => {
    if (v !== undefined) result[k] = v;
  };
  set('messageId', str(pick(meta, 'messageId', 'MessageId')));
  set('sequenceNumber', str(pick(meta, 'sequenceNumber', 'SequenceNumber')));
  set('deliveryCount', count === undefined ? undefined : Number(count));
  set('enqueuedTime', enqueued === undefined ? undefined : new Date(str(enqueued)!).toISOString());
  set('reason', str(pick(meta, 'deadLetterReason', 'DeadLetterReason') ?? props.DeadLetterReason));
  set(
    'description',
    str(
      pick(meta, 'deadLetterErrorDescription', 'DeadLetterErrorDescription') ??
        props.DeadLetterErrorDescription,
    ),
  );
  set('subject', str(pick(meta, 'subject', 'label', 'Label', 'Subject')));
  set('correlationId', str(pick(meta, 'correlationId', 'CorrelationId')));
  set('contentType', str(pick(meta, 'contentType', 'ContentType')));
  return result;
}
