import { MIN_POLLING_INTERVAL_MS } from './queueOptions';

/**
 * The extension's randomized exponential backoff for an idle queue: each empty poll roughly doubles the wait,
 * from 100 ms up to maxPollingInterval; a poll that finds messages starts over.
 */
export class PollBackoff {
  #current = 0;

  constructor(private readonly maxMs: number) {}

  next(): number {
    const base = this.#current === 0 ? MIN_POLLING_INTERVAL_MS : this.#current * 2;
    // ±20% jitter, so listeners on one account do not poll in step.
    const jittered = base * (0.8 + Math.random() * 0.4);
    this.#current = Math.min(this.maxMs, Math.max(MIN_POLLING_INTERVAL_MS, jittered));
    return this.#current;
  }

  reset(): void {
    this.#current = 0;
  }
}
