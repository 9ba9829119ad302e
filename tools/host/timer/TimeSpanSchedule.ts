import { ScheduleError } from '../errors';

/** A TimeSpan schedule (`hh:mm:ss`, `d.hh:mm:ss`, `hh:mm`): an interval measured from the previous occurrence. */
export class TimeSpanSchedule {
  readonly intervalMs: number;

  constructor(readonly expression: string) {
    const m = /^(?:(\d+)\.)?(\d{1,2}):(\d{1,2})(?::(\d{1,2})(?:\.(\d{1,7}))?)?$/.exec(expression.trim());
    if (!m)
      throw new ScheduleError(`'${expression}' is neither an NCRONTAB expression nor a TimeSpan (hh:mm:ss).`);
    const [days, hours, minutes, seconds] = [m[1], m[2], m[3], m[4]].map((v) => Number(v ?? 0)) as [
      number,
      number,
      number,
      number,
    ];
    if (hours > 23 || minutes > 59 || seconds > 59)
      throw new ScheduleError(`'${expression}' is not a valid TimeSpan.`);
    const fraction = m[5] ? Number(`0.${m[5]}`) : 0;
    this.intervalMs = Math.round((((days * 24 + hours) * 60 + minutes) * 60 + seconds + fraction) * 1000);
    if (this.intervalMs <= 0)
      throw new ScheduleError(`TimeSpan schedule '${expression}' must be longer than zero.`);
  }

  next(after: Date): Date {
    return new Date(after.getTime() + this.intervalMs);
  }
}
