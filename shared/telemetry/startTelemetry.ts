import * as coreTracing from '@azure/core-tracing';
import { AzureSdkInstrumentation } from '@azure/opentelemetry-instrumentation-azure-sdk';
import { metrics } from '@opentelemetry/api';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { MeterProvider, PeriodicExportingMetricReader } from '@opentelemetry/sdk-metrics';
import { BatchSpanProcessor, NodeTracerProvider } from '@opentelemetry/sdk-trace-node';
import { randomUUID } from 'node:crypto';
import { telemetryExporters, type TelemetryExporterDeps } from './telemetryExporters';
import type { TelemetrySettings } from './telemetrySettings';

export interface Telemetry {
  destinations: ('otlp' | 'azureMonitor')[];
  /** Exports what is buffered (the host ends the process soon after appTerminate). */
  shutdown(): Promise<void>;
}

/**
 * Starts the OpenTelemetry SDK: a tracer provider with the W3C trace-context propagator and the
 * AsyncLocalStorage context manager, a meter provider read every `metricExportIntervalMs`, both exported to each
 * configured destination, and the Azure SDKs' own spans (Cosmos DB, Service Bus, identity) through
 * `@azure/core-tracing`. Loaded only from the appStart hook when a destination is configured: registering the
 * functions never pays for it.
 */
export async function startTelemetry(
  settings: TelemetrySettings,
  deps: TelemetryExporterDeps = {},
): Promise<Telemetry> {
  const exporters = await telemetryExporters(settings, deps);
  const resource = resourceFromAttributes({
    'service.name': settings.serviceName,
    // Each worker process keeps its own cumulative metric series: the instance id keeps them apart.
    'service.instance.id': randomUUID(),
    'cloud.provider': 'azure',
  });
  const tracerProvider = new NodeTracerProvider({
    resource,
    // Short delay offline: the local timeline fills while the order is still being processed.
    spanProcessors: exporters.spans.map(
      (e, i) =>
        new BatchSpanProcessor(e, {
          scheduledDelayMillis: exporters.destinations[i] === 'otlp' ? 500 : 5000,
        }),
    ),
  });
  tracerProvider.register();
  const interval = settings.metricExportIntervalMs;
  const meterProvider = new MeterProvider({
    resource,
    readers: exporters.metrics.map(
      (exporter) =>
        new PeriodicExportingMetricReader({
          exporter,
          exportIntervalMillis: interval,
          exportTimeoutMillis: Math.min(30_000, interval),
        }),
    ),
  });
  metrics.setGlobalMeterProvider(meterProvider);
  // The package hooks `require('@azure/core-tracing')`, which a bundled app never calls: its own patch is applied
  // to the bundled copy instead (one copy: the SDKs share core-tracing's state across CJS and ESM).
  const sdkInstrumentation = new AzureSdkInstrumentation({ enabled: false });
  for (const def of sdkInstrumentation.getModuleDefinitions()) def.patch?.(coreTracing);
  return {
    destinations: exporters.destinations,
    async shutdown() {
      await Promise.allSettled([meterProvider.shutdown(), tracerProvider.shutdown()]);
    },
  };
}
