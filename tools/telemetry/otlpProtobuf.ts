import protobuf from 'protobufjs';

/**
 * The fields of OTLP's protobuf schema (opentelemetry-proto 1.x: collector trace and metrics services, common,
 * resource) that the receiver's parsers read, with the protocol's field numbers. Everything else (events, scopes,
 * trace states, flags, dropped counts, descriptions, start times; array, map and bytes attribute values, which the
 * parsers skip in JSON too; exemplars, exponential histograms, summaries) is skipped undecoded as unknown fields.
 * Enums are read as int32 (the same wire type), so an unknown value is kept as a number rather than refused.
 */
const SCHEMA = `
syntax = "proto3";
package otlp;

message AnyValue {
  oneof value {
    string string_value = 1;
    bool bool_value = 2;
    int64 int_value = 3;
    double double_value = 4;
  }
}
message KeyValue { string key = 1; AnyValue value = 2; }
message Resource { repeated KeyValue attributes = 1; }

// google.rpc.Status, the body of a refusal (its details field is left out).
message Status { int32 code = 1; string message = 2; }

message ExportTraceServiceRequest { repeated ResourceSpans resource_spans = 1; }
message ResourceSpans { Resource resource = 1; repeated ScopeSpans scope_spans = 2; }
message ScopeSpans { repeated Span spans = 2; }
message Span {
  bytes trace_id = 1;
  bytes span_id = 2;
  bytes parent_span_id = 4;
  string name = 5;
  int32 kind = 6;
  fixed64 start_time_unix_nano = 7;
  fixed64 end_time_unix_nano = 8;
  repeated KeyValue attributes = 9;
  repeated Link links = 13;
  SpanStatus status = 15;
}
message Link { bytes trace_id = 1; bytes span_id = 2; repeated KeyValue attributes = 4; }
message SpanStatus { int32 code = 3; }

message ExportMetricsServiceRequest { repeated ResourceMetrics resource_metrics = 1; }
message ResourceMetrics { Resource resource = 1; repeated ScopeMetrics scope_metrics = 2; }
message ScopeMetrics { repeated Metric metrics = 2; }
message Metric {
  string name = 1;
  string unit = 3;
  oneof data {
    Gauge gauge = 5;
    Sum sum = 7;
    Histogram histogram = 9;
  }
}
message Gauge { repeated NumberDataPoint data_points = 1; }
message Sum { repeated NumberDataPoint data_points = 1; int32 aggregation_temporality = 2; }
message Histogram { repeated HistogramDataPoint data_points = 1; int32 aggregation_temporality = 2; }
message NumberDataPoint {
  repeated KeyValue attributes = 7;
  fixed64 time_unix_nano = 3;
  oneof value {
    double as_double = 4;
    sfixed64 as_int = 6;
  }
}
message HistogramDataPoint {
  repeated KeyValue attributes = 9;
  fixed64 time_unix_nano = 3;
  fixed64 count = 4;
  optional double sum = 5;
  repeated fixed64 bucket_counts = 6;
  repeated double explicit_bounds = 7;
  optional double min = 11;
  optional double max = 12;
}
`;

const root = protobuf.parse(SCHEMA).root;
const traces = root.lookupType('otlp.ExportTraceServiceRequest');
const metrics = root.lookupType('otlp.ExportMetricsServiceRequest');
const status = root.lookupType('otlp.Status');

// OTLP JSON's forms: camelCase names, enums as numbers, unset fields absent. Bytes stay bytes (Uint8Array): the
// span parsers read ids as hex strings or as bytes. 64-bit integers become numbers, not JSON's decimal strings:
// half the conversion's cost, and all the parsers keep of either is a number (nanosecond times to within 256 ns).
const AS_JSON: protobuf.IConversionOptions = { longs: Number, enums: Number, defaults: false, oneofs: false };

/**
 * An OTLP/HTTP protobuf `ExportTraceServiceRequest` in the object form of its JSON encoding, for
 * `spansFromOtlpJson`. Throws on bytes that are not one (truncated, wrong wire types).
 */
export function otlpTracesFromProtobuf(body: Uint8Array): unknown {
  return traces.toObject(traces.decode(body), AS_JSON);
}

/** An OTLP/HTTP protobuf `ExportMetricsServiceRequest` in its JSON encoding's object form, for `metricPointsFromOtlpJson`. */
export function otlpMetricsFromProtobuf(body: Uint8Array): unknown {
  return metrics.toObject(metrics.decode(body), AS_JSON);
}

/** A `google.rpc.Status` in protobuf: what OTLP/HTTP answers a protobuf export it refuses with. */
export function otlpStatusProtobuf(code: number, message: string): Uint8Array {
  return status.encode(status.create({ code, message })).finish();
}
