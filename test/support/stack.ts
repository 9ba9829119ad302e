import type { CosmosClient } from '@azure/cosmos';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { buildApp } from '../../tools/build/buildApp';
import { startCosmosEmulator } from '../../tools/cosmos';
import { startHost, type HostFunctionInfo } from '../../tools/host';
import { startServiceBusEmulator } from '../../tools/servicebus';
import { startMailCatcher, type MailCatcher } from '../../tools/mailcatcher';
import { createCosmosClient } from '../../shared/platform/cosmosClient';

/** Options of `startStack`. Every server listens on an ephemeral port. */
export interface StackOptions {
  /**
   * Start the offline Service Bus broker. Default true: the app's Service Bus triggers need one (without it their
   * receivers retry a closed port and the host takes 15 s to stop). `false` gives the app a closed port.
   */
  serviceBus?: boolean;
  /** Start the Functions host with the built app. Default true; false gives only the emulators. */
  host?: boolean;
  /** App settings that win over the stack's defaults (e.g. `ADMIN_EMAILS`, lockout thresholds). */
  env?: Record<string, string>;
  /** Show the host's log lines (request logs with request ids). Default false. */
  verbose?: boolean;
  /** An official-emulator Config.json for the broker; its entities win over the topology's (e.g. short locks). */
  serviceBusConfig?: string;
  /** Start the local mail catcher and point SMTP_URL at it. Default false. */
  mailCatcher?: boolean;
}

export interface Stack {
  /** `http://127.0.0.1:<port>` of the Functions host ('' when `host: false`). */
  baseUrl: string;
  /** HTTP functions the host registered (name, trigger, route, methods). */
  functions: HostFunctionInfo[];
  /** A client of the offline Cosmos DB (databases and containers from infra/topology.json), for assertions. */
  cosmos: CosmosClient;
  cosmosConnectionString: string;
  /** Connection string of the offline broker; undefined with `serviceBus: false`. */
  serviceBusConnectionString: string | undefined;
  /** The mail catcher receiving the app's email; undefined without `mailCatcher: true`. */
  mail: MailCatcher | undefined;
  /** Every setting the app was started with (JWT_KEYS holds a fresh random key per stack). */
  settings: Record<string, string>;
  /** Stops host, broker and Cosmos DB; safe to call twice. */
  close(): Promise<void>;
}

const ROOT = resolve(__dirname, '..', '..');
// With `serviceBus: false`: no broker listens here; settings validation is satisfied and connections fail fast.
const NO_BROKER =
  'Endpoint=sb://127.0.0.1:1;SharedAccessKeyName=RootManageSharedAccessKey;SharedAccessKey=x;UseDevelopmentEmulator=true;';

let building: Promise<void> | undefined;

/** `npm test` builds before jest; a lone `npx jest` run builds once here if the bundle is missing. */
function ensureBuilt(): Promise<void> {
  if (existsSync(join(ROOT, 'dist', 'app', 'main.mjs'))) return Promise.resolve();
  building ??= buildApp({ root: ROOT });
  return building;
}

/**
 * The offline stack for integration tests: Cosmos DB, optionally Service Bus, and the local Functions
 * host running the built app (package.json main) against them. Use one per test file:
 *
 * ```ts
 * let stack: Stack;
 * beforeAll(async () => { stack = await startStack({ serviceBus: true }); });
 * afterAll(() => stack?.close());
 * ```
 */
export async function startStack(opts: StackOptions = {}): Promise<Stack> {
  const closers: Array<() => Promise<void>> = [];
  const close = async (): Promise<void> => {
    for (const c of closers.splice(0).reverse()) await c().catch(() => undefined);
  };
  try {
    const [, cosmosEmu, bus, mail] = await Promise.all([
      ensureBuilt(),
      startCosmosEmulator({ port: 0 }),
      (opts.serviceBus ?? true)
        ? startServiceBusEmulator({
            port: 0,
            ...(opts.serviceBusConfig ? { config: opts.serviceBusConfig } : {}),
          })
        : Promise.resolve(undefined),
      opts.mailCatcher ? startMailCatcher({ smtpPort: 0, httpPort: 0 }) : Promise.resolve(undefined),
    ]);
    closers.push(() => cosmosEmu.close());
    if (bus) closers.push(() => bus.close());
    if (mail) closers.push(() => mail.close());
    const cosmos = await createCosmosClient({ connectionString: cosmosEmu.connectionString });
    closers.push(() => Promise.resolve(cosmos.dispose()));
    const settings: Record<string, string> = {
      FUNCTIONS_WORKER_RUNTIME: 'node',
      AzureWebJobsStorage: 'UseDevelopmentStorage=true',
      CosmosDB: cosmosEmu.connectionString,
      ServiceBusConnection: bus?.connectionString ?? NO_BROKER,
      JWT_KEYS: `test=${randomBytes(32).toString('base64url')}`,
      JWT_ISSUER: 'orderflow',
      JWT_AUDIENCE: 'orderflow-api',
      ADMIN_EMAILS: 'admin@orderflow.test',
      APP_BASE_URL: 'http://127.0.0.1',
      // scrypt at 1/24 of the production cost (OWASP N=2^15, r=8, p=3): tests register and sign in many users on
      // 2 shared cores. The production parameters are covered by test/shared/auth/passwordHasher.test.ts.
      PASSWORD_SCRYPT_PARAMS: 'ln=12,r=8,p=1',
      // The dashboard timer's %DASHBOARD_SCHEDULE% must resolve for the host to load the app.
      DASHBOARD_SCHEDULE: '0 */5 * * * *',
      RELAY_FEED_POLL_DELAY_MS: '100',
      ...(mail ? { SMTP_URL: `smtp://127.0.0.1:${mail.smtpPort}` } : {}),
      ...opts.env,
    };
    let baseUrl = '';
    let functions: HostFunctionInfo[] = [];
    if (opts.host ?? true) {
      const host = await startHost({ appDir: ROOT, port: 0, env: settings, quiet: !opts.verbose });
      closers.push(() => host.close());
      baseUrl = host.baseUrl;
      functions = host.functions;
    }
    return {
      baseUrl,
      functions,
      cosmos,
      cosmosConnectionString: cosmosEmu.connectionString,
      serviceBusConnectionString: bus?.connectionString,
      mail,
      settings,
      close,
    };
  } catch (err) {
    await close();
    throw err;
  }
}
