import { httpErrors } from '../../../shared/http/errors';
import type { RequestLogger } from '../../../shared/http/requestLogger';
import { toProblemResponse } from '../../../shared/http/toProblemResponse';

function logger(): RequestLogger & { lines: string[] } {
  const lines: string[] = [];
  return { lines, info: (m) => lines.push(m), warn: (m) => lines.push(m), error: (m) => lines.push(m) };
}
const ctx = (log = logger()) => ({ requestId: 'req-1', instance: '/api/x', log });
const parse = (body: string): Record<string, unknown> => JSON.parse(body) as Record<string, unknown>;

describe('toProblemResponse', () => {
  it('maps an HttpError to RFC 9457 fields plus requestId and field errors', () => {
    const res = toProblemResponse(
      httpErrors.validation([{ path: 'items.0.quantity', message: 'Too small' }]),
      ctx(),
    );
    expect(res.status).toBe(400);
    expect(res.headers['Content-Type']).toBe('application/problem+json');
    expect(parse(res.body)).toEqual({
      type: 'urn:orderflow:problem:validation',
      title: 'Validation failed',
      status: 400,
      detail: 'The request failed validation.',
      instance: '/api/x',
      requestId: 'req-1',
      errors: [{ path: 'items.0.quantity', message: 'Too small' }],
    });
  });

  it('keeps the error headers (WWW-Authenticate, Retry-After, Allow)', () => {
    expect(toProblemResponse(httpErrors.unauthorized('no'), ctx()).headers['WWW-Authenticate']).toContain(
      'invalid_token',
    );
    expect(toProblemResponse(httpErrors.tooManyRequests(12.2), ctx()).headers['Retry-After']).toBe('13');
    expect(toProblemResponse(httpErrors.methodNotAllowed(['GET', 'POST']), ctx()).headers.Allow).toBe(
      'GET, POST',
    );
  });

  it('turns an unexpected error into a 500 with only the request id, logging the stack', () => {
    const log = logger();
    const res = toProblemResponse(new TypeError('db password is hunter2'), ctx(log));
    expect(res.status).toBe(500);
    expect(res.body).not.toContain('hunter2');
    expect(parse(res.body)).toMatchObject({
      status: 500,
      requestId: 'req-1',
      type: 'urn:orderflow:problem:internal',
    });
    expect(log.lines.join('\n')).toContain('hunter2');
    expect(log.lines.join('\n')).toContain('TypeError');
  });

  it('normalises non-Error throws', () => {
    expect(toProblemResponse('a string', ctx()).status).toBe(500);
    expect(toProblemResponse(undefined, ctx()).status).toBe(500);
    expect(toProblemResponse({ weird: true }, ctx()).status).toBe(500);
  });

  it('turns Cosmos DB throttling into 503 with Retry-After', () => {
    const throttled = Object.assign(new Error('Request rate is large'), { code: 429, retryAfterInMs: 2500 });
    const res = toProblemResponse(throttled, ctx());
    expect(res.status).toBe(503);
    expect(res.headers['Retry-After']).toBe('3');
  });

  it('does not treat a Cosmos 409/404 escaping a handler as transient', () => {
    expect(toProblemResponse(Object.assign(new Error('conflict'), { code: 409 }), ctx()).status).toBe(500);
  });
});
