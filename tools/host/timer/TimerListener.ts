import type { IndexedFunction } from '../app/indexFunctions';
import { ensureError } from '../errors';
import type { HostLogger } from '../invoke/HostLogger';
import type { Invoker } from '../invoke/Invoker';
import { RetryPolicy, runWithRetry } from '../invoke/RetryPolicy';
import type { TriggerListener } from '../TriggerListener';
import { parseSchedule, type Schedule } from './parseSchedule';
import type { ScheduleMonitor } from './ScheduleMonitor';

/** .NET's DateTime.MinValue: what the timer extension reports as `last` before the first occurrence. */
const MIN_DATE = '0001-01-01T00:00:00';
/** setTimeout's ceiling: longer waits are re-armed. */
const MAX_TIMEOUT = 2 ** 31 - 1;
/** An occurrence that starts this much later than scheduled is past due. */
const PAST_DUE_MS = 1000;

/**
 * A timer trigger: NCRONTAB or TimeSpan schedule, `runOnStartup`, and never two runs of one function at once
 * (an occurrence that comes while the previous run is still going is skipped, as in Azure).
 */
export class TimerListener implements TriggerListener {
  readonly functionName: string;
  readonly schedule: Schedule;
  #runOnStartup: boolean;
  #timer: NodeJS.Timeout | undefined;
  #running: Promise<void> | undefined;
  #stopped = false;
  #last = MIN_DATE;
  #retry: RetryPolicy | undefined;
  #monitor: ScheduleMonitor | undefined;
  /** The occurrence the timer is armed for. */
  #armed: Date | undefined;

  constructor(
    private readonly f: IndexedFunction,
    private readonly invoker: Invoker,
    private readonly logger: HostLogger,
    monitor?: ScheduleMonitor,
  ) {
    this.functionName = f.name;
    const expr = f.trigger.options.schedule;
    if (typeof expr !== 'string' || expr.trim() === '')
      throw new Error(`Function '${f.name}': timer trigger needs a schedule.`);
    this.schedule = parseSchedule(expr);
    this.#runOnStartup = f.trigger.options.runOnStartup === true;
    this.#retry = RetryPolicy.from(f.fn.metadata.retryOptions);
    // useMonitor defaults to true except for schedules more frequent than once a minute, as in the extension.
    const n1 = this.schedule.next(new Date());
    const n2 = n1 && this.schedule.next(n1);
    const frequent = !!n1 && !!n2 && n2.getTime() - n1.getTime() < 60_000;
    this.#monitor = f.trigger.options.useMonitor === false || frequent ? undefined : monitor;
  }

  start(): Promise<void> {
    const now = new Date();
    const status = this.#monitor?.read(this.functionName);
    if (status) this.#last = status.Last;
    const missed =
      status && status.Next !== MIN_DATE && Date.parse(status.Next) < now.getTime()
        ? new Date(status.Next)
        : undefined;
    this.#arm(now);
    if (missed)
      this.#fire(
        missed,
        `Timer fired at ${now.toISOString()} for the past-due occurrence of ${missed.toISOString()}`,
      );
    else if (this.#runOnStartup) this.#fire(now, 'Timer fired on startup (runOnStartup)');
    return Promise.resolve();
  }

  #saveStatus(next: Date | undefined): void {
    if (!this.#monitor) return;
    try {
      this.#monitor.write(this.functionName, {
        Last: this.#last,
        Next: next ? next.toISOString() : MIN_DATE,
        LastUpdated: new Date().toISOString(),
      });
    } catch (err) {
      this.logger.host(
        'warning',
        `Timer '${this.functionName}': cannot save its schedule status: ${ensureError(err).message}`,
      );
    }
  }

  async stop(): Promise<void> {
    this.#stopped = true;
    if (this.#timer) clearTimeout(this.#timer);
    await this.#running;
  }

  #arm(from: Date): void {
    if (this.#stopped) return;
    const next = this.schedule.next(from);
    this.#armed = next;
    if (!next) {
      this.logger.host(
        'warning',
        `Timer '${this.functionName}': schedule '${this.schedule.expression}' never occurs again.`,
      );
      return;
    }
    this.logger.host('debug', `Timer '${this.functionName}' next occurrence ${next.toISOString()}`);
    this.#saveStatus(next);
    const wait = (): void => {
      const left = next.getTime() - Date.now();
      if (left > MAX_TIMEOUT) this.#timer = setTimeout(wait, MAX_TIMEOUT);
      else this.#timer = setTimeout(() => this.#onDue(next), Math.max(0, left));
    };
    wait();
  }

  #onDue(scheduled: Date): void {
    if (this.#stopped) return;
    if (this.#running) {
      this.logger.host(
        'information',
        `Timer '${this.functionName}' is still running: skipping the occurrence at ${scheduled.toISOString()}`,
      );
      this.#arm(scheduled);
      return;
    }
    this.#fire(scheduled, `Timer fired at ${new Date().toISOString()}`);
    this.#arm(scheduled);
  }

  #fire(scheduled: Date, reason: string): void {
    if (this.#running) return;
    const isPastDue = Date.now() - scheduled.getTime() > PAST_DUE_MS;
    const run = async (): Promise<void> => {
      const next = this.schedule.next(new Date(Math.max(scheduled.getTime(), Date.now())));
      const info = {
        Schedule: { AdjustForDST: true },
        ScheduleStatus: {
          Last: this.#last,
          Next: next ? next.toISOString() : MIN_DATE,
          LastUpdated: new Date().toISOString(),
        },
        IsPastDue: isPastDue,
      };
      try {
        await runWithRetry(
          this.#retry,
          (retryContext) =>
            this.invoker.invoke(this.f, {
              inputData: [{ name: this.f.trigger.name, data: { json: JSON.stringify(info) } }],
              reason,
              ...(retryContext ? { retryContext } : {}),
            }),
          () => this.#stopped,
          (ms) => new Promise((r) => setTimeout(r, ms)),
        );
      } catch (err) {
        // Already logged by the invoker; a failed run does not stop the schedule.
        void ensureError(err);
      } finally {
        this.#last = scheduled.toISOString();
        this.#saveStatus(this.#armed);
      }
    };
    this.#running = run().finally(() => {
      this.#running = undefined;
    });
  }
}
