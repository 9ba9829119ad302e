import { telemetrySettings } from '../../../shared/telemetry/telemetrySettings';

const AI =
  'InstrumentationKey=00000000-0000-0000-0000-000000000000;IngestionEndpoint=https://x.in.applicationinsights.azure.com/';

describe('telemetrySettings', () => {
  it('is on with an OTLP endpoint, trailing slashes dropped, service name and export interval defaulted', () => {
    expect(telemetrySettings({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://127.0.0.1:4318//' })).toEqual({
      otlpEndpoint: 'http://127.0.0.1:4318',
      otlpProtocol: 'http/protobuf',
      serviceName: 'orderflow',
      metricExportIntervalMs: 60_000,
    });
  });

  it('exports OTLP in protobuf unless OTEL_EXPORTER_OTLP_PROTOCOL asks for http/json', () => {
    const protocol = (v: string | undefined) =>
      telemetrySettings({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://h:1', OTEL_EXPORTER_OTLP_PROTOCOL: v })
        ?.otlpProtocol;
    expect(protocol(undefined)).toBe('http/protobuf');
    expect(protocol(' HTTP/JSON ')).toBe('http/json');
    expect(protocol('http/protobuf')).toBe('http/protobuf');
    // gRPC is not shipped: OpenTelemetry's default stands in rather than no telemetry at all.
    expect(protocol('grpc')).toBe('http/protobuf');
  });

  it('is on with Application Insights alone, with the managed identity of the host authentication string', () => {
    const s = telemetrySettings({
      APPLICATIONINSIGHTS_CONNECTION_STRING: AI,
      APPLICATIONINSIGHTS_AUTHENTICATION_STRING:
        'Authorization=AAD;ClientId=11111111-2222-3333-4444-555555555555',
      OTEL_METRIC_EXPORT_INTERVAL: '15000',
    });
    expect(s).toEqual({
      azureMonitor: { connectionString: AI, managedIdentityClientId: '11111111-2222-3333-4444-555555555555' },
      otlpProtocol: 'http/protobuf',
      serviceName: 'orderflow',
      metricExportIntervalMs: 15_000,
    });
  });

  it('reads a system-assigned identity (no ClientId) and no identity without Authorization=AAD', () => {
    const system = telemetrySettings({
      APPLICATIONINSIGHTS_CONNECTION_STRING: AI,
      APPLICATIONINSIGHTS_AUTHENTICATION_STRING: 'authorization=aad',
    });
    expect(system?.azureMonitor).toEqual({ connectionString: AI, managedIdentityClientId: '' });
    expect(telemetrySettings({ APPLICATIONINSIGHTS_CONNECTION_STRING: AI })?.azureMonitor).toEqual({
      connectionString: AI,
    });
  });

  it('sends to both when both are set, as the Functions host does', () => {
    const s = telemetrySettings({
      APPLICATIONINSIGHTS_CONNECTION_STRING: AI,
      OTEL_EXPORTER_OTLP_ENDPOINT: 'http://h:1',
    });
    expect(s?.otlpEndpoint).toBe('http://h:1');
    expect(s?.azureMonitor?.connectionString).toBe(AI);
  });

  it('is off without a destination or with OTEL_SDK_DISABLED=true; a bad interval falls back to the default', () => {
    expect(telemetrySettings({})).toBeUndefined();
    expect(
      telemetrySettings({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://127.0.0.1:1', OTEL_SDK_DISABLED: 'TRUE' }),
    ).toBeUndefined();
    expect(
      telemetrySettings({ APPLICATIONINSIGHTS_CONNECTION_STRING: AI, OTEL_SDK_DISABLED: 'true' }),
    ).toBeUndefined();
    for (const bad of ['', 'soon', '0', '-5', '1.5'])
      expect(
        telemetrySettings({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://h:1', OTEL_METRIC_EXPORT_INTERVAL: bad })
          ?.metricExportIntervalMs,
      ).toBe(60_000);
  });
});
