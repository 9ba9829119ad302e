import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { loadNamespaceConfig } from './config/loadNamespaceConfig';
import type { RuntimeCounts } from './broker/runtimeCounts';
import { ServiceBusEmulator } from './ServiceBusEmulator';

export interface ServiceBusEmulatorOptions {
  /** AMQP port. Default 5672; 0 = any free port. */
  port?: number;
  /** Path to an official Service Bus emulator Config.json; its entities are added to (and win over) the topology's. */
  config?: string;
  /** Path to the topology file. Default infra/topology.json of this repository. */
  topology?: string;
  /** Directory for the durable message log. Omitted = in memory only. */
  dataDir?: string;
  /** Port of the read-only HTTP visibility endpoint. 0 = any free port; omitted = off. */
  httpPort?: number;
  /**
   * Port of the ATOM/REST administration API (ServiceBusAdministrationClient), plain HTTP as the official
   * emulator serves it on 5300. 0 = any free port; omitted = off.
   */
  adminPort?: number;
  /** Interface to bind. Default 127.0.0.1. */
  host?: string;
  /**
   * Time from TCP connect to the client's AMQP open (header, SASL, open) before the broker closes the socket.
   * Default 30,000 ms.
   */
  handshakeTimeoutMs?: number;
}

export interface ServiceBusEmulatorHandle {
  port: number;
  /** `Endpoint=sb://127.0.0.1:<port>;...;UseDevelopmentEmulator=true;`, the official emulator's form. */
  connectionString: string;
  httpUrl?: string;
  /** `http://<host>:<adminPort>`, when adminPort is given. */
  adminUrl?: string;
  adminPort?: number;
  /**
   * The connection string for ServiceBusAdministrationClient: the same as `connectionString` with the admin port,
   * as the official emulator documents. The JavaScript client also needs `emulatorAdminPolicy()` (it only speaks https).
   */
  adminConnectionString?: string;
  /** Message counts of a queue, subscription or topic (active, locked, scheduled, deferred, dead-letter, transfer). */
  runtimeCounts(path: string): RuntimeCounts;
  close(): Promise<void>;
}

export function defaultTopologyPath(): string {
  // __dirname exists when run through tsx/CommonJS (npm scripts, jest); under ESM fall back to the working dir.
  const here =
    typeof __dirname === 'string' ? join(__dirname, '..', '..', 'infra', 'topology.json') : undefined;
  return here && existsSync(here) ? here : resolve('infra', 'topology.json');
}

export function emulatorConnectionString(port: number, host = '127.0.0.1'): string {
  return `Endpoint=sb://${host}:${port};SharedAccessKeyName=RootManageSharedAccessKey;SharedAccessKey=SAS_KEY_VALUE;UseDevelopmentEmulator=true;`;
}

/** Starts the offline Service Bus: an AMQP 1.0 broker the unmodified @azure/service-bus SDK talks to. */
export async function startServiceBusEmulator(
  options: ServiceBusEmulatorOptions = {},
): Promise<ServiceBusEmulatorHandle> {
  const host = options.host ?? '127.0.0.1';
  const namespace = loadNamespaceConfig({
    topology: options.topology ?? defaultTopologyPath(),
    config: options.config,
  });
  const emulator = new ServiceBusEmulator({
    namespace,
    port: options.port ?? 5672,
    host,
    dataDir: options.dataDir,
    httpPort: options.httpPort,
    adminPort: options.adminPort,
    handshakeTimeoutMs: options.handshakeTimeoutMs,
  });
  try {
    await emulator.start();
  } catch (err) {
    await emulator.close();
    throw err;
  }
  const connectHost = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host;
  return {
    port: emulator.port,
    connectionString: emulatorConnectionString(emulator.port, connectHost),
    ...(emulator.httpPort !== undefined ? { httpUrl: `http://${connectHost}:${emulator.httpPort}` } : {}),
    ...(emulator.adminPort !== undefined
      ? {
          adminUrl: `http://${connectHost}:${emulator.adminPort}`,
          adminPort: emulator.adminPort,
          adminConnectionString: emulatorConnectionString(emulator.adminPort, connectHost),
        }
      : {}),
    runtimeCounts: (path) => emulator.broker!.runtimeCounts(path),
    close: () => emulator.close(),
  };
}

export { emulatorAdminPolicy } from './admin/emulatorAdminPolicy';
export type { RuntimeCounts } from './broker/runtimeCounts';
