import { HttpRequest } from '@azure/functions';
import { z } from 'zod';
import { HttpError } from '../../../shared/http/errors';
import { text } from '../../../shared/http/fields';
import { MAX_BODY_BYTES, readJsonBody } from '../../../shared/http/readJsonBody';

const schema = z.strictObject({
  name: text({ max: 20 }),
  items: z.array(z.strictObject({ qty: z.number().int().positive() })).max(3),
});

function req(
  body: string | Uint8Array,
  headers: Record<string, string> = { 'content-type': 'application/json' },
): HttpRequest {
  const b = typeof body === 'string' ? { string: body } : { bytes: body };
  return new HttpRequest({ method: 'POST', url: 'http://localhost/api/x', headers, body: b });
}

async function failure(p: Promise<unknown>): Promise<HttpError> {
  try {
    await p;
  } catch (err) {
    if (err instanceof HttpError) return err;
    throw err;
  }
  throw new Error('expected an HttpError');
}

describe('readJsonBody', () => {
  it('parses a valid body', async () => {
    await expect(readJsonBody(req('{"name":" Ann ","items":[{"qty":1}]}'), schema)).resolves.toEqual({
      name: 'Ann',
      items: [{ qty: 1 }],
    });
  });

  it.each([undefined, 'text/plain', 'application/x-www-form-urlencoded', 'application/json; charset=latin1'])(
    'answers 415 for content type %s',
    async (ct) => {
      const err = await failure(readJsonBody(req('{}', ct ? { 'content-type': ct } : {}), schema));
      expect(err.status).toBe(415);
    },
  );

  it('accepts application/json with utf-8 charset and +json types', async () => {
    const body = '{"name":"a","items":[]}';
    await expect(
      readJsonBody(req(body, { 'content-type': 'application/json; charset=UTF-8' }), schema),
    ).resolves.toBeDefined();
    await expect(
      readJsonBody(req(body, { 'content-type': 'application/merge-patch+json' }), schema),
    ).resolves.toBeDefined();
  });

  it('answers 413 from Content-Length before reading, and from the bytes when there is none', async () => {
    const declared = await failure(
      readJsonBody(
        req('{}', { 'content-type': 'application/json', 'content-length': String(MAX_BODY_BYTES + 1) }),
        schema,
      ),
    );
    expect(declared.status).toBe(413);
    const big = `{"name":"${'x'.repeat(MAX_BODY_BYTES)}"}`;
    expect((await failure(readJsonBody(req(big), schema))).status).toBe(413);
    expect((await failure(readJsonBody(req('{"name":"abc"}'), schema, 5))).status).toBe(413);
  });

  it('answers 400 for an empty body, invalid UTF-8, malformed JSON and absurd nesting', async () => {
    for (const body of ['', '{"name":', 'nul', '[1,]', '['.repeat(20_000) + ']'.repeat(20_000)]) {
      const err = await failure(readJsonBody(req(body), schema));
      expect(err.status).toBe(400);
    }
    expect((await failure(readJsonBody(req(new Uint8Array([0x22, 0xc3, 0x28, 0x22])), schema))).code).toBe(
      'malformed-json',
    );
  });

  it('names each failing field with a dotted path, and each unknown field', async () => {
    const err = await failure(
      readJsonBody(req('{"name":7,"items":[{"qty":-1,"x":1}],"extra":true}'), schema),
    );
    expect(err.status).toBe(400);
    expect(err.errors).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ path: 'name' }),
        expect.objectContaining({ path: 'items.0.qty' }),
        { path: 'items.0.x', message: 'Unknown field' },
        { path: 'extra', message: 'Unknown field' },
      ]),
    );
  });

  it('reports a wrong top-level type against (body)', async () => {
    const err = await failure(readJsonBody(req('[1,2]'), schema));
    expect(err.errors).toEqual([expect.objectContaining({ path: '(body)' })]);
  });

  it('does not let __proto__ through a strict schema', async () => {
    const err = await failure(
      readJsonBody(req('{"name":"a","items":[],"__proto__":{"admin":true}}'), schema),
    );
    expect(err.errors).toEqual([{ path: '__proto__', message: 'Unknown field' }]);
  });

  it('takes a body with a declared length whole, without opening its stream, and still caps it', async () => {
    const json = '{"name":"a","items":[]}';
    const source = (declared: string, body: string) => ({
      headers: new Headers({ 'content-type': 'application/json', 'content-length': declared }),
      get body(): never {
        throw new Error('the stream was opened');
      },
      arrayBuffer: () => Promise.resolve(new TextEncoder().encode(body).buffer),
    });
    await expect(readJsonBody(source(String(json.length), json), schema)).resolves.toEqual({
      name: 'a',
      items: [],
    });
    // A source that delivers more than it declared (no HTTP server does) is still refused past the limit.
    expect(
      (await failure(readJsonBody(source('2', `{"name":"${'x'.repeat(50)}"}`), schema, 20))).status,
    ).toBe(413);
  });
});
