import { join } from 'node:path';
import { startHost, type RunningHost } from '../../../tools/host/index';

// The same app under the host's conversion (BufferedRequest in, toRpcHttpResponse out) and under the library's
// (undici Request and Response, as under the Node worker): handlers must see the same request and clients must
// get the same bytes.
const APP = join(__dirname, 'contract-app');
let fast: RunningHost;
let library: RunningHost;

beforeAll(async () => {
  [fast, library] = await Promise.all([
    startHost({ appDir: APP, port: 0, quiet: true, httpConversion: 'host' }),
    startHost({ appDir: APP, port: 0, quiet: true, httpConversion: 'library' }),
  ]);
});

afterAll(() => Promise.all([fast?.close(), library?.close()]));

interface Answer {
  status: number;
  headers: Array<[string, string]>;
  body: string;
}

async function call(host: RunningHost, path: string, init?: RequestInit): Promise<Answer> {
  const res = await fetch(host.baseUrl + path, init);
  const body = (await res.text()).replaceAll(`127.0.0.1:${host.port}`, '127.0.0.1:PORT');
  const headers: Array<[string, string]> = [];
  res.headers.forEach((value, key) => void (key !== 'date' && headers.push([key, value])));
  return { status: res.status, headers, body };
}

async function same(path: string, init?: RequestInit): Promise<Answer> {
  const [a, b] = await Promise.all([call(fast, path, init), call(library, path, init)]);
  expect(a).toEqual(b);
  return a;
}

const post = (body: BodyInit, headers: Record<string, string> = {}): RequestInit => ({
  method: 'POST',
  body,
  headers,
});

describe('what a handler sees of its request', () => {
  it.each(['text', 'json', 'arrayBuffer', 'blob', 'stream', 'clone'])(
    'is the same under both conversions when it reads the body with %s',
    async (read) => {
      const answer = await same(
        `/api/inspect/7?read=${read}&a=1&a=2&b=%20x`,
        post('{"hello":"wörld"}', { 'content-type': 'application/json', 'x-many': 'a' }),
      );
      expect(answer.status).toBe(200);
      expect(JSON.parse(answer.body)).toMatchObject({
        method: 'POST',
        params: { id: '7' },
        // The Functions host joins a repeated name's values into one RPC query value.
        queryAll: ['1,2'],
      });
    },
  );

  it('is the same for form data, bad JSON, a BOM, invalid UTF-8 and an empty body', async () => {
    await same(
      '/api/inspect?read=formData',
      post('a=1&b=two+words', { 'content-type': 'application/x-www-form-urlencoded' }),
    );
    await same('/api/inspect?read=formData', post('not a form', { 'content-type': 'text/plain' }));
    await same('/api/inspect?read=json', post('{broken'));
    await same('/api/inspect?read=text', post(Buffer.from([0xef, 0xbb, 0xbf, 0x41, 0xff, 0x42])));
    await same('/api/inspect?read=json', post(''));
    await same('/api/inspect?read=stream', post(''));
  });

  it('is the same for every method, with and without a body', async () => {
    for (const method of ['GET', 'DELETE', 'PUT', 'PATCH', 'OPTIONS', 'HEAD'])
      await same('/api/inspect/x?read=text', { method });
    for (const method of ['PUT', 'PATCH', 'DELETE'])
      await same('/api/inspect/x?read=json', { method, body: '[1,2,3]' });
  });

  it('is the same for repeated headers, cookies and an authenticated user', async () => {
    const principal = Buffer.from(
      JSON.stringify({ auth_typ: 'aad', claims: [], name_typ: 'name', role_typ: 'roles' }),
    ).toString('base64');
    await same('/api/inspect', {
      headers: [
        ['cookie', 'a=1'],
        ['cookie', 'b=2'],
        ['accept', 'text/html'],
        ['accept', 'application/json'],
        ['x-ms-client-principal', principal],
        ['x-ms-client-principal-id', 'user-1'],
        ['x-ms-client-principal-name', 'someone'],
        ['x-ms-client-principal-idp', 'aad'],
      ],
    });
  });
});

describe('what a client gets back', () => {
  const respond = (spec: unknown): Promise<Answer> =>
    same('/api/respond', post(JSON.stringify(spec), { 'content-type': 'application/json' }));

  it.each([
    [{ init: { jsonBody: { ok: true } } }],
    [{ init: { status: 201, headers: { Location: '/x', ETag: '"1"' }, jsonBody: [1, 2] } }],
    [{ init: { status: 201, headers: { 'Content-Type': 'application/problem+json' }, jsonBody: {} } }],
    [{ init: { body: 'plain text' } }],
    [{ init: { body: 'typed', headers: { 'content-type': 'text/csv' } } }],
    [{ init: { status: 204, body: 'dropped' } }],
    [{ init: { status: 304, headers: { ETag: '"2"' }, jsonBody: { dropped: true } } }],
    [{ init: { status: 404 } }],
    [{ init: {} }],
    [{ init: { headers: { 'X-A': 'one', 'x-a': 'two', 'set-cookie': 'k=v' } }, kind: 'headersObject' }],
    [{ init: { headers: { 'x-padded': '  v  ' }, jsonBody: null, body: 'text wins over a null jsonBody' } }],
    [{ init: { enableContentNegotiation: true, cookies: [] } }],
    [{ init: {}, body: 'raw bytes', kind: 'bytes' }],
    [{ init: {}, body: 'array buffer', kind: 'arrayBuffer' }],
    [{ init: {}, body: 'a=1&b=2', kind: 'searchParams' }],
    [{ init: { status: 202, jsonBody: { from: 'HttpResponse' } }, kind: 'httpResponse' }],
    [{ init: { cookies: [{ name: 'session', value: 'x', httpOnly: true, sameSite: 'Strict' }] } }],
  ])('is the same under both conversions for %j', async (spec) => {
    await respond(spec);
  });

  it('fails the same way (500 naming the invocation) for what cannot be sent', async () => {
    for (const spec of [
      { init: { status: 99 } },
      { init: { headers: { 'x-bad': 'a\nb' } } },
      { init: {}, kind: 'bigint' },
    ]) {
      const [a, b] = await Promise.all([
        call(fast, '/api/respond', post(JSON.stringify(spec))),
        call(library, '/api/respond', post(JSON.stringify(spec))),
      ]);
      expect(a.status).toBe(500);
      expect(b.status).toBe(500);
      const id = (x: Answer): unknown => (JSON.parse(x.body) as { invocationId: string }).invocationId;
      expect(a.headers.find(([k]) => k === 'x-ms-invocation-id')?.[1]).toBe(id(a));
      expect(b.headers.find(([k]) => k === 'x-ms-invocation-id')?.[1]).toBe(id(b));
    }
  });
});
