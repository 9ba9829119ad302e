import type { ServiceBusMessage, ServiceBusSender, TryAddOptions } from '@azure/service-bus';
import { MessageTooLargeError } from '../events/errors';

/**
 * Sends every message, filling batches up to the entity's size limit and spilling into as many batches as
 * needed. Each send is awaited: a failure rejects, so the caller's invocation fails and is retried.
 * Returns the number of batches sent. `optionsOf(i)` gives message i's tracing context: the SDK then writes its
 * `Diagnostic-Id` as a child of that context's span.
 */
export async function sendInBatches(
  sender: ServiceBusSender,
  messages: readonly ServiceBusMessage[],
  optionsOf: (index: number) => TryAddOptions | undefined = () => undefined,
): Promise<number> {
  if (messages.length === 0) return 0;
  let batches = 0;
  let batch = await sender.createMessageBatch();
  for (const [i, message] of messages.entries()) {
    const options = optionsOf(i);
    if (batch.tryAddMessage(message, options)) continue;
    if (batch.count === 0)
      throw new MessageTooLargeError(`message ${String(message.messageId)} exceeds the batch size limit`);
    await sender.sendMessages(batch);
    batches += 1;
    batch = await sender.createMessageBatch();
    if (!batch.tryAddMessage(message, options)) {
      throw new MessageTooLargeError(`message ${String(message.messageId)} exceeds the batch size limit`);
    }
  }
  if (batch.count > 0) {
    await sender.sendMessages(batch);
    batches += 1;
  }
  return batches;
}
