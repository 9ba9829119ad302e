import {
  ServiceBusClient,
  type ServiceBusReceivedMessage,
  type ServiceBusReceiver,
} from '@azure/service-bus';
import { join } from 'node:path';
import { startServiceBusEmulator, type ServiceBusEmulatorHandle } from '../../../tools/servicebus/index';

export const fixtureConfig = join(__dirname, 'fixtures', 'Config.json');

export interface Harness {
  emulator: ServiceBusEmulatorHandle;
  client: ServiceBusClient;
  close(): Promise<void>;
}

/** An emulator on port 0 with the fixture entities, and an SDK client that does not retry (errors surface at once). */
export async function startHarness(
  options: { dataDir?: string; httpPort?: number; config?: string } = {},
): Promise<Harness> {
  const emulator = await startServiceBusEmulator({ port: 0, config: fixtureConfig, ...options });
  const client = new ServiceBusClient(emulator.connectionString, {
    retryOptions: { maxRetries: 0, timeoutInMs: 10_000 },
  });
  return {
    emulator,
    client,
    close: async () => {
      await client.close();
      await emulator.close();
    },
  };
}

/** Receives until `count` messages arrived or `timeoutMs` passed; fails naming what is missing. */
export async function receiveExactly(
  receiver: ServiceBusReceiver,
  count: number,
  timeoutMs = 5000,
): Promise<ServiceBusReceivedMessage[]> {
  const got: ServiceBusReceivedMessage[] = [];
  const deadline = Date.now() + timeoutMs;
  while (got.length < count && Date.now() < deadline) {
    got.push(
      ...(await receiver.receiveMessages(count - got.length, {
        maxWaitTimeInMs: Math.max(50, Math.min(1000, deadline - Date.now())),
      })),
    );
  }
  if (got.length < count)
    throw new Error(
      `expected ${count} messages from ${receiver.entityPath}, got ${got.length} in ${timeoutMs} ms`,
    );
  return got;
}

/** Expects `promise` to reject with a ServiceBusError of `code`. */
export async function expectCode(promise: Promise<unknown>, code: string): Promise<void> {
  await expect(promise).rejects.toMatchObject({ code });
}
