import { NCrontab } from './NCrontab';
import { TimeSpanSchedule } from './TimeSpanSchedule';

export interface Schedule {
  readonly expression: string;
  /** The next occurrence strictly after `after`; undefined when it never occurs again. */
  next(after: Date): Date | undefined;
}

/** `0 *\/5 * * * *` is NCRONTAB (it has fields), `00:05:00` is a TimeSpan, as the timer extension decides. */
export function parseSchedule(expression: string): Schedule {
  return /\s/.test(expression.trim()) ? new NCrontab(expression) : new TimeSpanSchedule(expression);
}
