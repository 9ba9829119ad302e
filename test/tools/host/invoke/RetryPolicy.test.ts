import { RetryPolicy, runWithRetry } from '../../../../tools/host/invoke/RetryPolicy';

const noWait = (): Promise<void> => Promise.resolve();

describe('RetryPolicy', () => {
  it('reads fixedDelay and exponentialBackoff in the RPC shape the library registers', () => {
    const fixed = RetryPolicy.from({
      retryStrategy: 'fixedDelay',
      maxRetryCount: 3,
      delayInterval: { seconds: 2 },
    })!;
    expect([fixed.delayBefore(1), fixed.delayBefore(3)]).toEqual([2000, 2000]);
    const exp = RetryPolicy.from({
      retryStrategy: 'exponentialBackoff',
      maxRetryCount: 5,
      minimumInterval: { seconds: 1 },
      maximumInterval: { seconds: 5 },
    })!;
    expect([1, 2, 3, 4, 5].map((n) => exp.delayBefore(n))).toEqual([1000, 2000, 4000, 5000, 5000]);
    expect(RetryPolicy.from(undefined)).toBeUndefined();
  });

  it('treats maxRetryCount -1 as forever', () => {
    const forever = RetryPolicy.from({ retryStrategy: 'fixedDelay', maxRetryCount: -1 })!;
    expect(forever.canRetry(1_000_000)).toBe(true);
  });
});

describe('runWithRetry', () => {
  it('retries with a retry context carrying the count and the last error, then succeeds', async () => {
    const policy = RetryPolicy.from({
      retryStrategy: 'fixedDelay',
      maxRetryCount: 3,
      delayInterval: { seconds: 0 },
    });
    const seen: unknown[] = [];
    const result = await runWithRetry(
      policy,
      (ctx) => {
        seen.push(ctx);
        if ((ctx?.retryCount ?? 0) < 2) return Promise.reject(new Error(`fail ${ctx?.retryCount}`));
        return Promise.resolve('ok');
      },
      () => false,
      noWait,
    );
    expect(result).toBe('ok');
    expect(seen).toEqual([
      { retryCount: 0, maxRetryCount: 3 },
      {
        retryCount: 1,
        maxRetryCount: 3,
        exception: expect.objectContaining({ message: 'fail 0' }) as unknown,
      },
      {
        retryCount: 2,
        maxRetryCount: 3,
        exception: expect.objectContaining({ message: 'fail 1' }) as unknown,
      },
    ]);
  });

  it('throws the last error when retries run out, and at once without a policy', async () => {
    const policy = RetryPolicy.from({ retryStrategy: 'fixedDelay', maxRetryCount: 1 });
    let calls = 0;
    const failing = (): Promise<never> => Promise.reject(new Error(`attempt ${++calls}`));
    await expect(runWithRetry(policy, failing, () => false, noWait)).rejects.toThrow('attempt 2');
    calls = 0;
    await expect(runWithRetry(undefined, failing, () => false, noWait)).rejects.toThrow('attempt 1');
  });

  it('stops retrying when the host stops', async () => {
    const policy = RetryPolicy.from({ retryStrategy: 'fixedDelay', maxRetryCount: -1 });
    let stopped = false;
    let calls = 0;
    const run = runWithRetry(
      policy,
      () => Promise.reject(new Error(`attempt ${++calls}`)),
      () => stopped,
      () => {
        stopped = calls >= 3;
        return Promise.resolve();
      },
    );
    await expect(run).rejects.toThrow('attempt 3');
  });
});
