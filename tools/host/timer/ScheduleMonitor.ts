import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** The timer extension's schedule status (`scheduleStatus` in the timer input, PascalCase on the wire). */
export interface ScheduleStatus {
  Last: string;
  Next: string;
  LastUpdated: string;
}

/**
 * Keeps each monitored timer's schedule status across restarts, as the timer extension does in the storage
 * account: a restart after a missed occurrence runs the function at once with `isPastDue: true`. Local files:
 * `FUNCTIONS_TIMER_STATUS_DIR`, default `<os tmpdir>/functions-host-timers/<hash of the app folder>`.
 */
export class ScheduleMonitor {
  readonly dir: string;

  constructor(appDir: string, env: NodeJS.ProcessEnv = process.env) {
    const hash = createHash('sha256').update(appDir).digest('hex').slice(0, 12);
    this.dir = env.FUNCTIONS_TIMER_STATUS_DIR ?? join(tmpdir(), 'functions-host-timers', hash);
  }

  #file(functionName: string): string {
    return join(this.dir, `${functionName}.json`);
  }

  read(functionName: string): ScheduleStatus | undefined {
    try {
      const s = JSON.parse(readFileSync(this.#file(functionName), 'utf8')) as Partial<ScheduleStatus>;
      return typeof s.Next === 'string' && typeof s.Last === 'string' ? (s as ScheduleStatus) : undefined;
    } catch {
      return undefined;
    }
  }

  write(functionName: string, status: ScheduleStatus): void {
    mkdirSync(this.dir, { recursive: true });
    // Write then rename: a host killed mid-write never leaves half a file.
    const tmp = `${this.#file(functionName)}.${process.pid}.tmp`;
    writeFileSync(tmp, JSON.stringify(status));
    renameSync(tmp, this.#file(functionName));
  }
}
