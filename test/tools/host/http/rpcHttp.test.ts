import {
  forwardedFor,
  toRpcHeaders,
  toRpcQuery,
  toSetCookie,
  typedDataToBuffer,
} from '../../../../tools/host/http/rpcHttp';

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
      'sid=v; expires=Thu, 01 Jan 2026 00:00:00 GMT; max-age=60; domain=example.com; path=/; secure; samesite=none; httponly',
    );
  });

  it('omits samesite for the library default (none), defaults path to / and escapes the value as .NET does', () => {
    expect(toSetCookie({ name: 'a', value: "b c!'()*~", sameSite: 'none' })).toBe(
      'a=b%20c%21%27%28%29%2A~; path=/',
    );
  });
});

describe('toRpcQuery', () => {
  it('joins repeated names with a comma and keeps a __proto__ parameter as data', () => {
    const q = toRpcQuery('a=1&a=2&b=&c&__proto__=x&a=3');
    expect({ ...q }).toEqual({ a: '1,2,3', b: '', c: '', ['__proto__']: 'x' });
    expect(toRpcQuery('')).toBeUndefined();
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

describe('forwardedFor', () => {
  it('appends the peer to what the client sent, IPv4-mapped peers as IPv4', () => {
    expect(forwardedFor(undefined, '::ffff:127.0.0.1')).toBe('127.0.0.1');
    expect(forwardedFor('203.0.113.9', '::1')).toBe('203.0.113.9, ::1');
    expect(forwardedFor(['a', 'b'], '10.0.0.1')).toBe('a, b, 10.0.0.1');
    expect(forwardedFor('x', undefined)).toBe('x');
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
