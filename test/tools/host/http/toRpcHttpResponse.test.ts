import { HttpResponse, type HttpResponseInit } from '@azure/functions';
import fc from 'fast-check';
import type { RpcHttpData, RpcTypedData } from '../../../../tools/host/app/coreTypes';
import { toRpcHttpResponse } from '../../../../tools/host/http/toRpcHttpResponse';

/**
 * The library's `toRpcHttp` (src/converters/toRpcHttp.ts in @azure/functions 4.x, not exported), line for line
 * over the public HttpResponse: what the host's conversion must reproduce for every shape it accepts.
 */
async function libraryToRpcHttp(data: HttpResponseInit): Promise<RpcTypedData> {
  const response = new HttpResponse(data);
  const rpc: RpcHttpData = { statusCode: response.status.toString(), headers: {} };
  // entries() exactly as the library calls it (the DOM lib in tsconfig lacks the iterable declarations).
  const entries = (response.headers as unknown as { entries(): Iterable<[string, string]> }).entries();
  for (const [key, value] of entries) rpc.headers![key] = value;
  rpc.cookies = [];
  expect(response.cookies).toEqual([]);
  rpc.enableContentNegotiation = response.enableContentNegotiation;
  rpc.body = { bytes: new Uint8Array(await response.arrayBuffer()) };
  return { http: rpc };
}

/** Comparable form: bytes as plain arrays, whatever view class carries them. */
function plain(data: RpcTypedData | null | undefined): unknown {
  const http = data?.http;
  if (!http) return data;
  return { ...http, body: [...(http.body?.bytes ?? [])] };
}

async function outcome(fn: () => unknown): Promise<unknown> {
  try {
    return { ok: plain((await fn()) as RpcTypedData) };
  } catch (err) {
    return { error: (err as Error).constructor.name };
  }
}

const headerName = fc.constantFrom(
  'Content-Type',
  'content-type',
  'ETag',
  'Cache-Control',
  'X-Request-Id',
  'set-cookie',
  'Set-Cookie',
  'x-a',
  'X-A',
  'Location',
);
const validValue = fc.oneof(
  fc.constantFrom('application/json', 'text/html; charset=utf-8', '  padded  ', '"etag"', 'a, b', ''),
  fc.string({ maxLength: 12 }),
);
// Control characters and code points above U+00FF are invalid header values: a TypeError either way.
const headerValue = fc.oneof(validValue, fc.string({ unit: 'binary', maxLength: 4 }));
const headers = fc.oneof(
  fc.constant(undefined),
  fc.dictionary(headerName, headerValue, { maxKeys: 5 }),
  fc.dictionary(headerName, validValue, { maxKeys: 5 }).map((d) => new Headers(d)),
);
const body = fc.oneof(
  fc.constant(undefined),
  fc.constant(null),
  fc.string({ maxLength: 40 }),
  fc.uint8Array({ maxLength: 40 }).map((b) => Buffer.from(b)),
  fc.uint8Array({ maxLength: 40 }),
  fc.uint8Array({ maxLength: 40 }).map((b) => b.buffer),
  fc.constant(new URLSearchParams('a=1&b=2')),
);
const jsonBody = fc.oneof(
  fc.constant(undefined),
  fc.constant(null),
  fc.jsonValue({ maxDepth: 2 }),
  fc.constant({ nested: { list: [1, 'two', null] } }),
);
const status = fc.oneof(
  fc.constant(undefined),
  fc.constantFrom(200, 201, 204, 205, 304, 400, 404, 412, 500, 599),
  fc.integer({ min: 100, max: 700 }),
);
const init = fc.record(
  {
    status,
    headers,
    body,
    jsonBody,
    enableContentNegotiation: fc.boolean(),
    cookies: fc.constantFrom(undefined, []),
  },
  { requiredKeys: [] },
);

describe('toRpcHttpResponse', () => {
  it('gives what the library gives for every response init it accepts, and fails where the library fails', async () => {
    await fc.assert(
      fc.asyncProperty(init, async (i) => {
        const fast = await outcome(() => toRpcHttpResponse(i));
        if ((fast as { ok?: unknown }).ok === undefined && !('error' in (fast as object))) return; // declined
        expect(fast).toEqual(await outcome(() => libraryToRpcHttp(i as HttpResponseInit)));
      }),
      { numRuns: 400 },
    );
  });

  it('takes the shapes handlers return (the API gateway, plain strings and bytes)', async () => {
    const shapes: HttpResponseInit[] = [
      { status: 201, headers: new Headers({ ETag: '"1"', Location: '/x' }), body: '{"id":"1"}' },
      { jsonBody: { status: 'ok' } },
      { status: 204 },
      { body: Buffer.from('bytes'), headers: { 'Content-Type': 'application/octet-stream' } },
      { status: 304, headers: { ETag: '"1"' } },
      {},
      // Merged with an empty value: the library's double normalization drops the trailing space.
      { headers: { 'X-A': 'application/json', 'x-a': '' }, jsonBody: {} },
    ];
    for (const s of shapes) {
      const fast = toRpcHttpResponse(s);
      expect(fast).toBeDefined();
      expect(plain(fast)).toEqual(plain(await libraryToRpcHttp(s)));
    }
  });

  it('leaves everything else to the library', () => {
    const declined: unknown[] = [
      new HttpResponse({ status: 200 }),
      { cookies: [{ name: 'a', value: '1' }] },
      { status: '201' },
      { status: 99 },
      { headers: [['a', '1']] },
      { headers: { count: 1 } },
      { body: new URLSearchParams('a=1') },
      { body: new Blob(['x']) },
      'a string',
      null,
    ];
    for (const d of declined) expect(toRpcHttpResponse(d)).toBeUndefined();
  });

  it('copies a byte body, so a handler that reuses its buffer cannot change a response', () => {
    const buf = Buffer.from('original');
    const rpc = toRpcHttpResponse({ body: buf });
    buf.fill(0);
    expect(Buffer.from(rpc!.http!.body!.bytes!).toString()).toBe('original');
  });
});
