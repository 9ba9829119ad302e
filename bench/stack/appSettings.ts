import { randomBytes } from 'node:crypto';
import type { StackInfo } from './stackInfo';

/** A Service Bus connection string that points nowhere, for runs without the broker (the config requires one). */
const NO_BROKER =
  'Endpoint=sb://127.0.0.1:9;SharedAccessKeyName=RootManageSharedAccessKey;SharedAccessKey=x;UseDevelopmentEmulator=true;';

/** A fresh signing key per run: tokens from one run are worthless in any other. */
export function benchJwtKeys(): string {
  return `bench=${randomBytes(32).toString('base64url')}`;
}

/**
 * The app settings of a bench host, built from the stack's connection strings: everything on 127.0.0.1, no
 * local.settings.json involved. `extra` adds or overrides (a short feed poll delay, disabled functions).
 */
export function appSettings(
  stack: StackInfo,
  jwtKeys: string,
  extra: Record<string, string> = {},
): Record<string, string> {
  if (!stack.cosmos) throw new Error('the bench stack has no Cosmos DB');
  return {
    FUNCTIONS_WORKER_RUNTIME: 'node',
    CosmosDB: stack.cosmos.connectionString,
    ServiceBusConnection: stack.serviceBus?.connectionString ?? NO_BROKER,
    JWT_KEYS: jwtKeys,
    ADMIN_EMAILS: 'bench-admin@orderflow.local',
    APP_BASE_URL: 'http://127.0.0.1:7071',
    ...(stack.mail ? { SMTP_URL: stack.mail.smtpUrl } : {}),
    ...extra,
  };
}
