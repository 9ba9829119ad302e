import * as coreTracing from '@azure/core-tracing';
import { AzureSdkInstrumentation } from '@azure/opentelemetry-instrumentation-azure-sdk';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { BatchSpanProcessor, NodeTracerProvider, type SpanProcessor } from '@opentelemetry/sdk-trace-node';
import type { TracingSettings } from './tracingSettings';

export interface Tracing {
  /** Exports what is buffered (the host ends the process soon after appTerminate). */
  shutdown(): Promise<void>;
}

/**
 * Starts the OpenTelemetry SDK: a tracer provider with the W3C trace-context propagator and the
 * AsyncLocalStorage context manager, spans batched to OTLP/HTTP JSON, and the Azure SDKs' own spans (Cosmos DB,
 * Service Bus, identity) through `@azure/core-tracing`. Loaded only from the appStart hook when an exporter is
 * configured: registering the functions never pays for it.
 */
export function startTracing(settings: TracingSettings): Tracing {
  const processors: SpanProcessor[] = [
    new BatchSpanProcessor(new OTLPTraceExporter({ url: `${settings.otlpEndpoint}/v1/traces` }), {
      // Short delay: the local timeline fills while the order is still being processed.
      scheduledDelayMillis: 500,
    }),
  ];
  const provider = new NodeTracerProvider({
    resource: resourceFromAttributes({ 'service.name': settings.serviceName, 'cloud.provider': 'azure' }),
    spanProcessors: processors,
  });
  provider.register();
  // The package hooks `require('@azure/core-tracing')`, which a bundled app never calls: its own patch is applied
  // to the bundled copy instead (one copy: the SDKs share core-tracing's state across CJS and ESM).
  const sdkInstrumentation = new AzureSdkInstrumentation({ enabled: false });
  for (const def of sdkInstrumentation.getModuleDefinitions()) def.patch?.(coreTracing);
  return { shutdown: () => provider.shutdown() };
}
