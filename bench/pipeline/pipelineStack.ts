import type { Container } from '@azure/cosmos';
import { prepareBundledApp } from '../coldStart/prepareApps';
import { requireFiles } from '../parts';
import { appSettings, benchJwtKeys } from '../stack/appSettings';
import { cosmosContainer } from '../stack/cosmosContainer';
import { customerToken } from '../stack/customerToken';
import { startHostProcess, type HostProcess } from '../stack/hostProcess';
import { startOfflineStack, type OfflineStack } from '../stack/offlineStack';
import { startAmqpCountingProxy, type AmqpCountingProxy } from '../ops/amqpCountingProxy';
import { startCountingProxy, type CountingProxy } from '../ops/countingProxy';
import type { BenchContext } from '../types';

/** The local feed poll delay of the relay for bench runs (the app's default is 5 s, Azure's is 5 s). */
export const FEED_POLL_DELAY_MS = 100;

export interface PipelineStack {
  stack: OfflineStack;
  host: HostProcess;
  token: string;
  /** analytics/projections, read directly by the bench (never through the counting proxy). */
  projections: Container;
  cosmosProxy?: CountingProxy;
  amqpProxy?: AmqpCountingProxy;
  close(): Promise<void>;
}

/**
 * The whole pipeline offline: Cosmos DB, Service Bus and the mail catcher warm in their own process, the
 * bundled app with every function in a host process, the relay polling the change feed every
 * FEED_POLL_DELAY_MS. With `count`, the app talks to both services through counting proxies.
 */
export async function startPipelineStack(
  ctx: BenchContext,
  opts: {
    count: boolean;
    /** More app settings for the host (the end-to-end bench's worker layout). */
    settings?: Record<string, string>;
  },
): Promise<PipelineStack> {
  requireFiles(
    ctx.root,
    [
      'tools/host/Host.ts',
      'functions/orders',
      'functions/relay',
      'functions/analytics',
      'tools/servicebus/index.ts',
    ],
    'the event pipeline (orders API, relay, analytics, broker, host triggers)',
  );
  const bundled = await prepareBundledApp(ctx.root, ctx.tmpDir);
  const stack = await startOfflineStack(ctx.root, { serviceBus: true, mail: true });
  const closers: Array<() => Promise<void>> = [() => stack.close()];
  const close = async (): Promise<void> => {
    for (const c of closers.reverse()) await c().catch(() => undefined);
  };
  try {
    const cosmosProxy = opts.count
      ? await startCountingProxy({ port: stack.cosmos!.port, key: stack.cosmos!.key })
      : undefined;
    const amqpProxy = opts.count ? await startAmqpCountingProxy({ port: stack.serviceBus!.port }) : undefined;
    if (cosmosProxy) closers.push(() => cosmosProxy.close());
    if (amqpProxy) closers.push(() => amqpProxy.close());
    const jwtKeys = benchJwtKeys();
    const env = appSettings(stack, jwtKeys, {
      RELAY_FEED_POLL_DELAY_MS: String(FEED_POLL_DELAY_MS),
      ...opts.settings,
      ...(cosmosProxy ? { CosmosDB: cosmosProxy.connectionString } : {}),
      ...(amqpProxy
        ? { ServiceBusConnection: stack.serviceBus!.connectionString.replace(/:\d+;/, `:${amqpProxy.port};`) }
        : {}),
    });
    const host = await startHostProcess({
      root: ctx.root,
      tmpDir: ctx.tmpDir,
      appDir: bundled.appDir,
      env,
    });
    closers.push(() => host.close());
    const { token } = await customerToken(ctx.root, host.baseUrl, jwtKeys, stack);
    const projections = await cosmosContainer(stack, 'analytics', 'projections');
    return {
      stack,
      host,
      token,
      projections,
      ...(cosmosProxy ? { cosmosProxy } : {}),
      ...(amqpProxy ? { amqpProxy } : {}),
      close,
    };
  } catch (err) {
    await close();
    throw err;
  }
}
