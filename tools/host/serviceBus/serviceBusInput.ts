import { randomUUID } from 'node:crypto';
import type { ServiceBusReceivedMessage } from '@azure/service-bus';
import type { RpcTypedData } from '../app/coreTypes';
import { longToNumber, toRpcValue } from './toRpcValue';

/**
 * The body as the Service Bus extension hands it to a Node worker: bytes decoded as UTF-8 text (which the library
 * then JSON-parses when it can), or raw bytes for `dataType: 'binary'`. AMQP value bodies keep their type.
 */
function bodyAs(
  msg: ServiceBusReceivedMessage,
  binary: boolean,
): { text?: string; bytes?: Buffer; json?: string } {
  const body: unknown = msg.body;
  if (Buffer.isBuffer(body) || body instanceof Uint8Array) {
    const buf = Buffer.from(body);
    return binary ? { bytes: buf } : { text: buf.toString('utf8') };
  }
  if (typeof body === 'string') return binary ? { bytes: Buffer.from(body) } : { text: body };
  return { json: JSON.stringify(body ?? null) };
}

export function messageInput(msg: ServiceBusReceivedMessage, binary: boolean): RpcTypedData {
  const b = bodyAs(msg, binary);
  if (b.bytes) return { bytes: b.bytes };
  if (b.text !== undefined) return { string: b.text };
  return { json: b.json ?? 'null' };
}

export function batchInput(msgs: readonly ServiceBusReceivedMessage[], binary: boolean): RpcTypedData {
  const parts = msgs.map((m) => bodyAs(m, binary));
  if (binary)
    return { collectionBytes: { bytes: parts.map((p) => p.bytes ?? Buffer.from(p.text ?? p.json ?? '')) } };
  // collectionString: the library JSON-parses each element it can, as it does for a single message.
  return { collectionString: { string: parts.map((p) => p.text ?? p.json ?? 'null') } };
}

/**
 * Binding data in the Service Bus extension's names (PascalCase; the library camel-cases them into
 * `context.triggerMetadata`). DeliveryCount is 1 on the first delivery, as the .NET SDK counts.
 */
function fields(m: ServiceBusReceivedMessage): Record<string, unknown> {
  return {
    MessageId: m.messageId,
    DeliveryCount: (m.deliveryCount ?? 0) + 1,
    EnqueuedTimeUtc: m.enqueuedTimeUtc,
    ExpiresAtUtc: m.expiresAtUtc,
    LockedUntil: m.lockedUntilUtc,
    LockToken: m.lockToken,
    SequenceNumber: m.sequenceNumber,
    EnqueuedSequenceNumber: m.enqueuedSequenceNumber,
    ContentType: m.contentType,
    CorrelationId: m.correlationId,
    Label: m.subject,
    Subject: m.subject,
    To: m.to,
    ReplyTo: m.replyTo,
    ReplyToSessionId: m.replyToSessionId,
    SessionId: m.sessionId,
    PartitionKey: m.partitionKey,
    TransactionPartitionKey: m.partitionKey,
    DeadLetterSource: m.deadLetterSource,
    DeadLetterReason: m.deadLetterReason,
    DeadLetterErrorDescription: m.deadLetterErrorDescription,
    State: m.state,
    ApplicationProperties: m.applicationProperties ?? {},
    UserProperties: m.applicationProperties ?? {},
  };
}

function sys(functionName: string): Record<string, unknown> {
  return { MethodName: functionName, UtcNow: new Date().toISOString(), RandGuid: randomUUID() };
}

function toRpcRecord(values: Record<string, unknown>): Record<string, RpcTypedData> {
  const out: Record<string, RpcTypedData> = {};
  for (const [k, v] of Object.entries(values)) {
    const t = toRpcValue(v);
    if (t) out[k] = t;
  }
  return out;
}

export function messageMetadata(
  functionName: string,
  m: ServiceBusReceivedMessage,
): Record<string, RpcTypedData> {
  return toRpcRecord({ ...fields(m), sys: sys(functionName) });
}

/** Batch metadata: every field as `<Name>Array`, one entry per message, as the extension binds them. */
export function batchMetadata(
  functionName: string,
  msgs: readonly ServiceBusReceivedMessage[],
): Record<string, RpcTypedData> {
  const per = msgs.map(fields);
  const arrays: Record<string, unknown> = {};
  for (const key of Object.keys(per[0] ?? {})) {
    arrays[`${key}Array`] = per.map((p) => {
      const v = p[key];
      if (v instanceof Date) return v.toISOString();
      return longToNumber(v) ?? v ?? null;
    });
  }
  return toRpcRecord({ ...arrays, sys: sys(functionName) });
}
