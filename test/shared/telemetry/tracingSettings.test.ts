import { tracingSettings } from '../../../shared/telemetry/tracingSettings';

describe('tracingSettings', () => {
  it('is on with an OTLP endpoint, trailing slashes dropped, service name defaulted', () => {
    expect(tracingSettings({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://127.0.0.1:4318//' })).toEqual({
      otlpEndpoint: 'http://127.0.0.1:4318',
      serviceName: 'orderflow',
    });
  });

  it('is off without an endpoint, with Application Insights alone, or with OTEL_SDK_DISABLED=true', () => {
    expect(tracingSettings({})).toBeUndefined();
    expect(
      tracingSettings({ APPLICATIONINSIGHTS_CONNECTION_STRING: 'InstrumentationKey=x' }),
    ).toBeUndefined();
    expect(
      tracingSettings({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://127.0.0.1:1', OTEL_SDK_DISABLED: 'TRUE' }),
    ).toBeUndefined();
  });
});
