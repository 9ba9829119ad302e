import { decodeBare } from '../amqp/incomingMessage';
import { MessageState, type StoredMessage } from '../broker/StoredMessage';

const stateNames: Record<number, string> = {
  [MessageState.Active]: 'active',
  [MessageState.Deferred]: 'deferred',
  [MessageState.Scheduled]: 'scheduled',
};

function bodyOf(body: unknown): unknown {
  // The SDK sends JSON bodies as one data section of UTF-8 JSON.
  const section = body as { typecode?: number; content?: unknown } | undefined;
  const content = section && section.typecode !== undefined ? section.content : body;
  if (Buffer.isBuffer(content)) {
    const text = content.toString('utf8');
    try {
      return JSON.parse(text) as unknown;
    } catch {
      return text;
    }
  }
  return content;
}

/** A stored message as JSON for the visibility endpoint (what Service Bus Explorer shows). */
export function describeMessage(m: StoredMessage): Record<string, unknown> {
  const d = decodeBare(m.bare);
  return {
    sequenceNumber: m.seq,
    messageId: m.messageId,
    sessionId: m.sessionId,
    state: stateNames[m.state],
    locked: m.lockToken !== undefined,
    lockedUntil: m.lockToken ? new Date(m.lockedUntil).toISOString() : undefined,
    deliveryCount: m.deliveryCount,
    enqueuedTime: new Date(m.enqueuedAt).toISOString(),
    scheduledEnqueueTime:
      m.state === MessageState.Scheduled ? new Date(m.scheduledAt).toISOString() : undefined,
    expiresAt: m.expiresAt === Infinity ? undefined : new Date(m.expiresAt).toISOString(),
    subject: d.subject,
    correlationId: d.correlation_id,
    contentType: d.content_type,
    to: d.to,
    replyTo: d.reply_to,
    applicationProperties: d.application_properties,
    body: bodyOf(d.body),
    sizeBytes: m.bare.length,
  };
}
