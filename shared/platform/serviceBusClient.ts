import type { ServiceBusClient } from '@azure/service-bus';
import { commonJsExports } from './commonJsExports';
import { getCredential } from './credential';

export interface ServiceBusConnectionInit {
  /** A connection string: local emulators (`UseDevelopmentEmulator=true`) only. */
  connectionString?: string | undefined;
  /** `<namespace>.servicebus.windows.net` for Entra ID. Wins over the connection string. */
  fullyQualifiedNamespace?: string | undefined;
  clientId?: string | undefined;
}

export async function createServiceBusClient(init: ServiceBusConnectionInit): Promise<ServiceBusClient> {
  // @azure/service-bus is CommonJS only.
  const { ServiceBusClient } = commonJsExports(await import('@azure/service-bus'));
  if (init.fullyQualifiedNamespace) {
    return new ServiceBusClient(init.fullyQualifiedNamespace, await getCredential(init.clientId));
  }
  if (!init.connectionString) throw new Error('No Service Bus connection configured');
  return new ServiceBusClient(init.connectionString);
}
