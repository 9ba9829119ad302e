import { OTLPMetricExporter } from '@opentelemetry/exporter-metrics-otlp-proto';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-proto';

/**
 * OTLP/HTTP protobuf exporters to `<endpoint>/v1/traces` and `<endpoint>/v1/metrics`: OpenTelemetry's default
 * protocol, and the app's. Each batch of spans is written straight to protobuf, about half the CPU of the JSON
 * encoding and 2.4x fewer bytes for the same spans (docs/tracing.md).
 */
export function otlpProtobufExporters(endpoint: string) {
  return {
    span: new OTLPTraceExporter({ url: `${endpoint}/v1/traces` }),
    metric: new OTLPMetricExporter({ url: `${endpoint}/v1/metrics` }),
  };
}
