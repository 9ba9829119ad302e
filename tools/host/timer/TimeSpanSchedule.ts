import { ScheduleError } from '../errors';
import { parseTimeSpanMs } from '../timeSpan';

/** A TimeSpan schedule (`hh:mm:ss`, `d.hh:mm:ss`, `hh:mm`): an interval measured from the previous occurrence. */
export class TimeSpanSchedule {
  readonly intervalMs: number;

  constructor(readonly expression: string) {
    const ms = parseTimeSpanMs(expression);
    if (ms === undefined)
      throw new ScheduleError(`'${expression}' is neither an NCRONTAB expression nor a TimeSpan (hh:mm:ss).`);
    if (ms <= 0) throw new ScheduleError(`TimeSpan schedule '${expression}' must be longer than zero.`);
    this.intervalMs = ms;
  }

  next(after: Date): Date {
    return new Date(after.getTime() + this.intervalMs);
  }
}
