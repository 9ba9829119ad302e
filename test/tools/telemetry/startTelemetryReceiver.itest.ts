import { startTelemetryReceiver, type TelemetryReceiver } from '../../../tools/telemetry';

let receiver: TelemetryReceiver;
beforeAll(async () => {
  receiver = await startTelemetryReceiver({ maxBodyBytes: 10_000 });
});
afterAll(() => receiver.close());

const post = (body: string, type = 'application/json', path = '/v1/traces') =>
  fetch(`${receiver.url}${path}`, { method: 'POST', headers: { 'content-type': type }, body });

describe('OTLP/HTTP receiver', () => {
  it('stores the spans of a JSON export and answers an empty ExportTraceServiceResponse', async () => {
    const res = await post(
      JSON.stringify({
        resourceSpans: [
          {
            scopeSpans: [
              {
                spans: [
                  {
                    traceId: '1'.repeat(32),
                    spanId: '2'.repeat(16),
                    name: 'x',
                    startTimeUnixNano: '1',
                    endTimeUnixNano: '2',
                  },
                ],
              },
            ],
          },
        ],
      }),
    );
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({});
    expect(receiver.store.trace('1'.repeat(32))?.spans).toHaveLength(1);
  });

  it('refuses protobuf (415), bad JSON (400), too large (413), other paths (404) and methods (405)', async () => {
    expect((await post('x', 'application/x-protobuf')).status).toBe(415);
    expect((await post('{')).status).toBe(400);
    expect((await post(`"${'x'.repeat(20_000)}"`)).status).toBe(413);
    expect((await post('{}', 'application/json', '/v1/metrics')).status).toBe(404);
    expect((await fetch(`${receiver.url}/v1/traces`)).status).toBe(405);
    // Still serving after every refusal.
    expect((await post('{}')).status).toBe(200);
  });
});
