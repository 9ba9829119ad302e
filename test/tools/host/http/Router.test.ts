import type { IndexedFunction } from '../../../../tools/host/app/indexFunctions';
import { RouteTemplateError } from '../../../../tools/host/errors';
import { RouteTemplate } from '../../../../tools/host/http/RouteTemplate';
import { Router } from '../../../../tools/host/http/Router';

const segs = (path: string): string[] => path.split('/').filter(Boolean);
const match = (template: string, path: string): Record<string, string> | undefined =>
  new RouteTemplate(template).match(segs(path));

function router(prefix: string, routes: Array<[name: string, template: string, methods?: string[]]>): Router {
  const r = new Router(prefix);
  for (const [name, template, methods] of routes) {
    r.add({
      fn: { name } as IndexedFunction,
      bindingName: 'req',
      httpOutputs: ['$return'],
      template: new RouteTemplate(template),
      methods: methods && new Set(methods),
      authLevel: 'anonymous',
      display: template,
    });
  }
  return r;
}

describe('RouteTemplate', () => {
  it('binds parameters and matches literals case-insensitively', () => {
    expect(match('orders/{id}', 'Orders/42')).toEqual({ id: '42' });
    expect(match('orders/{id}', 'orders')).toBeUndefined();
    expect(match('orders/{id}', 'orders/42/extra')).toBeUndefined();
  });

  it('supports optional parameters and defaults', () => {
    expect(match('list/{page?}', 'list')).toEqual({});
    expect(match('list/{page?}', 'list/3')).toEqual({ page: '3' });
    expect(match('list/{page=1}', 'list')).toEqual({ page: '1' });
  });

  it('captures a catch-all, which may be empty', () => {
    expect(match('files/{*path}', 'files/a/b/c.txt')).toEqual({ path: 'a/b/c.txt' });
    expect(match('files/{**path}', 'files')).toEqual({});
    expect(() => new RouteTemplate('files/{*path}/more')).toThrow(RouteTemplateError);
  });

  it('applies inline constraints, chained', () => {
    expect(match('n/{n:int}', 'n/-12')).toEqual({ n: '-12' });
    expect(match('n/{n:int}', 'n/2147483648')).toBeUndefined();
    expect(match('n/{n:long}', 'n/2147483648')).toEqual({ n: '2147483648' });
    expect(match('n/{n:int:range(1,5)}', 'n/6')).toBeUndefined();
    expect(match('n/{n:int:range(1,5)}', 'n/5')).toEqual({ n: '5' });
    expect(match('d/{x:double}', 'd/1.5e3')).toEqual({ x: '1.5e3' });
    expect(match('b/{x:bool}', 'b/False')).toEqual({ x: 'False' });
    expect(match('b/{x:bool}', 'b/yes')).toBeUndefined();
    expect(match('a/{x:alpha}', 'a/abcXYZ')).toEqual({ x: 'abcXYZ' });
    expect(match('a/{x:alpha}', 'a/ab1')).toBeUndefined();
    expect(match('s/{x:minlength(3):maxlength(4)}', 's/ab')).toBeUndefined();
    expect(match('s/{x:length(2,3)}', 's/abc')).toEqual({ x: 'abc' });
    expect(match('t/{x:datetime}', 't/2026-01-02')).toEqual({ x: '2026-01-02' });
    expect(match('r/{x:regex(^\\d{{3}}$)}', 'r/123')).toEqual({ x: '123' });
    expect(match('r/{x:regex(^\\d{{3}}$)}', 'r/12')).toBeUndefined();
    expect(match('r/{x:regex(^[a-z]+-\\d+$)}', 'r/ab-12')).toEqual({ x: 'ab-12' });
  });

  it('accepts every GUID format Guid.TryParse does', () => {
    const d = '6f1c1b8e-2d43-4c55-9a0b-1f1f5d1e2a3b';
    for (const g of [d, d.replace(/-/g, ''), `{${d}}`, `(${d})`, d.toUpperCase()])
      expect(match('g/{id:guid}', `g/${g}`)).toEqual({ id: g });
    expect(match('g/{id:guid}', 'g/not-a-guid')).toBeUndefined();
  });

  it('matches segments that mix literals and parameters', () => {
    expect(match('files/{name}.{ext}', 'files/report.final.pdf')).toEqual({
      name: 'report',
      ext: 'final.pdf',
    });
    expect(match('v{version:int}/items', 'v2/items')).toEqual({ version: '2' });
    expect(match('v{version:int}/items', 'vx/items')).toBeUndefined();
  });

  it('rejects unknown constraints and malformed templates at load time', () => {
    expect(() => new RouteTemplate('x/{id:uuid}')).toThrow(RouteTemplateError);
    expect(() => new RouteTemplate('x/{1bad}')).toThrow(RouteTemplateError);
    expect(() => new RouteTemplate('x/{id:regex(a(b)}')).toThrow(RouteTemplateError);
  });
});

describe('Router', () => {
  const r = router('api', [
    ['catchAll', 'items/{*rest}', ['GET']],
    ['byCategory', 'items/{category}'],
    ['byId', 'items/{id:int}'],
    ['special', 'items/special'],
    ['create', 'items', ['POST']],
    ['list', 'items', ['GET']],
  ]);
  const name = (method: string, path: string): string | undefined => r.match(method, path)?.route.fn.name;

  it('prefers literal, then constrained, then plain, then catch-all segments', () => {
    expect(name('GET', '/api/items/special')).toBe('special');
    expect(name('GET', '/api/items/7')).toBe('byId');
    expect(name('GET', '/api/items/books')).toBe('byCategory');
    expect(name('GET', '/api/items/a/b')).toBe('catchAll');
  });

  it('chooses among functions sharing a route by method, and matches none for other methods', () => {
    expect(name('GET', '/api/items')).toBe('list');
    expect(name('POST', '/api/items')).toBe('create');
    expect(name('DELETE', '/api/items')).toBeUndefined();
  });

  it('requires the route prefix and ignores a trailing slash', () => {
    expect(name('GET', '/items/7')).toBeUndefined();
    expect(name('GET', '/api/items/7/')).toBe('byId');
  });

  it('decodes each segment', () => {
    expect(r.match('GET', '/api/items/caf%C3%A9')?.params).toEqual({ category: 'café' });
    expect(() => r.match('GET', '/api/items/%E0%A4%A')).toThrow(URIError);
  });

  it('serves routes at the root with an empty prefix', () => {
    const root = router('', [['health', 'health']]);
    expect(root.match('GET', '/health')?.route.fn.name).toBe('health');
  });
});
