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

  constructor(private readonly max = 1000) {}

  add(mail: CaughtMail): void {
    this.mails.push(mail);
    if (this.mails.length > this.max) this.mails.shift();
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
