import { ServiceBusClient } from '@azure/service-bus';
import { connectionStringFor, rssBytes } from './servicebusProcesses';

export interface MemoryRun {
  messages: number;
  payloadBytes: number;
  rssBefore: number;
  rssAfter: number;
  withMessageIds: boolean;
}

/** Queues `messages` 1 KB messages in SDK batches and reads the broker's RSS before and after. */
export async function measureMemory(
  pid: number,
  port: number,
  messages: number,
  withMessageIds: boolean,
): Promise<MemoryRun> {
  const client = new ServiceBusClient(connectionStringFor(port), {
    retryOptions: { maxRetries: 0, timeoutInMs: 60_000 },
  });
  try {
    const rssBefore = rssBytes(pid);
    const sender = client.createSender('bench');
    const body = Buffer.alloc(1024, 3);
    let sent = 0;
    while (sent < messages) {
      const batch = await sender.createMessageBatch();
      while (
        sent < messages &&
        batch.tryAddMessage(withMessageIds ? { body, messageId: `m-${sent}` } : { body })
      )
        sent++;
      await sender.sendMessages(batch);
    }
    // Let the broker finish with the last transfers before reading.
    await new Promise((r) => setTimeout(r, 500));
    return { messages, payloadBytes: messages * 1024, rssBefore, rssAfter: rssBytes(pid), withMessageIds };
  } finally {
    await client.close();
  }
}
