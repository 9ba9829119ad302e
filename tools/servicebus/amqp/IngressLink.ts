import type { EventContext, Message, Receiver } from 'rhea';
import type { Broker } from '../broker/Broker';
import type { MessageQueue } from '../broker/MessageQueue';
import type { Topic } from '../broker/Topic';
import { MAX_MESSAGE_SIZE_BYTES } from '../config/NamespaceConfig';
import { brokerErrors, toWireError } from '../errors';
import type { Persistence } from '../persistence/Persistence';
import { parseIncoming, type IncomingMessage } from './incomingMessage';
import { rawBytesOf } from './rawTransfer';
import { dataSectionPayloads } from './sectionOffsets';
import { keepBytes } from '../broker/bufferArena';

export const BATCH_FORMAT = 0x80013700;

/** Reads one transfer: a single message (format 0) or the SDK's batch envelope (one data section per message). */
export function readTransfer(ctx: { message?: unknown; format?: number }): IncomingMessage[] {
  if (ctx.format === BATCH_FORMAT) {
    const envelope = ctx.message as Buffer;
    return dataSectionPayloads(envelope).map((raw) => {
      if (raw.length > MAX_MESSAGE_SIZE_BYTES)
        throw brokerErrors.messageSizeExceeded(raw.length, MAX_MESSAGE_SIZE_BYTES);
      return parseIncoming(undefined, raw);
    });
  }
  if (Buffer.isBuffer(ctx.message))
    throw brokerErrors.notImplemented(`Message format ${ctx.format ?? 'unknown'}`);
  // The sender's own bytes (application property types included); a copy, as they may share a socket buffer.
  const raw = rawBytesOf(ctx.message);
  const one = parseIncoming(ctx.message as Message, raw && keepBytes(raw));
  if (one.size > MAX_MESSAGE_SIZE_BYTES)
    throw brokerErrors.messageSizeExceeded(one.size, MAX_MESSAGE_SIZE_BYTES);
  return [one];
}

/**
 * A client's sender link. A transfer is accepted only after its messages are stored and, with a data dir, written
 * to the log; any failure rejects it with the Service Bus error, which the SDK raises from sendMessages.
 */
export function attachIngress(
  receiver: Receiver,
  broker: Broker,
  target: MessageQueue | Topic,
  journal: Persistence,
): void {
  receiver.on('message', (ctx: EventContext) => {
    const delivery = ctx.delivery!;
    try {
      broker.send(target, readTransfer(ctx));
    } catch (err) {
      delivery.reject(toWireError(err).toAmqpError());
      return;
    }
    if (!journal.durable) {
      delivery.accept();
      return;
    }
    journal.flush().then(
      () => delivery.accept(),
      (err: unknown) => delivery.reject(toWireError(err).toAmqpError()),
    );
  });
}
