import { ServiceBusAdministrationClient, ServiceBusClient } from '@azure/service-bus';
import {
  emulatorAdminPolicy,
  startServiceBusEmulator,
  type ServiceBusEmulatorHandle,
} from '../../../../tools/servicebus/index';
import { fixtureConfig } from '../harness';

export interface AdminHarness {
  emulator: ServiceBusEmulatorHandle;
  admin: ServiceBusAdministrationClient;
  client: ServiceBusClient;
  close(): Promise<void>;
}

/**
 * An emulator with the administration API on port 0, the unmodified SDK's administration client pointed at it the
 * documented way (admin connection string + the http policy), and a messaging client.
 */
export async function startAdminHarness(options: { dataDir?: string } = {}): Promise<AdminHarness> {
  const emulator = await startServiceBusEmulator({
    port: 0,
    adminPort: 0,
    config: fixtureConfig,
    ...options,
  });
  const admin = new ServiceBusAdministrationClient(emulator.adminConnectionString!, {
    retryOptions: { maxRetries: 0 },
  });
  admin.pipeline.addPolicy(emulatorAdminPolicy());
  const client = new ServiceBusClient(emulator.connectionString, {
    retryOptions: { maxRetries: 0, timeoutInMs: 10_000 },
  });
  return {
    emulator,
    admin,
    client,
    close: async () => {
      await client.close();
      await emulator.close();
    },
  };
}
