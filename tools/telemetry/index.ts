export {
  startTelemetryReceiver,
  type TelemetryReceiver,
  type TelemetryReceiverOptions,
} from './startTelemetryReceiver';
export { TraceStore, type TraceSummary } from './TraceStore';
export type { SpanRecord } from './otlpJson';
export { MetricStore, type MetricsView, type CounterView, type HistogramView } from './MetricStore';
export type { MetricPoint } from './otlpMetricsJson';
