import { BufferedRequest, bufferedRequest } from '../../../../tools/host/http/BufferedRequest';

// Each behaviour is checked against undici's own Request built from the same input: the reference is Node's
// fetch, not a list of expectations that could drift from it.
const URL_ = 'http://127.0.0.1:7071/api/x?a=1&a=2';
const HEADERS = { host: '127.0.0.1:7071', 'content-type': 'application/json', 'x-padded': 'v' };

function pair(
  method: string,
  body?: Uint8Array,
  headers: Record<string, string> = HEADERS,
): [BufferedRequest, Request] {
  const fast = bufferedRequest(URL_, method, headers, body);
  if (!fast) throw new Error('expected the buffered path');
  const real = new Request(URL_, {
    method,
    headers,
    ...(body && body.length > 0 ? { body: body as Uint8Array<ArrayBuffer> } : {}),
  });
  return [fast, real];
}

/** How a promise settles, as comparable data (errors by class and message). */
async function settle(p: () => Promise<unknown>): Promise<unknown> {
  try {
    const v = await p();
    if (v instanceof ArrayBuffer) return { arrayBuffer: [...new Uint8Array(v)] };
    if (v instanceof Blob) return { blob: v.type, bytes: [...new Uint8Array(await v.arrayBuffer())] };
    if (v instanceof FormData) {
      const entries: Array<[string, unknown]> = [];
      v.forEach((value, key) => entries.push([key, value]));
      return { formData: entries };
    }
    return { value: v };
  } catch (err) {
    const e = err as Error;
    return { error: e.constructor.name, message: e.message };
  }
}

function sync(fn: () => unknown): unknown {
  try {
    fn();
    return 'ok';
  } catch (err) {
    return { error: (err as Error).constructor.name, message: (err as Error).message };
  }
}

function entries(h: Headers): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  h.forEach((value, key) => out.push([key, value]));
  return out;
}

const bytes = (s: string | number[]): Uint8Array =>
  typeof s === 'string' ? Buffer.from(s) : Uint8Array.from(s);

describe('BufferedRequest, against undici Request', () => {
  it('has the same url, method and headers', () => {
    const [fast, real] = pair('POST', bytes('{}'), { ...HEADERS, 'x-padded': '  v  ' });
    expect(fast.url).toBe(real.url);
    expect(fast.method).toBe(real.method);
    expect(fast.headers).toBeInstanceOf(Headers);
    expect(entries(fast.headers)).toEqual(entries(real.headers));
  });

  it.each([
    ['text', (r: BufferedRequest | Request) => r.text()],
    ['json', (r: BufferedRequest | Request) => r.json()],
    ['arrayBuffer', (r: BufferedRequest | Request) => r.arrayBuffer()],
    ['blob', (r: BufferedRequest | Request) => r.blob()],
  ])('reads the body once with %s, then fails as undici does', async (_name, read) => {
    for (const body of ['{"a":[1,2]}', '\uFEFF{"bom":true}', 'not json', '']) {
      const [fast, real] = pair('POST', bytes(body));
      expect(await settle(() => read(fast))).toEqual(await settle(() => read(real)));
      expect(fast.bodyUsed).toBe(real.bodyUsed);
      expect(await settle(() => read(fast))).toEqual(await settle(() => read(real)));
    }
  });

  it('decodes invalid UTF-8 with replacement characters, as text() does', async () => {
    const [fast, real] = pair('POST', bytes([0x22, 0xc3, 0x28, 0xff, 0x22]));
    expect(await fast.text()).toBe(await real.text());
  });

  it('has no body for GET, HEAD and an empty POST, readable as empty any number of times', async () => {
    for (const method of ['GET', 'HEAD', 'POST']) {
      const [fast, real] = pair(method);
      expect(fast.body).toBe(real.body);
      expect(await settle(() => fast.text())).toEqual(await settle(() => real.text()));
      expect(await settle(() => fast.arrayBuffer())).toEqual(await settle(() => real.arrayBuffer()));
      expect(await settle(() => fast.json())).toEqual(await settle(() => real.json()));
      expect(fast.bodyUsed).toBe(real.bodyUsed);
    }
  });

  it('gives a byte stream that consumes the body, after which text() fails', async () => {
    const [fast, real] = pair('POST', bytes('streamed'));
    const stream = fast.body!;
    expect(stream).toBeInstanceOf(ReadableStream);
    const reader = stream.getReader();
    const chunks: number[] = [];
    for (let r = await reader.read(); !r.done; r = await reader.read()) chunks.push(...r.value);
    expect(Buffer.from(chunks).toString()).toBe('streamed');
    expect(fast.bodyUsed).toBe(true);
    await real.body!.getReader().read();
    expect(await settle(() => fast.text())).toEqual(await settle(() => real.text()));
  });

  it('shows a consumed, locked stream when the body is touched after text()', async () => {
    const [fast, real] = pair('POST', bytes('x'));
    await fast.text();
    await real.text();
    expect(fast.body?.locked).toBe(real.body?.locked);
    expect(fast.bodyUsed).toBe(true);
  });

  it('clones an unread request (both readable) and refuses to clone a read one', async () => {
    const [fast, real] = pair('POST', bytes('twice'));
    const copy = fast.clone();
    expect(await copy.text()).toBe('twice');
    expect(await fast.text()).toBe('twice');
    expect(copy.headers).not.toBe(fast.headers);
    await real.text();
    expect(sync(() => fast.clone())).toEqual(sync(() => real.clone()));
  });

  it('parses form data as undici does', async () => {
    const form = { ...HEADERS, 'content-type': 'application/x-www-form-urlencoded' };
    const [fast, real] = pair('POST', bytes('a=1&b=two+words'), form);
    expect(await settle(() => fast.formData())).toEqual(await settle(() => real.formData()));
    const [badFast, badReal] = pair('POST', bytes('a=1'));
    expect(await settle(() => badFast.formData())).toEqual(await settle(() => badReal.formData()));
  });

  it('leaves to the library what undici would refuse, so the library fails as before', () => {
    expect(bufferedRequest('http://u:p@host/x', 'GET', {}, undefined)).toBeUndefined();
    expect(bufferedRequest('not a url', 'GET', {}, undefined)).toBeUndefined();
    expect(bufferedRequest(URL_, 'TRACE', {}, undefined)).toBeUndefined();
    expect(bufferedRequest(URL_, 'POST', { 'x-bad': 'a\nb' }, undefined)).toBeUndefined();
    expect(bufferedRequest(URL_, 'GET', {}, bytes('dropped with a warning'))).toBeUndefined();
  });
});
