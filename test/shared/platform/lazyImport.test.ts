import { setImmediate as nextTurn } from 'node:timers/promises';
import { lazyImport } from '../../../shared/platform/lazyImport';

describe('lazyImport', () => {
  it('loads nothing until the first call', async () => {
    const load = jest.fn(() => Promise.resolve({ value: 1 }));
    const get = lazyImport(load);
    await nextTurn();
    expect(load).not.toHaveBeenCalled();
    await expect(get()).resolves.toEqual({ value: 1 });
    expect(load).toHaveBeenCalledTimes(1);
  });

  it('loads once for any number of concurrent and later calls, all given the same module', async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const module = { value: 'the module' };
    const load = jest.fn(async () => {
      await gate;
      return module;
    });
    const get = lazyImport(load);
    // 10,000 calls while the load is in flight, then 10,000 after it settled.
    const during = Array.from({ length: 10_000 }, () => get());
    release();
    const first = await Promise.all(during);
    const after = await Promise.all(Array.from({ length: 10_000 }, () => get()));
    expect(load).toHaveBeenCalledTimes(1);
    expect(new Set([...first, ...after])).toEqual(new Set([module]));
  });

  it('does not keep a failed load: its callers all see the error, and the next call loads again', async () => {
    const outcomes = [new Error('chunk missing'), new Error('still missing'), { value: 3 }];
    const load = jest.fn(async () => {
      await nextTurn();
      const next = outcomes.shift()!;
      if (next instanceof Error) throw next;
      return next;
    });
    const get = lazyImport(load);
    const failed = await Promise.allSettled(Array.from({ length: 1_000 }, () => get()));
    expect(
      failed.every((r) => r.status === 'rejected' && (r.reason as Error).message === 'chunk missing'),
    ).toBe(true);
    await expect(get()).rejects.toThrow('still missing');
    await expect(get()).resolves.toEqual({ value: 3 });
    await expect(get()).resolves.toEqual({ value: 3 });
    expect(load).toHaveBeenCalledTimes(3);
  });

  it('returns the namespace a dynamic import() gives, for a real module', async () => {
    const get = lazyImport(() => import('../../../shared/platform/commonJsExports'));
    const mod = await get();
    expect(mod).toBe(await import('../../../shared/platform/commonJsExports'));
    expect(await get()).toBe(mod);
  });
});
