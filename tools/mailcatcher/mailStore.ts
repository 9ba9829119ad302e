import type { CaughtMail } from './caughtMail';
import { MailCatcherTimeoutError } from './errors';

interface Waiter {
  pred: (m: CaughtMail) => boolean;
  resolve: (m: CaughtMail) => void;
}

/** Caught mails in arrival order, with waiters that resolve on the first match (past or future). */
export class MailStore {
  private readonly mails: CaughtMail[] = [];
  private readonly waiters = new Set<Waiter>();
  /** Mails dropped, oldest first, to keep at most `max`. */
  evicted = 0;

  constructor(readonly max = 1000) {
    if (!Number.isInteger(max) || max < 1)
      throw new RangeError(`maxMails must be a positive integer, not ${max}`);
  }

  add(mail: CaughtMail): void {
    this.mails.push(mail);
    while (this.mails.length > this.max) {
      this.mails.shift();
      this.evicted += 1;
    }
    for (const w of [...this.waiters]) {
      if (w.pred(mail)) {
        this.waiters.delete(w);
        w.resolve(mail);
      }
    }
  }

  list(): CaughtMail[] {
    return [...this.mails];
  }

  get(id: string): CaughtMail | undefined {
    return this.mails.find((m) => m.id === id);
  }

  clear(): void {
    this.mails.length = 0;
    this.evicted = 0;
  }

  waitFor(pred: (m: CaughtMail) => boolean, timeoutMs = 10_000): Promise<CaughtMail> {
    const found = this.mails.find(pred);
    if (found) return Promise.resolve(found);
    return new Promise((resolve, reject) => {
      const waiter: Waiter = {
        pred,
        resolve: (m) => {
          clearTimeout(timer);
          resolve(m);
        },
      };
      const timer = setTimeout(() => {
        this.waiters.delete(waiter);
        reject(
          new MailCatcherTimeoutError(
            `no matching mail within ${timeoutMs} ms (${this.mails.length} caught)`,
          ),
        );
      }, timeoutMs);
      this.waiters.add(waiter);
    });
  }
}
