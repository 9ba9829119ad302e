import { request as httpRequest, Agent } from 'node:http';
import { startHost, type RunningHost } from '../../../tools/host/index';
import { FIXTURE_APP, fixtureKeys } from './fixture';

let host: RunningHost;
const savedGreeting = process.env.GREETING;

beforeAll(async () => {
  // A variable already in the environment wins over local.settings.json; the env option wins over both.
  process.env.GREETING = 'from the process environment';
  process.env.OVERRIDDEN_BY_ENV = 'from the process environment';
  host = await startHost({
    appDir: FIXTURE_APP,
    port: 0,
    quiet: true,
    // The keys tests below need enforcement, which func start (and so startHost) leaves off by default.
    enableAuth: true,
    env: { OVERRIDDEN_BY_ENV: 'from the env option', FUNCTIONS_REQUEST_BODY_SIZE_LIMIT: '65536' },
  });
});

afterAll(async () => {
  await host?.close();
  if (savedGreeting === undefined) delete process.env.GREETING;
  else process.env.GREETING = savedGreeting;
  delete process.env.OVERRIDDEN_BY_ENV;
});

const get = (path: string, init?: RequestInit): Promise<Response> => fetch(host.baseUrl + path, init);
const json = async (path: string, init?: RequestInit): Promise<unknown> => {
  const res = await get(path, init);
  expect(res.status).toBe(200);
  return res.json();
};

describe('routing', () => {
  it('lists every HTTP function with its full route and methods', () => {
    expect(host.functions).toContainEqual({
      name: 'hello',
      trigger: 'httpTrigger',
      route: '/api/hello/{name:alpha}',
      methods: ['GET'],
    });
    expect(host.functions).toContainEqual({
      name: 'defaultRoute',
      trigger: 'httpTrigger',
      route: '/api/defaultRoute',
      methods: ['GET', 'POST'],
    });
  });

  it('binds route parameters and enforces the alpha constraint', async () => {
    expect(await (await get('/api/hello/world')).text()).toBe('hello world');
    expect((await get('/api/hello/world42')).status).toBe(404);
  });

  it('matches literals case-insensitively and requires the route prefix', async () => {
    expect((await get('/API/Hello/world')).status).toBe(200);
    expect((await get('/hello/world')).status).toBe(404);
  });

  it('prefers a constrained parameter ({id:guid}) over a plain one', async () => {
    const id = '6f1c1b8e-2d43-4c55-9a0b-1f1f5d1e2a3b';
    expect(await json(`/api/items/${id}`)).toEqual({ id });
    expect(await json('/api/items/books')).toEqual({ category: 'books' });
  });

  it('applies int, min and bool constraints and optional parameters', async () => {
    expect(await json('/api/numbers/5')).toEqual({ params: { n: '5' } });
    expect(await json('/api/numbers/5/TRUE')).toEqual({ params: { n: '5', flag: 'TRUE' } });
    expect((await get('/api/numbers/0')).status).toBe(404);
    expect((await get('/api/numbers/abc')).status).toBe(404);
    expect((await get('/api/numbers/5/maybe')).status).toBe(404);
    expect(await json('/api/opt')).toEqual({ a: null });
    expect(await json('/api/opt/x')).toEqual({ a: 'x' });
  });

  it('captures the rest of the path in a catch-all, decoded', async () => {
    expect(await json('/api/files/a/b%20c/d.txt')).toEqual({ rest: 'a/b c/d.txt' });
    expect(await json('/api/files')).toEqual({ rest: null });
  });

  it('answers 404 for unknown routes and for methods a route does not accept', async () => {
    expect((await get('/api/nothing-here')).status).toBe(404);
    expect((await get('/api/hello/world', { method: 'POST' })).status).toBe(404);
    expect((await get('/api/defaultRoute', { method: 'PUT' })).status).toBe(404);
    expect(await (await get('/api/defaultRoute', { method: 'POST' })).text()).toBe('default POST');
  });

  it('resolves %Setting% in a route', async () => {
    expect((await get('/api/setting/resolved-route')).status).toBe(200);
  });
});

describe('requests and responses', () => {
  it('passes method, body, query and headers to the handler', async () => {
    const body = await json('/api/echo?x=1&y=two', {
      method: 'POST',
      body: 'payload',
      headers: { 'content-type': 'text/plain' },
    });
    expect(body).toMatchObject({
      method: 'POST',
      body: 'payload',
      query: { x: '1', y: 'two' },
      contentType: 'text/plain',
    });
  });

  it('sends cookies as Set-Cookie headers with their attributes', async () => {
    const res = await get('/api/cookies', { headers: { cookie: 'a=1; b=2' } });
    expect(await res.json()).toEqual({ received: 'a=1; b=2' });
    expect(res.headers.getSetCookie()).toEqual([
      'session=abc; max-age=3600; path=/; secure; samesite=strict; httponly',
      'theme=dark; path=/',
    ]);
  });

  it('answers 204 when the handler returns nothing', async () => {
    expect((await get('/api/things/1', { method: 'DELETE' })).status).toBe(204);
  });

  it('rejects a body over the configured limit with 413 and accepts one under it', async () => {
    expect((await get('/api/echo', { method: 'POST', body: 'x'.repeat(65_000) })).status).toBe(200);
    expect((await get('/api/echo', { method: 'POST', body: 'x'.repeat(70_000) })).status).toBe(413);
  });

  it('answers 500 with the invocation id when the handler throws', async () => {
    const res = await get('/api/boom');
    expect(res.status).toBe(500);
    const id = res.headers.get('x-ms-invocation-id');
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    expect(await res.json()).toEqual({ error: 'Internal Server Error', invocationId: id });
  });

  it('fails an invocation that outlives host.json functionTimeout with 500', async () => {
    const started = Date.now();
    const res = await get('/api/hang');
    expect(res.status).toBe(500);
    expect(Date.now() - started).toBeGreaterThanOrEqual(1900);
  });

  it('keeps connections alive between requests', async () => {
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    const once = (): Promise<boolean> =>
      new Promise((resolve, reject) => {
        const req = httpRequest(`${host.baseUrl}/api/hello/x`, { agent }, (res) => {
          res.resume();
          res.on('end', () => resolve(req.reusedSocket));
        });
        req.on('error', reject);
        req.end();
      });
    expect(await once()).toBe(false);
    expect(await once()).toBe(true);
    agent.destroy();
  });
});

describe('CORS and disabled functions', () => {
  it('adds CORS headers for an allowed origin (Host.CORS) and answers preflights', async () => {
    const res = await get('/api/hello/x', { headers: { origin: 'http://allowed.example' } });
    expect(res.headers.get('access-control-allow-origin')).toBe('http://allowed.example');
    expect(res.headers.get('access-control-allow-credentials')).toBe('true');
    const other = await get('/api/hello/x', { headers: { origin: 'http://evil.example' } });
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
    const preflight = await get('/api/echo', {
      method: 'OPTIONS',
      headers: {
        origin: 'http://allowed.example',
        'access-control-request-method': 'PUT',
        'access-control-request-headers': 'content-type',
      },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-methods')).toBe('PUT');
    expect(preflight.headers.get('access-control-allow-headers')).toBe('content-type');
  });

  it('leaves out a function disabled with AzureWebJobs.<name>.Disabled', async () => {
    expect(host.functions.map((f) => f.name)).not.toContain('disabledFn');
    expect((await get('/api/disabled')).status).toBe(404);
  });
});

describe('keys (enableAuth, as func start --enableAuth)', () => {
  it('requires a function key for authLevel function, by header or code query', async () => {
    const keys = fixtureKeys();
    const fnKey = keys.functionKeys.default!;
    expect((await get('/api/keyed')).status).toBe(401);
    expect((await get('/api/keyed', { headers: { 'x-functions-key': 'wrong' } })).status).toBe(401);
    expect((await get('/api/keyed', { headers: { 'x-functions-key': fnKey } })).status).toBe(200);
    expect((await get(`/api/keyed?code=${encodeURIComponent(fnKey)}`)).status).toBe(200);
    expect((await get('/api/keyed', { headers: { 'x-functions-key': keys.masterKey } })).status).toBe(200);
  });

  it('requires the master key for authLevel admin', async () => {
    const keys = fixtureKeys();
    expect(
      (await get('/api/admin-only', { headers: { 'x-functions-key': keys.functionKeys.default! } })).status,
    ).toBe(401);
    expect((await get('/api/admin-only', { headers: { 'x-functions-key': keys.masterKey } })).status).toBe(
      200,
    );
  });
});

describe('settings and hooks', () => {
  it('lets the environment win over local.settings.json and the env option win over both', async () => {
    expect(await json('/api/setting/resolved-route')).toEqual({
      greeting: 'from the process environment',
      overridden: 'from the env option',
    });
  });

  it('runs preInvocation and postInvocation hooks around the handler', async () => {
    expect(await json('/api/hooked')).toEqual({
      handler: 'ran',
      pre: 'ran',
      post: 'ran',
      appStarted: 'number',
    });
  });
});
