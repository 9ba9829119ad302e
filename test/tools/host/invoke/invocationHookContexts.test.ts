import { invocationHookContexts } from '../../../../tools/host/invoke/invocationHookContexts';

describe('invocationHookContexts', () => {
  const callback = () => 'handled';
  const make = () => {
    const appHookData = { app: 1 };
    const context = { invocationId: 'i-1' };
    return { appHookData, context, ...invocationHookContexts(appHookData, () => context, callback, ['in']) };
  };

  it('shares one hookData between the pre and post contexts of an invocation, and the app-wide one', () => {
    const { pre, post, appHookData } = make();
    pre.hookData.started = 42;
    expect(post.hookData).toBe(pre.hookData);
    expect(post.hookData.started).toBe(42);
    expect(pre.appHookData).toBe(appHookData);
    expect(post.appHookData).toBe(appHookData);
  });

  it('gives each invocation its own hookData', () => {
    const a = make();
    const b = make();
    a.pre.hookData.x = 1;
    expect(b.pre.hookData).toEqual({});
  });

  it('reads the invocation context and the handler inputs, with result and error null before the handler ran', () => {
    const { pre, post, context } = make();
    expect(pre.invocationContext).toBe(context);
    expect(post.invocationContext).toBe(context);
    expect(pre.functionCallback).toBe(callback);
    expect(pre.inputs).toEqual(['in']);
    expect(post.inputs).toEqual(['in']);
    expect([post.result, post.error]).toEqual([null, null]);
  });

  it('lets hooks replace the handler, the inputs and the result, as the worker does', () => {
    const { pre, post } = make();
    const replaced = () => 'wrapped';
    pre.functionCallback = replaced;
    pre.inputs = ['other'];
    post.result = { status: 201 };
    post.error = new Error('x');
    expect(pre.functionCallback).toBe(replaced);
    expect(pre.inputs).toEqual(['other']);
    expect(post.result).toEqual({ status: 201 });
  });

  it.each(['hookData', 'appHookData', 'invocationContext'] as const)(
    'refuses an assignment to %s with a TypeError naming it',
    (name) => {
      const { pre, post } = make();
      for (const ctx of [pre, post])
        expect(() => {
          (ctx as unknown as Record<string, unknown>)[name] = {};
        }).toThrow(new TypeError(`Cannot assign "${name}": it is read-only`));
    },
  );
});
