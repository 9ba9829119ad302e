export {
  startTelemetryReceiver,
  type TelemetryReceiver,
  type TelemetryReceiverOptions,
} from './startTelemetryReceiver';
export { TraceStore, type TraceSummary } from './TraceStore';
export type { SpanRecord } from './otlpJson';
