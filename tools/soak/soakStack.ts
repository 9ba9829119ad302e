import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { buildApp } from '../build/buildApp';
import { isBuildFresh } from '../dev/freshBuild';
import { effectiveSettings, ensureLocalSettings } from '../dev/localSettings';
import { freePorts } from '../dev/ports';
import { ChildService } from './childService';
import { startCountingSmtp, type CountingSmtp } from './countingSmtp';

export interface SoakStackOptions {
  root: string;
  /** Holds cosmos/ and servicebus/, kept across the restarts of each. */
  dataDir: string;
  /** An emulator Config.json for the broker instead of infra/topology.json (e.g. shorter locks). */
  serviceBusConfig?: string;
  /** Settings that win over local.settings.json (after the connections). */
  env?: Record<string, string>;
  /** Environment of every part's process (Cosmos DB, broker, host), e.g. a NODE_OPTIONS preload. */
  processEnv?: Record<string, string>;
  /** Told when a part exits on its own (a crash the soak did not cause), with its output's tail. */
  onUnexpectedExit?: (why: string, outputTail: string) => void;
}

export interface SoakStack {
  cosmos: ChildService;
  serviceBus: ChildService;
  host: ChildService;
  smtp: CountingSmtp;
  hostUrl: string;
  /** The broker's read-only HTTP view (`/entities`: counts per queue). */
  serviceBusHttpUrl: string;
  cosmosConnectionString: string;
  serviceBusConnectionString: string;
  settings: Record<string, string>;
  adminEmail: string;
  close(): Promise<void>;
}

const lineValue = (output: string, prefix: string): string | undefined =>
  output
    .split('\n')
    .find((l) => l.startsWith(prefix))
    ?.slice(prefix.length)
    .trim();

/**
 * The stack of `npm run dev` with each part in a process of its own, so that each can be killed with SIGKILL
 * and restarted on its port and data dir: the Cosmos DB emulator and the broker through their CLIs
 * (`npm run cosmos`, `npm run servicebus` with --data-dir), the Functions host through its CLI with every
 * function on, settings from local.settings.json as `dev` reads them (connections pointed at these).
 */
export async function startSoakStack(opts: SoakStackOptions): Promise<SoakStack> {
  const { root } = opts;
  const topology = join(root, 'infra', 'topology.json');
  const [cosmosPort, sbPort, sbHttpPort, hostPort] = (await freePorts(4)) as [number, number, number, number];
  const build = isBuildFresh(root) ? Promise.resolve() : buildApp({ root });
  const cosmos = new ChildService({
    name: 'cosmos',
    ...(opts.onUnexpectedExit ? { onUnexpectedExit: opts.onUnexpectedExit } : {}),
    root,
    script: 'tools/cosmos/main.ts',
    args: ['--port', String(cosmosPort), '--data-dir', join(opts.dataDir, 'cosmos'), '--topology', topology],
    ...(opts.processEnv ? { env: opts.processEnv } : {}),
    ready: (out) => Promise.resolve(lineValue(out, 'CosmosDB=') !== undefined),
  });
  const serviceBus = new ChildService({
    name: 'servicebus',
    ...(opts.onUnexpectedExit ? { onUnexpectedExit: opts.onUnexpectedExit } : {}),
    root,
    script: 'tools/servicebus/main.ts',
    args: [
      '--port',
      String(sbPort),
      '--http-port',
      String(sbHttpPort),
      '--data-dir',
      join(opts.dataDir, 'servicebus'),
      ...(opts.serviceBusConfig ? ['--config', opts.serviceBusConfig] : ['--topology', topology]),
    ],
    ...(opts.processEnv ? { env: opts.processEnv } : {}),
    ready: (out) => Promise.resolve(lineValue(out, 'ServiceBusConnection=') !== undefined),
  });
  const smtp = await startCountingSmtp();
  const closers: Array<() => Promise<void>> = [() => smtp.close()];
  const close = async (): Promise<void> => {
    for (const c of closers.splice(0).reverse()) await c().catch(() => undefined);
  };
  try {
    closers.push(
      () => cosmos.stop(),
      () => serviceBus.stop(),
    );
    await Promise.all([build, cosmos.start(), serviceBus.start()]);
    const cosmosConnectionString = lineValue(cosmos.output, 'CosmosDB=')!;
    const serviceBusConnectionString = lineValue(serviceBus.output, 'ServiceBusConnection=')!;
    const adminEmail = 'soak-admin@orderflow.local';
    const local = effectiveSettings(ensureLocalSettings(root).settings, process.env);
    const settings: Record<string, string> = {
      ...local,
      CosmosDB: cosmosConnectionString,
      ServiceBusConnection: serviceBusConnectionString,
      SMTP_URL: `smtp://127.0.0.1:${smtp.port}`,
      // A key of this run only; the soak's admin on top of whoever local.settings.json names.
      JWT_KEYS: `soak=${randomBytes(32).toString('base64url')}`,
      ADMIN_EMAILS: [local.ADMIN_EMAILS, adminEmail].filter(Boolean).join(','),
      ...opts.env,
    };
    delete settings.ACS_ENDPOINT;
    const hostUrl = `http://127.0.0.1:${hostPort}`;
    const host = new ChildService({
      name: 'host',
      ...(opts.onUnexpectedExit ? { onUnexpectedExit: opts.onUnexpectedExit } : {}),
      root,
      script: 'tools/host/main.ts',
      args: ['--port', String(hostPort), '--quiet'],
      env: { ...settings, ...opts.processEnv },
      ready: async () => (await fetch(`${hostUrl}/api/health`, { signal: AbortSignal.timeout(2000) })).ok,
    });
    closers.push(() => host.stop());
    await host.start();
    return {
      cosmos,
      serviceBus,
      host,
      smtp,
      hostUrl,
      serviceBusHttpUrl: `http://127.0.0.1:${sbHttpPort}`,
      cosmosConnectionString,
      serviceBusConnectionString,
      settings,
      adminEmail,
      close,
    };
  } catch (err) {
    await close();
    throw err;
  }
}
