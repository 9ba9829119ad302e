import { counterPatches, escapePointer } from '../../../shared/analytics/counterPatches';

describe('counterPatches', () => {
  it('turns counters into incr operations on /counters/<key>', () => {
    expect(counterPatches({ orders: 1, 'status|pending': -1 })).toEqual([
      [
        { op: 'incr', path: '/counters/orders', value: 1 },
        { op: 'incr', path: '/counters/status|pending', value: -1 },
      ],
    ]);
  });

  it('splits into patches of at most 10 operations and leaves zeros out', () => {
    const counters = Object.fromEntries(Array.from({ length: 25 }, (_, i) => [`k${i}`, i]));
    const patches = counterPatches(counters);
    expect(patches.map((p) => p.length)).toEqual([10, 10, 4]);
    expect(patches.flat().map((o) => o.path)).not.toContain('/counters/k0');
    expect(counterPatches({})).toEqual([]);
  });

  it('escapes ~ and / in keys as JSON pointer requires', () => {
    expect(escapePointer('skuQty|a/b~c')).toBe('skuQty|a~1b~0c');
    expect(escapePointer('~/')).toBe('~0~1');
    expect(counterPatches({ 'skuRev|x/y': 5 })[0]?.[0]?.path).toBe('/counters/skuRev|x~1y');
  });
});
