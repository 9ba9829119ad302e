import { toRpcHeaders, toSetCookie, typedDataToBuffer } from '../../../../tools/host/http/rpcHttp';

describe('toSetCookie', () => {
  it('writes every attribute the library passes', () => {
    expect(
      toSetCookie({
        name: 'sid',
        value: 'v',
        domain: { value: 'example.com' },
        path: { value: '/' },
        expires: { value: { seconds: 1_767_225_600 } },
        secure: { value: true },
        httpOnly: { value: true },
        sameSite: 'explicitNone',
        maxAge: { value: 60 },
      }),
    ).toBe(
      'sid=v; Domain=example.com; Path=/; Expires=Thu, 01 Jan 2026 00:00:00 GMT; Max-Age=60; Secure; HttpOnly; SameSite=None',
    );
  });

  it('omits SameSite for the library default (none)', () => {
    expect(toSetCookie({ name: 'a', value: 'b', sameSite: 'none' })).toBe('a=b');
  });
});

describe('toRpcHeaders', () => {
  it('keeps single headers and joins the ones Node gives as arrays', () => {
    expect(toRpcHeaders({ 'set-cookie': ['x=1', 'y=2'], host: 'h', accept: 'a, b' })).toEqual({
      'set-cookie': 'x=1, y=2',
      host: 'h',
      accept: 'a, b',
    });
  });
});

describe('typedDataToBuffer', () => {
  it('reads every body shape', () => {
    expect(typedDataToBuffer({ string: 'hi' })?.toString()).toBe('hi');
    expect(typedDataToBuffer({ json: '{"a":1}' })?.toString()).toBe('{"a":1}');
    expect(typedDataToBuffer({ bytes: new Uint8Array([104, 105]) })?.toString()).toBe('hi');
    expect(typedDataToBuffer({ int: 5 })?.toString()).toBe('5');
    expect(typedDataToBuffer(undefined)).toBeUndefined();
  });
});
