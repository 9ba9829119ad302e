import { OTLPMetricExporter } from '@opentelemetry/exporter-metrics-otlp-http';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';

/** OTLP/HTTP JSON exporters to `<endpoint>/v1/traces` and `<endpoint>/v1/metrics` (`OTEL_EXPORTER_OTLP_PROTOCOL=http/json`). */
export function otlpExporters(endpoint: string) {
  return {
    span: new OTLPTraceExporter({ url: `${endpoint}/v1/traces` }),
    metric: new OTLPMetricExporter({ url: `${endpoint}/v1/metrics` }),
  };
}
