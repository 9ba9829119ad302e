import { spansFromOtlpJson } from '../../../tools/telemetry/otlpJson';

const T = 'aa'.repeat(16);
const S = 'bb'.repeat(8);

describe('spansFromOtlpJson', () => {
  it('reads the OTLP JSON encoding: hex ids, nanosecond strings, typed attribute values, links, status', () => {
    const [s] = spansFromOtlpJson({
      resourceSpans: [
        {
          resource: { attributes: [{ key: 'service.name', value: { stringValue: 'orderflow' } }] },
          scopeSpans: [
            {
              spans: [
                {
                  traceId: T.toUpperCase(),
                  spanId: S,
                  parentSpanId: 'cc'.repeat(8),
                  name: 'createOrder',
                  kind: 2,
                  startTimeUnixNano: '1765000000123456789',
                  endTimeUnixNano: '1765000000223456789',
                  attributes: [
                    { key: 's', value: { stringValue: 'x' } },
                    { key: 'i', value: { intValue: '201' } },
                    { key: 'b', value: { boolValue: true } },
                    { key: 'd', value: { doubleValue: 1.5 } },
                  ],
                  links: [
                    { traceId: T, spanId: 'dd'.repeat(8), attributes: [] },
                    { traceId: 'zz', spanId: S },
                  ],
                  status: { code: 2 },
                },
              ],
            },
          ],
        },
      ],
    });
    expect(s).toEqual({
      traceId: T,
      spanId: S,
      parentSpanId: 'cc'.repeat(8),
      name: 'createOrder',
      kind: 2,
      service: 'orderflow',
      startMs: 1765000000123.456,
      endMs: 1765000000223.456,
      status: 2,
      attributes: { s: 'x', i: 201, b: true, d: 1.5 },
      links: [{ traceId: T, spanId: 'dd'.repeat(8), attributes: {} }],
    });
  });

  it('skips spans without valid ids or times and tolerates any other shape', () => {
    expect(spansFromOtlpJson(null)).toEqual([]);
    expect(spansFromOtlpJson({ resourceSpans: 'x' })).toEqual([]);
    expect(
      spansFromOtlpJson({
        resourceSpans: [
          {
            scopeSpans: [
              {
                spans: [
                  { traceId: T, spanId: 'nothex!!' },
                  { traceId: T, spanId: S, startTimeUnixNano: 'x' },
                  // All-zero ids are invalid in W3C trace context, in hex or as bytes (protobuf).
                  { traceId: '0'.repeat(32), spanId: S, startTimeUnixNano: '1', endTimeUnixNano: '2' },
                  { traceId: new Uint8Array(16), spanId: S, startTimeUnixNano: '1', endTimeUnixNano: '2' },
                  7,
                ],
              },
            ],
          },
        ],
      }),
    ).toEqual([]);
  });

  it('reads ids given as bytes, as a protobuf export decodes them, and drops an all-zero parent', () => {
    const [s] = spansFromOtlpJson({
      resourceSpans: [
        {
          scopeSpans: [
            {
              spans: [
                {
                  traceId: Buffer.from(T, 'hex'),
                  spanId: new Uint8Array(Buffer.from(S, 'hex')),
                  parentSpanId: new Uint8Array(8),
                  startTimeUnixNano: 1765000000123456768,
                  endTimeUnixNano: 1765000000223456768,
                },
              ],
            },
          ],
        },
      ],
    });
    expect(s).toMatchObject({ traceId: T, spanId: S });
    expect(s!.parentSpanId).toBeUndefined();
  });
});
