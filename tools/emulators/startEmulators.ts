import { startDevStack, type DevOptions, type DevStack } from '../dev/devStack';
import { coreToolsSettings, type CoreToolsSettings } from './coreToolsSettings';

/**
 * Cosmos DB, the Service Bus broker, Azurite and the mail catcher, started by the dev stack's own code without
 * our Functions host, for a Core Tools user's `func start`.
 */
export async function startEmulators(
  opts: Pick<DevOptions, 'root' | 'ephemeralPorts' | 'dataDir' | 'log'>,
): Promise<{ stack: DevStack; settings: CoreToolsSettings }> {
  const stack = await startDevStack({ ...opts, host: false, watch: false });
  return { stack, settings: coreToolsSettings(stack.connections, stack.mailUrl) };
}
