import { blobPathPattern, resolveBlobPath } from '../../../../tools/host/storage/blobPath';

describe('blobPathPattern', () => {
  it('binds {name} and lists by the literal prefix', () => {
    const p = blobPathPattern('f', 'uploads/in/{name}.txt');
    expect(p.container).toBe('uploads');
    expect(p.prefix).toBe('in/');
    expect(p.match('in/report.txt')).toEqual({ name: 'report' });
    expect(p.match('in/report.csv')).toBeUndefined();
    expect(p.match('other/report.txt')).toBeUndefined();
  });

  it('splits {name}.{ext} at the first dot and keeps slashes in a parameter', () => {
    const p = blobPathPattern('f', 'cc1/{name}.{ext}');
    expect(p.match('a.tar.gz')).toEqual({ name: 'a', ext: 'tar.gz' });
    expect(p.match('dir/x.txt')).toEqual({ name: 'dir/x', ext: 'txt' });
  });

  it('matches every blob of a container given alone', () => {
    expect(blobPathPattern('f', 'cc1').match('any/thing')).toEqual({});
  });

  it('refuses an expression in the container', () => {
    expect(() => blobPathPattern('f', '{c}/x')).toThrow(/not a literal container name/);
  });
});

describe('resolveBlobPath', () => {
  const data = new Map<string, unknown>([
    ['name', 'alpha'],
    ['order', { id: 'o-1' }],
  ]);

  it('fills expressions from binding data, case-insensitively and with dotted paths', () => {
    expect(resolveBlobPath('f', 'b', 'out/{Name}-{order.id}.txt', data)).toEqual({
      container: 'out',
      blobName: 'alpha-o-1.txt',
    });
  });

  it('gives {rand-guid} and {DateTime} as the extension writes them', () => {
    const { blobName } = resolveBlobPath('f', 'b', 'out/{rand-guid}/{DateTime}', data);
    expect(blobName).toMatch(/^[0-9a-f-]{36}\/\d{4}-\d{2}-\d{2}T\d{2}-\d{2}-\d{2}Z$/);
  });

  it('fails on an expression without a value', () => {
    expect(() => resolveBlobPath('f', 'b', 'out/{missing}', data)).toThrow(/no value for '\{missing\}'/);
  });
});
