import { HttpRequest, InvocationContext } from '@azure/functions';
import { z } from 'zod';
import { httpErrors } from '../../../shared/http/errors';
import { httpHandler } from '../../../shared/http/httpHandler';

const TRACEPARENT = '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01';

function invocation(lines: string[]): InvocationContext {
  return new InvocationContext({
    invocationId: 'inv',
    functionName: 'test',
    logHandler: (_level, ...args) => lines.push(args.map(String).join(' ')),
  });
}

function post(body: string, headers: Record<string, string> = {}): HttpRequest {
  return new HttpRequest({
    method: 'POST',
    url: 'http://localhost/api/things',
    headers: { 'content-type': 'application/json', ...headers },
    body: { string: body },
  });
}

const echo = httpHandler({}, async (_req, call) => {
  const body = await call.body(z.strictObject({ name: z.string() }));
  return { status: 201, jsonBody: body };
});

function json(res: { body?: unknown }): Record<string, unknown> {
  return JSON.parse(String(res.body)) as Record<string, unknown>;
}

describe('httpHandler', () => {
  it('uses the traceparent trace id as request id on the response and every log line', async () => {
    const lines: string[] = [];
    const res = await echo(post('{"name":"a"}', { traceparent: TRACEPARENT }), invocation(lines));
    const headers = res.headers as Headers;
    expect(res.status).toBe(201);
    expect(headers.get('x-request-id')).toBe('0af7651916cd43dd8448eb211c80319c');
    expect(lines.length).toBeGreaterThan(0);
    expect(lines.every((l) => l.startsWith('[0af7651916cd43dd8448eb211c80319c]'))).toBe(true);
  });

  it('sets security headers and no-store on JSON responses', async () => {
    const res = await echo(post('{"name":"a"}'), invocation([]));
    const headers = res.headers as Headers;
    expect(headers.get('x-content-type-options')).toBe('nosniff');
    expect(headers.get('x-frame-options')).toBe('DENY');
    expect(headers.get('referrer-policy')).toBe('no-referrer');
    expect(headers.get('strict-transport-security')).toContain('max-age=');
    expect(headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    expect(headers.get('cache-control')).toBe('no-store');
    expect(headers.get('x-request-id')).toMatch(/^[0-9a-f]{32}$/);
  });

  it('turns an HttpError into problem+json with its headers', async () => {
    const h = httpHandler({}, () => Promise.reject(httpErrors.tooManyRequests(30)));
    const res = await h(post('{}', { traceparent: TRACEPARENT }), invocation([]));
    const headers = res.headers as Headers;
    expect(res.status).toBe(429);
    expect(headers.get('content-type')).toBe('application/problem+json');
    expect(headers.get('retry-after')).toBe('30');
    expect(json(res)).toMatchObject({
      status: 429,
      type: 'urn:orderflow:problem:too-many-requests',
      instance: '/api/things',
      requestId: '0af7651916cd43dd8448eb211c80319c',
    });
  });

  it('answers an unexpected error with a bare 500 carrying only the request id, and logs the stack', async () => {
    const lines: string[] = [];
    const h = httpHandler({}, () => Promise.reject(new Error('secret internals')));
    const res = await h(post('{}'), invocation(lines));
    const body = json(res);
    expect(res.status).toBe(500);
    expect(JSON.stringify(body)).not.toContain('secret internals');
    expect(body.requestId).toBe((res.headers as Headers).get('x-request-id'));
    expect(lines.some((l) => l.includes('secret internals') && l.includes('at '))).toBe(true);
  });

  it('rejects a missing bearer token with 401 and WWW-Authenticate before running the handler', async () => {
    let ran = false;
    const h = httpHandler({ auth: 'customer' }, () => {
      ran = true;
      return Promise.resolve({ status: 200 });
    });
    const res = await h(post('{}'), invocation([]));
    expect(res.status).toBe(401);
    expect((res.headers as Headers).get('www-authenticate')).toBe('Bearer realm="orderflow"');
    expect(ran).toBe(false);
  });

  it('uses the page CSP for pages', async () => {
    const h = httpHandler({ content: 'page' }, () => Promise.resolve({ status: 200, body: '<p>hi</p>' }));
    const res = await h(post('{}'), invocation([]));
    const csp = (res.headers as Headers).get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-eval');
  });
});

describe('httpHandler serialisation', () => {
  it('answers a body JSON cannot encode with a problem+json 500, not a bare host error', async () => {
    const h = httpHandler({}, () => Promise.resolve({ status: 200, jsonBody: { n: 10n } }));
    const res = await h(post('{}'), invocation([]));
    expect(res.status).toBe(500);
    expect((res.headers as Headers).get('content-type')).toBe('application/problem+json');
  });
});
