import type { RpcRetryContext, RpcRetryOptions } from '../app/coreTypes';
import { ensureError } from '../errors';

type RpcDuration = { seconds?: number | string; nanos?: number } | undefined;

function ms(d: RpcDuration): number {
  if (!d) return 0;
  return Number(d.seconds ?? 0) * 1000 + Math.floor((d.nanos ?? 0) / 1e6);
}

/**
 * A function's retry policy (`retry` in its options), as the host applies it: `maxRetryCount` retries after the
 * first attempt (-1 = forever), with a fixed delay or an exponential backoff between `minimumInterval` and
 * `maximumInterval`.
 */
export class RetryPolicy {
  private constructor(
    readonly strategy: 'fixedDelay' | 'exponentialBackoff',
    readonly maxRetryCount: number,
    private readonly delayMs: number,
    private readonly minMs: number,
    private readonly maxMs: number,
  ) {}

  static from(options: RpcRetryOptions | undefined): RetryPolicy | undefined {
    if (!options) return undefined;
    const strategy = String(options.retryStrategy ?? '').toLowerCase();
    const max = Number(options.maxRetryCount ?? 0);
    if (strategy === 'fixeddelay') return new RetryPolicy('fixedDelay', max, ms(options.delayInterval), 0, 0);
    if (strategy === 'exponentialbackoff') {
      return new RetryPolicy(
        'exponentialBackoff',
        max,
        0,
        ms(options.minimumInterval),
        ms(options.maximumInterval),
      );
    }
    return undefined;
  }

  /** Delay before retry number `retry` (1-based). */
  delayBefore(retry: number): number {
    if (this.strategy === 'fixedDelay') return this.delayMs;
    const d = this.minMs * 2 ** Math.min(retry - 1, 30);
    return Math.min(Math.max(d, this.minMs), this.maxMs || d);
  }

  canRetry(retriesSoFar: number): boolean {
    return this.maxRetryCount < 0 || retriesSoFar < this.maxRetryCount;
  }
}

function describe(err: Error): { message: string; source: string; stackTrace: string } {
  // Report the handler's own error, not the host's wrapper around it.
  const inner = err.cause instanceof Error ? err.cause : err;
  return { message: inner.message, source: inner.name, stackTrace: inner.stack ?? '' };
}

/**
 * Runs `attempt` under `policy` until it succeeds, retries run out (the last error is thrown) or `stopped()` says
 * the host is shutting down (the last error is thrown, so nothing is checkpointed past a failed batch).
 */
export async function runWithRetry<T>(
  policy: RetryPolicy | undefined,
  attempt: (retryContext: RpcRetryContext | undefined) => Promise<T>,
  stopped: () => boolean,
  wait: (ms: number) => Promise<void>,
): Promise<T> {
  let retries = 0;
  let last: Error | undefined;
  for (;;) {
    const ctx: RpcRetryContext | undefined = policy
      ? {
          retryCount: retries,
          maxRetryCount: policy.maxRetryCount,
          ...(last ? { exception: describe(last) } : {}),
        }
      : undefined;
    try {
      return await attempt(ctx);
    } catch (err) {
      last = ensureError(err);
      if (!policy || !policy.canRetry(retries) || stopped()) throw last;
      retries++;
      await wait(policy.delayBefore(retries));
      if (stopped()) throw last;
    }
  }
}
