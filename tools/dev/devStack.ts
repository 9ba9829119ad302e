import { stop as stopEsbuild } from 'esbuild';
import { join } from 'node:path';
import { connectionString as azuriteConnectionString, startAzurite } from '../azurite';
import { buildApp } from '../build/buildApp';
import { isBuildFresh } from './freshBuild';
import { ensureLocalSettings, effectiveSettings } from './localSettings';
import { loadMailCatcher, loadServiceBus } from './optionalServices';
import { assertPortsFree, freePorts } from './ports';
import { planServices, type ServicePlan } from './servicePlan';
import { HostRunner } from './hostRunner';
import { watchSources } from './watchSources';
import { startTelemetryReceiver, type TelemetryReceiver } from '../telemetry';

export interface DevOptions {
  /** The app (repository) root. */
  root: string;
  /** Every port 0 (ephemeral): a second stack beside a running one, and tests. Default false. */
  ephemeralPorts?: boolean;
  /** Where emulators keep data. Default `<root>/.data`; `null` = in memory only. */
  dataDir?: string | null;
  /** Build even when dist/app is newer than every source. Default false. */
  rebuild?: boolean;
  /** Rebuild and reload the host on source changes. Default true. */
  watch?: boolean;
  /** Build the app and start the Functions host. Default true; false starts only the offline services
   * (`npm run emulators`, for Core Tools' own `func start`), and `hostUrl` is empty. */
  host?: boolean;
  log?: (line: string) => void;
}

export interface DevStack {
  /** Milliseconds from process start to ready. */
  readyMs: number;
  /** Milliseconds from process start to each part being up: build, cosmos, serviceBus, mail, azurite, host. */
  timings: Record<string, number>;
  plan: ServicePlan;
  hostUrl: string;
  mailUrl?: string;
  /** The local portal (Service Bus, Cosmos DB and mail explorers), when any of those runs offline. */
  portalUrl?: string;
  /** The OTLP/HTTP receiver the app exports its spans to (the portal's Traces page reads it). */
  telemetry?: TelemetryReceiver;
  /** Setting name → value handed to the host for each offline service started. */
  connections: Record<string, string>;
  notes: string[];
  close(): Promise<void>;
}

export const DEFAULT_PORTS = {
  host: 7071,
  cosmos: 8081,
  serviceBus: 5672,
  blob: 10000,
  queue: 10001,
  table: 10002,
  smtp: 1025,
  mailWeb: 1080,
  portal: 7070,
};

type Closable = { close(): Promise<void> };

/**
 * Builds the app and starts the offline services its settings point at, all at once, then the Functions
 * host against them. A failure at any point closes whatever had started.
 */
export async function startDevStack(opts: DevOptions): Promise<DevStack> {
  const log = opts.log ?? ((line: string) => console.log(line));
  const root = opts.root;
  const data = opts.dataDir === undefined ? join(root, '.data') : opts.dataDir;
  const ports = opts.ephemeralPorts
    ? (Object.fromEntries(Object.keys(DEFAULT_PORTS).map((k) => [k, 0])) as typeof DEFAULT_PORTS)
    : DEFAULT_PORTS;
  const notes: string[] = [];
  const { settings, created } = ensureLocalSettings(root);
  if (created)
    notes.push('created local.settings.json from the sample, with a freshly generated JWT_KEYS secret');
  const plan = planServices(effectiveSettings(settings, process.env));
  const withHost = opts.host !== false;
  await assertPortsFree([
    ...(withHost ? [{ port: ports.host, what: 'Functions host' }] : []),
    ...(plan.cosmos.offline ? [{ port: ports.cosmos, what: 'Cosmos DB emulator' }] : []),
    ...(plan.serviceBus.offline ? [{ port: ports.serviceBus, what: 'Service Bus broker' }] : []),
    ...(plan.storage.offline
      ? [ports.blob, ports.queue, ports.table].map((port) => ({ port, what: 'Azurite' }))
      : []),
    ...(plan.mail.offline ? [ports.smtp, ports.mailWeb].map((port) => ({ port, what: 'mail catcher' })) : []),
    { port: ports.portal, what: 'local portal' },
  ]);

  const started: Closable[] = [];
  const timings: Record<string, number> = {};
  // Each service's start is timed (from process start) and, once up, remembered for closing.
  const track = <T extends Closable | undefined>(name: string, p: Promise<T>): Promise<T> =>
    p.then((s) => {
      timings[name] = performance.now();
      if (s) started.push(s);
      return s;
    });
  const dir = (name: string) => (data === null ? undefined : join(data, name));
  const topology = join(root, 'infra', 'topology.json');
  const connections: Record<string, string> = {};
  let runner: HostRunner | undefined;
  try {
    // Started first: esbuild works in its own process, so the build runs beside everything below.
    const fresh = !withHost || (opts.rebuild !== true && isBuildFresh(root));
    const build = track(
      'build',
      fresh ? Promise.resolve(undefined) : buildApp({ root }).then(() => undefined),
    );
    build.catch(() => undefined);
    if (fresh && withHost)
      notes.push('dist/app is newer than every source: build skipped (--rebuild forces one)');
    // Azurite takes longest to load and nothing needs it at start-up: with its ports fixed in advance its
    // connection string is known at once, and the host starts while Azurite is still loading.
    const [blob, queue, table] = opts.ephemeralPorts
      ? await freePorts(3)
      : [ports.blob, ports.queue, ports.table];
    const azurite = plan.storage.offline
      ? track(
          'azurite',
          startAzurite({ location: dir('azurite'), blobPort: blob, queuePort: queue, tablePort: table }),
        )
      : undefined;
    // Awaited after the host starts; until then a failure must not count as an unhandled rejection.
    azurite?.catch(() => undefined);
    if (azurite) connections.AzureWebJobsStorage = azuriteConnectionString(blob!, queue!, table!);
    // Whatever fails first is reported; the rest are awaited so that everything started gets closed.
    const [, cosmos, serviceBus, mail] = await settleAll([
      build,
      // Loaded only now, so that esbuild and Azurite are already working while this module graph loads.
      plan.cosmos.offline
        ? track(
            'cosmos',
            import('../cosmos').then((m) =>
              m.startCosmosEmulator({ port: ports.cosmos, topology, dataDir: dir('cosmos') }),
            ),
          )
        : undefined,
      plan.serviceBus.offline
        ? track('serviceBus', startServiceBus(ports.serviceBus, topology, dir('servicebus'), notes))
        : undefined,
      plan.mail.offline ? track('mail', startMail(ports.smtp, ports.mailWeb, notes)) : undefined,
    ]);
    if (cosmos) connections.CosmosDB = cosmos.connectionString;
    if (serviceBus) connections.ServiceBusConnection = serviceBus.connectionString;
    if (mail) connections.SMTP_URL = `smtp://127.0.0.1:${mail.smtpPort}`;

    // Spans go to an in-process receiver (always on an ephemeral port: only the app needs its address) unless
    // the settings name their own OTLP endpoint or turn the SDK off.
    const otel = (k: string) => effectiveSettings(settings, process.env)[k] ?? process.env[k];
    const telemetry =
      withHost && !otel('OTEL_EXPORTER_OTLP_ENDPOINT') && otel('OTEL_SDK_DISABLED') !== 'true'
        ? await track('telemetry', startTelemetryReceiver())
        : undefined;
    if (telemetry) {
      connections.OTEL_EXPORTER_OTLP_ENDPOINT = telemetry.url;
      // Metrics every second (OpenTelemetry's default is a minute): the local page follows the orders.
      connections.OTEL_METRIC_EXPORT_INTERVAL = otel('OTEL_METRIC_EXPORT_INTERVAL') ?? '1000';
    }
    // The portal only reads and acts through the SDKs; it starts beside the host.
    const portal = track(
      'portal',
      import('../portal').then((m) =>
        m.startPortal({
          root,
          port: ports.portal,
          ...(serviceBus?.httpUrl
            ? { serviceBus: { connectionString: serviceBus.connectionString, httpUrl: serviceBus.httpUrl } }
            : {}),
          ...(cosmos ? { cosmos: { connectionString: cosmos.connectionString } } : {}),
          ...(mail ? { mailUrl: mail.url } : {}),
          ...(telemetry ? { traces: telemetry.store, metrics: telemetry.metrics } : {}),
        }),
      ),
    );
    portal.catch(() => undefined);
    runner = withHost
      ? new HostRunner({ appDir: root, port: ports.host, env: { ...connections } }, log)
      : undefined;
    const host = await runner?.start();
    if (host) timings.host = performance.now();
    const [, portalHandle] = await settleAll([azurite, portal]);
    const watcher =
      opts.watch === false || !withHost
        ? undefined
        : watchSources(root, ['functions', 'shared', 'web'], () => runner?.reload());
    return {
      readyMs: performance.now(),
      timings,
      plan,
      hostUrl: host ? host.baseUrl.replace('127.0.0.1', 'localhost') : '',
      ...(mail ? { mailUrl: mail.url } : {}),
      portalUrl: portalHandle.url,
      ...(telemetry ? { telemetry } : {}),
      connections,
      notes,
      close: once(async () => {
        watcher?.close();
        await runner?.close();
        await Promise.allSettled(started.map((s) => s.close()));
        // esbuild keeps a service process for later builds; end it now rather than when stdin closes.
        await stopEsbuild();
      }),
    };
  } catch (err) {
    await runner?.close().catch(() => undefined);
    await Promise.allSettled(started.map((s) => s.close()));
    await stopEsbuild();
    throw err;
  }
}

async function startServiceBus(port: number, topology: string, dataDir: string | undefined, notes: string[]) {
  const mod = await loadServiceBus();
  if (!mod) {
    notes.push('Service Bus broker not available (tools/servicebus/index.ts missing): queues will not work');
    return undefined;
  }
  // httpPort 0: the read-only visibility endpoint on a free port, where the portal reads live counts.
  return mod.startServiceBusEmulator({ port, topology, httpPort: 0, ...(dataDir ? { dataDir } : {}) });
}

async function startMail(smtpPort: number, httpPort: number, notes: string[]) {
  const mod = await loadMailCatcher();
  if (!mod) {
    notes.push(
      'mail catcher not available (tools/mailcatcher/index.ts missing): email will not be delivered',
    );
    return undefined;
  }
  return mod.startMailCatcher({ smtpPort, httpPort });
}

/** Like Promise.all, but waits for every promise before rejecting with the first failure. */
async function settleAll<T extends readonly unknown[]>(
  promises: T,
): Promise<{ -readonly [K in keyof T]: Awaited<T[K]> }> {
  const results = await Promise.allSettled(promises);
  const failed = results.find((r) => r.status === 'rejected');
  if (failed) throw failed.reason;
  return results.map((r) => (r as PromiseFulfilledResult<unknown>).value) as {
    -readonly [K in keyof T]: Awaited<T[K]>;
  };
}

function once(fn: () => Promise<void>): () => Promise<void> {
  let running: Promise<void> | undefined;
  return () => (running ??= fn());
}
