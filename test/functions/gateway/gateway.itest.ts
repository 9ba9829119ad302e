import { request } from 'node:http';
import { ApiClient } from '../../support/apiClient';
import { startStack, type Stack } from '../../support/stack';

// Typed asymmetric matchers (jest's return any).
const anyString: unknown = expect.any(String);
const matching = (re: RegExp): unknown => expect.stringMatching(re);

let stack: Stack;
let api: ApiClient;

beforeAll(async () => {
  stack = await startStack();
  api = new ApiClient(stack.baseUrl);
});
afterAll(() => stack?.close());

const TRACE_ID = '4bf92f3577b34da6a3ce929d0e0e4736';
const validUser = { email: 'gw@orderflow.test', password: 'correct horse battery', name: 'Gate Way' };

/** Sends a body with chunked transfer encoding and no Content-Length, so only the bytes read can reveal its size. */
function postChunked(path: string, chunks: string[]): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const url = new URL(path, stack.baseUrl);
    const req = request(url, { method: 'POST', headers: { 'content-type': 'application/json' } }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    for (const c of chunks) req.write(c);
    req.end();
  });
}

describe('gateway: every response', () => {
  it('answers GET /api/health with 200 and no auth', async () => {
    const res = await api.get('/api/health');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: 'ok' });
  });

  it.each(['/api/health', '/api/openapi.json', '/api/auth/me'])(
    'carries security headers: %s',
    async (path) => {
      const res = await api.get(path);
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('x-frame-options')).toBe('DENY');
      expect(res.headers.get('referrer-policy')).toBe('no-referrer');
      expect(res.headers.get('strict-transport-security')).toMatch(/max-age=\d+/);
      expect(res.headers.get('content-security-policy')).toContain("default-src 'none'");
      expect(res.headers.get('x-request-id')).toMatch(/^[0-9a-f]{32}$/);
    },
  );

  it('uses the traceparent trace id as request id, in the header and in a problem', async () => {
    const res = await api.get('/api/auth/me', {
      headers: { traceparent: `00-${TRACE_ID}-00f067aa0ba902b7-01` },
    });
    expect(res.status).toBe(401);
    expect(res.headers.get('x-request-id')).toBe(TRACE_ID);
    expect(res.body.requestId).toBe(TRACE_ID);
  });
});

describe('gateway: problem+json for bad input, never 5xx', () => {
  const problem: unknown = expect.objectContaining({
    type: matching(/^urn:orderflow:problem:/),
    title: anyString,
    instance: '/api/auth/register',
    requestId: anyString,
  });

  it('malformed JSON -> 400', async () => {
    const res = await api.call('/api/auth/register', {
      method: 'POST',
      raw: '{"email":',
      headers: { 'content-type': 'application/json' },
    });
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toBe('application/problem+json');
    expect(res.body).toEqual(problem);
    expect(res.body.type).toBe('urn:orderflow:problem:malformed-json');
  });

  it('wrong types -> 400 naming the field', async () => {
    const res = await api.post('/api/auth/register', { ...validUser, name: 42 });
    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual([expect.objectContaining({ path: 'name' })]);
  });

  it('unknown fields -> 400 naming each', async () => {
    const res = await api.post('/api/auth/register', { ...validUser, role: 'admin', isAdmin: true });
    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual(
      expect.arrayContaining([
        { path: 'role', message: 'Unknown field' },
        { path: 'isAdmin', message: 'Unknown field' },
      ]),
    );
  });

  it('wrong content type -> 415', async () => {
    const res = await api.call('/api/auth/register', {
      method: 'POST',
      raw: JSON.stringify(validUser),
      headers: { 'content-type': 'text/plain' },
    });
    expect(res.status).toBe(415);
    expect(res.body.status).toBe(415);
  });

  it('body over 256 KB -> 413 (Content-Length)', async () => {
    const res = await api.post('/api/auth/register', { ...validUser, name: 'x'.repeat(300 * 1024) });
    expect(res.status).toBe(413);
    expect(res.body.type).toBe('urn:orderflow:problem:payload-too-large');
  });

  it('body over 256 KB without Content-Length -> 413 (bytes actually read)', async () => {
    const res = await postChunked('/api/auth/register', [
      '{"name":"',
      'y'.repeat(200 * 1024),
      'y'.repeat(100 * 1024),
      '"}',
    ]);
    expect(res.status).toBe(413);
    expect(JSON.parse(res.body)).toMatchObject({
      status: 413,
      type: 'urn:orderflow:problem:payload-too-large',
    });
  });

  it('a lone surrogate in a name -> 400 naming the field', async () => {
    const raw = `{"email":"u1@orderflow.test","password":"correct horse battery","name":"bad \\ud800 name"}`;
    const res = await api.call('/api/auth/register', {
      method: 'POST',
      raw,
      headers: { 'content-type': 'application/json' },
    });
    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual([
      expect.objectContaining({ path: 'name', message: matching(/surrogate/) }),
    ]);
  });

  it('control and bidi-override characters in a name -> 400 naming the field', async () => {
    for (const name of ['bell\u0007', 'evil\u202Egnp.exe', 'new\nline']) {
      const res = await api.post('/api/auth/register', { ...validUser, name });
      expect(res.status).toBe(400);
      expect(res.body.errors).toEqual([expect.objectContaining({ path: 'name' })]);
    }
  });

  it('invalid UTF-8 bytes -> 400', async () => {
    const raw = new Uint8Array([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0x22, 0x7d]);
    const res = await api.call('/api/auth/register', {
      method: 'POST',
      raw,
      headers: { 'content-type': 'application/json' },
    });
    expect(res.status).toBe(400);
  });
});

describe('gateway: OpenAPI and the API reference', () => {
  it('serves an OpenAPI 3.1 document with a path for every registered HTTP function and method', async () => {
    const res = await api.get<{ openapi: string; paths: Record<string, Record<string, unknown>> }>(
      '/api/openapi.json',
    );
    expect(res.status).toBe(200);
    expect(res.body.openapi).toBe('3.1.0');
    const http = stack.functions.filter((f) => f.trigger === 'httpTrigger');
    expect(http.length).toBeGreaterThan(5);
    const missing: string[] = [];
    for (const f of http) {
      // `{id:guid}` / `{id?}` in a route template are `{id}` in OpenAPI.
      const path = (f.route ?? '').replace(/\{([^}:?]+)[^}]*\}/g, '{$1}');
      for (const method of f.methods ?? ['GET', 'POST']) {
        if (!res.body.paths[path]?.[method.toLowerCase()]) missing.push(`${f.name}: ${method} ${path}`);
      }
    }
    if (missing.length > 0) {
      throw new Error(
        'HTTP functions without an OpenAPI route descriptor (describe them in shared/<service>/api.ts and ' +
          `list that array in shared/http/apiCatalog.ts):\n  ${missing.join('\n  ')}`,
      );
    }
  });

  it('describes request bodies from the zod schemas (strict: additionalProperties false)', async () => {
    const res = await api.get<{
      components: { schemas: Record<string, { additionalProperties?: boolean; required?: string[] }> };
    }>('/api/openapi.json');
    expect(res.body.components.schemas.RegisterRequest).toMatchObject({
      additionalProperties: false,
      required: ['email', 'password', 'name'],
    });
    expect(res.body.components.schemas.Problem).toBeDefined();
  });

  it('serves the reference page and its bundled assets from the app, under the page CSP', async () => {
    const page = await api.get('/api/docs');
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toContain('text/html');
    expect(page.text).toContain('/api/docs/main.js');
    expect(page.text).not.toMatch(/https?:\/\//);
    const csp = page.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    const js = await api.get('/api/docs/main.js');
    expect(js.status).toBe(200);
    expect(js.headers.get('content-type')).toContain('javascript');
    expect(js.text.length).toBeGreaterThan(100_000);
    const css = await api.get('/api/docs/main.css');
    expect(css.status).toBe(200);
    const again = await api.get('/api/docs/main.js', {
      headers: { 'if-none-match': js.headers.get('etag') ?? '' },
    });
    expect(again.status).toBe(304);
  });

  it.each(['nope.js', '..%2F..%2Fpackage.json', 'main.js.map'])(
    'answers docs asset %s with a 404 problem',
    async (asset) => {
      const res = await api.get(`/api/docs/${asset}`);
      expect(res.status).toBe(404);
      expect(res.body.type).toBe('urn:orderflow:problem:not-found');
    },
  );
});
