/** Waits that end early when the listener stops, so shutdown never waits out a poll delay or a retry backoff. */
export class Sleeper {
  #wakers = new Set<() => void>();
  #stopped = false;

  sleep(ms: number): Promise<void> {
    if (this.#stopped) return Promise.resolve();
    return new Promise((resolve) => {
      const wake = (): void => {
        clearTimeout(timer);
        this.#wakers.delete(wake);
        resolve();
      };
      const timer = setTimeout(wake, ms);
      this.#wakers.add(wake);
    });
  }

  wakeAll(): void {
    this.#stopped = true;
    for (const wake of [...this.#wakers]) wake();
  }
}
