import { traceContextOf } from '../../../../tools/host/invoke/traceContextOf';

const TP = '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01';
const http = (headers: Record<string, string>) => [{ name: 'req', data: { http: { headers } } }];
const sb = (props: unknown) => ({ ApplicationProperties: { json: JSON.stringify(props) } });

describe('traceContextOf', () => {
  it('continues an HTTP request traceparent and tracestate', () => {
    expect(traceContextOf(http({ traceparent: TP, tracestate: 'a=1' }), {})).toEqual({
      traceParent: TP,
      traceState: 'a=1',
    });
  });

  it("continues a Service Bus message's Diagnostic-Id, as the extension reads it", () => {
    expect(traceContextOf([{ name: 'm', data: { string: '{}' } }], sb({ 'Diagnostic-Id': TP }))).toEqual({
      traceParent: TP,
    });
  });

  it('gives none for a missing or malformed value, or for other triggers', () => {
    expect(traceContextOf(http({}), {})).toBeUndefined();
    expect(traceContextOf(http({ traceparent: 'garbage' }), {})).toBeUndefined();
    expect(traceContextOf([], sb({ 'Diagnostic-Id': '|abc.1.' }))).toBeUndefined();
    expect(traceContextOf([], { ApplicationProperties: { json: '[' } })).toBeUndefined();
    expect(traceContextOf([{ name: 't', data: { json: '{}' } }], undefined)).toBeUndefined();
  });
});
